package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A message in a chat ({@code ChatMessageDTO}): text, files, or both.
 *
 * @param messageId the message id
 * @param createdAt when the message was written
 * @param sender who wrote it
 * @param message the text, or {@code null} for a message with files only
 * @param payload the attached files, never {@code null}; omitted from the JSON when empty (the spec
 *     allows no empty array)
 */
public record ChatMessage(
    @JsonProperty(required = true) long messageId,
    OffsetDateTime createdAt,
    MessageSender sender,
    String message,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MessagePayload> payload) {

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
