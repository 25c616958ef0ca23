package dev.ymchat.client.notify;

/**
 * A notification body that is not what the specification describes: malformed JSON, no {@code
 * notificationType}, a required field missing, or a field of the wrong type.
 *
 * <p>The message names the offending field and what was expected; it never contains the body.
 * {@link NotificationReceiver} answers such a body with 400 {@code WRONG_EVENT_FORMAT}.
 */
public final class NotificationFormatException extends IllegalArgumentException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the notification
   */
  public NotificationFormatException(String message) {
    super(message);
  }
}
