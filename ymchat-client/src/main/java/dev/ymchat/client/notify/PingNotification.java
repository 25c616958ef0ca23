package dev.ymchat.client.notify;

import java.time.OffsetDateTime;

/**
 * Market's check that the endpoint answers ({@code PING}); it must be answered within one second.
 *
 * @param time the time stated in the notification, or {@code null} when Market sent none (the field
 *     is optional in the specification)
 */
public record PingNotification(OffsetDateTime time) implements Notification {

  /** The wire value of {@code notificationType}. */
  public static final String TYPE = "PING";

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
