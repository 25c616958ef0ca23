package dev.ymchat.client.notify;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A dispute in a chat is over ({@code CHAT_ARBITRAGE_FINISHED}); never sent for DIRECT chats.
 *
 * @param chatId the chat id
 * @param businessId the business (cabinet) id
 * @param finishedAt when the dispute finished
 */
public record ChatArbitrageFinishedNotification(
    long chatId, long businessId, OffsetDateTime finishedAt) implements Notification {

  /** The wire value of {@code notificationType}. */
  public static final String TYPE = "CHAT_ARBITRAGE_FINISHED";

  /**
   * Checks the fields.
   *
   * @param chatId the chat id
   * @param businessId the business id
   * @param finishedAt when the dispute finished
   * @throws NullPointerException if {@code finishedAt} is {@code null}
   */
  public ChatArbitrageFinishedNotification {
    Objects.requireNonNull(finishedAt, "finishedAt");
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
