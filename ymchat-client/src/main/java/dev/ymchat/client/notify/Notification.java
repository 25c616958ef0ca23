package dev.ymchat.client.notify;

/**
 * A push notification that Market POSTs to the seller's {@code /notification} endpoint.
 *
 * <p>The chat-related types and {@code PING} have their own records; any other type (orders,
 * feedback, questions, or one newer than this library) arrives as {@link UnknownNotification} with
 * its JSON kept, so a new notification type never makes the receiver fail.
 */
public sealed interface Notification
    permits PingNotification,
        ChatCreatedNotification,
        ChatMessageSentNotification,
        ChatArbitrageStartedNotification,
        ChatArbitrageFinishedNotification,
        UnknownNotification {

  /**
   * Returns the notification type exactly as it travels in the {@code notificationType} field.
   *
   * @return the raw type, such as {@code CHAT_MESSAGE_SENT}; never {@code null}
   */
  String notificationType();
}
