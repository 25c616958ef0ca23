package dev.ymchat.sync.events;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One durable change of the mirror or the outbox, in the order the changes committed.
 *
 * @param seq the position: increasing, in commit order, never reused
 * @param businessId the business
 * @param chatId the chat, or 0 for a business-wide event
 * @param type what changed
 * @param messageId the message concerned, or 0
 * @param replyId the outbox reply concerned, or 0
 * @param detail a short detail (an old and new status, a failure reason), or null
 * @param occurredAt when the change committed, by the sync's clock
 */
public record SyncEvent(
    long seq,
    long businessId,
    long chatId,
    EventType type,
    long messageId,
    long replyId,
    String detail,
    Instant occurredAt) {

  /**
   * Returns the message concerned.
   *
   * @return the message id, or empty
   */
  public OptionalLong message() {
    return messageId == 0 ? OptionalLong.empty() : OptionalLong.of(messageId);
  }

  /**
   * Returns the reply concerned.
   *
   * @return the reply id, or empty
   */
  public OptionalLong reply() {
    return replyId == 0 ? OptionalLong.empty() : OptionalLong.of(replyId);
  }

  /**
   * Returns the detail.
   *
   * @return the detail, or empty
   */
  public Optional<String> details() {
    return Optional.ofNullable(detail);
  }
}
