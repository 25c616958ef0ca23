package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.domain.Sender;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Turns chat events into Market's push notifications and hands them to a {@link WebhookDispatcher}:
 * ordered per chat, PING on its own key.
 *
 * <p>CHAT_MESSAGE_SENT goes out for buyer, Market and support messages only, as Market does: the
 * seller learns of its own messages from its own send.
 */
public final class WebhookNotifier implements ChatEventListener {

  private final WebhookDispatcher dispatcher;

  /**
   * Creates a notifier.
   *
   * @param dispatcher where the notifications go
   */
  public WebhookNotifier(WebhookDispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void chatCreated(long businessId, long chatId, OffsetDateTime at) {
    dispatcher.publish(chatId, Notifications.chatCreated(businessId, chatId, at));
  }

  @Override
  public void messageSent(
      long businessId, long chatId, long messageId, Sender sender, OffsetDateTime at) {
    if (sender != Sender.PARTNER) {
      dispatcher.publish(chatId, Notifications.chatMessageSent(businessId, chatId, messageId, at));
    }
  }

  @Override
  public void arbitrageStarted(long businessId, long chatId, OffsetDateTime at) {
    dispatcher.publish(chatId, Notifications.chatArbitrageStarted(businessId, chatId, at));
  }

  @Override
  public void arbitrageFinished(long businessId, long chatId, OffsetDateTime at) {
    dispatcher.publish(chatId, Notifications.chatArbitrageFinished(businessId, chatId, at));
  }

  @Override
  public void ping(OffsetDateTime at) {
    dispatcher.publish(WebhookDispatcher.PING_KEY, Notifications.ping(at));
  }
}
