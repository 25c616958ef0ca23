package dev.ymchat.client.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A message in a chat ({@code ChatMessageDTO}): text, files, or both.
 *
 * @param messageId the message id
 * @param createdAt when the message was written
 * @param sender who wrote it
 * @param message the text, or {@code null} for a message with files only
 * @param payload the attached files, never {@code null}
 */
public record ChatMessage(
    long messageId,
    OffsetDateTime createdAt,
    MessageSender sender,
    String message,
    List<MessagePayload> payload) {

  /**
   * Copies the payload.
   *
   * @param messageId the message id
   * @param createdAt when the message was written
   * @param sender who wrote it
   * @param message the text
   * @param payload the attached files
   */
  public ChatMessage {
    payload = payload == null ? List.of() : List.copyOf(payload);
  }
}
