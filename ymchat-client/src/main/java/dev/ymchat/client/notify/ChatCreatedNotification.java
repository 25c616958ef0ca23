package dev.ymchat.client.notify;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A new chat with a buyer exists ({@code CHAT_CREATED}); sent for every chat type.
 *
 * @param chatId the chat id
 * @param businessId the business (cabinet) id
 * @param createdAt when the chat was created
 */
public record ChatCreatedNotification(long chatId, long businessId, OffsetDateTime createdAt)
    implements Notification {

  /** The wire value of {@code notificationType}. */
  public static final String TYPE = "CHAT_CREATED";

  /**
   * Checks the fields.
   *
   * @param chatId the chat id
   * @param businessId the business id
   * @param createdAt when the chat was created
   * @throws NullPointerException if {@code createdAt} is {@code null}
   */
  public ChatCreatedNotification {
    Objects.requireNonNull(createdAt, "createdAt");
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
