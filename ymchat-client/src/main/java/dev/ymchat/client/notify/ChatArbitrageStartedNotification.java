package dev.ymchat.client.notify;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A dispute started in a chat ({@code CHAT_ARBITRAGE_STARTED}); never sent for DIRECT chats.
 *
 * @param chatId the chat id
 * @param businessId the business (cabinet) id
 * @param startedAt when the dispute started
 */
public record ChatArbitrageStartedNotification(
    long chatId, long businessId, OffsetDateTime startedAt) implements Notification {

  /** The wire value of {@code notificationType}. */
  public static final String TYPE = "CHAT_ARBITRAGE_STARTED";

  /**
   * Checks the fields.
   *
   * @param chatId the chat id
   * @param businessId the business id
   * @param startedAt when the dispute started
   * @throws NullPointerException if {@code startedAt} is {@code null}
   */
  public ChatArbitrageStartedNotification {
    Objects.requireNonNull(startedAt, "startedAt");
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
