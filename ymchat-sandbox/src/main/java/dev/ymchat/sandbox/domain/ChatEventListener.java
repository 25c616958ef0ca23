package dev.ymchat.sandbox.domain;

import java.time.OffsetDateTime;

/**
 * Receives the sandbox's chat events, the raw material of Market's push notifications. Every method
 * is called after the change is committed, on the thread that made it; implementations should
 * return quickly and must not throw (exceptions are logged and ignored).
 */
public interface ChatEventListener {

  /** A listener that ignores every event. */
  ChatEventListener NO_OP = new ChatEventListener() {};

  /**
   * A listener that passes every event to this one, then to the other.
   *
   * @param next the listener called second
   * @return the combined listener
   */
  default ChatEventListener andThen(ChatEventListener next) {
    ChatEventListener first = this;
    return new ChatEventListener() {
      @Override
      public void chatCreated(long businessId, long chatId, OffsetDateTime at) {
        first.chatCreated(businessId, chatId, at);
        next.chatCreated(businessId, chatId, at);
      }

      @Override
      public void messageSent(
          long businessId, long chatId, long messageId, Sender sender, OffsetDateTime at) {
        first.messageSent(businessId, chatId, messageId, sender, at);
        next.messageSent(businessId, chatId, messageId, sender, at);
      }

      @Override
      public void arbitrageStarted(long businessId, long chatId, OffsetDateTime at) {
        first.arbitrageStarted(businessId, chatId, at);
        next.arbitrageStarted(businessId, chatId, at);
      }

      @Override
      public void arbitrageFinished(long businessId, long chatId, OffsetDateTime at) {
        first.arbitrageFinished(businessId, chatId, at);
        next.arbitrageFinished(businessId, chatId, at);
      }

      @Override
      public void ping(OffsetDateTime at) {
        first.ping(at);
        next.ping(at);
      }
    };
  }

  /**
   * A chat was created (by the seller, a buyer or the generator).
   *
   * @param businessId the business
   * @param chatId the new chat
   * @param at when it was created
   */
  default void chatCreated(long businessId, long chatId, OffsetDateTime at) {}

  /**
   * A message was added to a chat; called for every sender, including the seller's own messages
   * (CHAT_MESSAGE_SENT notifications are only for CUSTOMER, MARKET and SUPPORT: filter on sender).
   *
   * @param businessId the business
   * @param chatId the chat
   * @param messageId the new message
   * @param sender who sent it
   * @param at when it was sent
   */
  default void messageSent(
      long businessId, long chatId, long messageId, Sender sender, OffsetDateTime at) {}

  /**
   * A dispute was opened: the chat became ARBITRAGE.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param at when it started
   */
  default void arbitrageStarted(long businessId, long chatId, OffsetDateTime at) {}

  /**
   * A dispute was finished: the chat is FINISHED.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param at when it finished
   */
  default void arbitrageFinished(long businessId, long chatId, OffsetDateTime at) {}

  /**
   * Market checks that the seller's notification endpoint is alive.
   *
   * @param at when the check was made
   */
  default void ping(OffsetDateTime at) {}
}
