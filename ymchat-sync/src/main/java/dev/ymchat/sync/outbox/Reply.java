package dev.ymchat.sync.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A reply of the outbox.
 *
 * @param replyId the reply's id
 * @param businessId the business
 * @param chatId the chat
 * @param file true for a file, false for a text
 * @param text the text, or null for a file
 * @param fileName the file name, or null for a text
 * @param state where it stands
 * @param attempts the delivery attempts made so far
 * @param inDoubt whether the last attempt's outcome is unknown (it is looked for before another)
 * @param lastError the reason of the last failure or of the block, or null
 * @param messageId the id of its message in the chat once known, else 0
 * @param createdAt when it was queued
 * @param sentAt when it was found sent, or null
 */
public record Reply(
    long replyId,
    long businessId,
    long chatId,
    boolean file,
    String text,
    String fileName,
    ReplyState state,
    int attempts,
    boolean inDoubt,
    String lastError,
    long messageId,
    Instant createdAt,
    Instant sentAt) {

  /**
   * Returns the id of the reply's message in the chat.
   *
   * @return the message id, or empty until the reply is linked to its message
   */
  public OptionalLong message() {
    return messageId == 0 ? OptionalLong.empty() : OptionalLong.of(messageId);
  }

  /**
   * Returns the reason of the last failure.
   *
   * @return the reason, or empty
   */
  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }
}
