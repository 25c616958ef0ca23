package dev.ymchat.client.notify;

/**
 * Receives the notifications that {@link NotificationReceiver} accepted.
 *
 * <p>A lambda gets every notification through {@link #onNotification}. An implementation that cares
 * about certain types overrides the typed methods; each of them by default hands the notification
 * to {@link #onNotification}, so nothing is lost.
 *
 * <pre>{@code
 * NotificationListener listener = new NotificationListener() {
 *   @Override public void onChatMessageSent(ChatMessageSentNotification n) { inbox.fetch(n); }
 *   @Override public void onNotification(Notification other) { }
 * };
 * }</pre>
 *
 * <p>A notification is only a hint that something may have changed: anyone can send one, since
 * Market signs nothing. Re-read the state through the API (the chat, its history, the message) and
 * act on that, never on the notification's content; see {@link NotificationReceiver}.
 *
 * <p>Throwing from any method makes the receiver answer 500, so Market delivers the notification
 * again; the event is not remembered as processed. Methods may be called from several threads at
 * once, though never twice at the same time for the same event.
 */
@FunctionalInterface
public interface NotificationListener {

  /**
   * Handles a notification that no overridden typed method took.
   *
   * @param notification the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  void onNotification(Notification notification) throws Exception;

  /**
   * Handles {@code PING}; by default calls {@link #onNotification}.
   *
   * @param ping the notification
   * @throws Exception if handling failed (a ping is still answered 200)
   */
  default void onPing(PingNotification ping) throws Exception {
    onNotification(ping);
  }

  /**
   * Handles {@code CHAT_CREATED}; by default calls {@link #onNotification}.
   *
   * @param created the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  default void onChatCreated(ChatCreatedNotification created) throws Exception {
    onNotification(created);
  }

  /**
   * Handles {@code CHAT_MESSAGE_SENT}; by default calls {@link #onNotification}.
   *
   * @param sent the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  default void onChatMessageSent(ChatMessageSentNotification sent) throws Exception {
    onNotification(sent);
  }

  /**
   * Handles {@code CHAT_ARBITRAGE_STARTED}; by default calls {@link #onNotification}.
   *
   * @param started the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  default void onChatArbitrageStarted(ChatArbitrageStartedNotification started) throws Exception {
    onNotification(started);
  }

  /**
   * Handles {@code CHAT_ARBITRAGE_FINISHED}; by default calls {@link #onNotification}.
   *
   * @param finished the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  default void onChatArbitrageFinished(ChatArbitrageFinishedNotification finished)
      throws Exception {
    onNotification(finished);
  }

  /**
   * Handles a notification of a type this library has no record for; by default calls {@link
   * #onNotification}.
   *
   * @param unknown the notification
   * @throws Exception to make the receiver answer 500 so Market retries
   */
  default void onUnknown(UnknownNotification unknown) throws Exception {
    onNotification(unknown);
  }

  /**
   * Calls the typed method that matches the notification's type.
   *
   * @param notification the notification
   * @throws Exception whatever the called method throws
   */
  default void dispatch(Notification notification) throws Exception {
    if (notification instanceof PingNotification) {
      onPing((PingNotification) notification);
    } else if (notification instanceof ChatCreatedNotification) {
      onChatCreated((ChatCreatedNotification) notification);
    } else if (notification instanceof ChatMessageSentNotification) {
      onChatMessageSent((ChatMessageSentNotification) notification);
    } else if (notification instanceof ChatArbitrageStartedNotification) {
      onChatArbitrageStarted((ChatArbitrageStartedNotification) notification);
    } else if (notification instanceof ChatArbitrageFinishedNotification) {
      onChatArbitrageFinished((ChatArbitrageFinishedNotification) notification);
    } else {
      onUnknown((UnknownNotification) notification);
    }
  }
}
