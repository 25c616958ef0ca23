package dev.ymchat.client.notify;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A new message in a chat ({@code CHAT_MESSAGE_SENT}); not sent for sticker messages.
 *
 * <p>On the wire {@code messageId} is a JSON string, while the chats API uses an int64; this record
 * holds the number, ready for {@code getChatMessage}.
 *
 * @param chatId the chat id
 * @param messageId the message id, as the chats API knows it
 * @param businessId the business (cabinet) id
 * @param sentAt when the message was sent
 */
public record ChatMessageSentNotification(
    long chatId, long messageId, long businessId, OffsetDateTime sentAt) implements Notification {

  /** The wire value of {@code notificationType}. */
  public static final String TYPE = "CHAT_MESSAGE_SENT";

  /**
   * Checks the fields.
   *
   * @param chatId the chat id
   * @param messageId the message id
   * @param businessId the business id
   * @param sentAt when the message was sent
   * @throws NullPointerException if {@code sentAt} is {@code null}
   */
  public ChatMessageSentNotification {
    Objects.requireNonNull(sentAt, "sentAt");
  }

  /**
   * Returns {@value #TYPE}.
   *
   * @return {@value #TYPE}
   */
  @Override
  public String notificationType() {
    return TYPE;
  }
}
