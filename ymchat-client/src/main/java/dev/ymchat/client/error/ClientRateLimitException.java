package dev.ymchat.client.error;

import java.util.List;
import java.util.Map;

/**
 * Thrown when the client-side limiter (opt-in, {@code ClientRateLimits}) refused to send a request
 * because the business would exceed its parallel cap or an hourly quota; nothing was sent and
 * {@link #statusCode()} is 0.
 */
public class ClientRateLimitException extends RateLimitException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which limit was hit and what to do
   * @param rateLimit the client-side window: quota, remaining 0 and when it resets, or {@code null}
   */
  public ClientRateLimitException(String message, RateLimitInfo rateLimit) {
    super(message, new Answer(0, List.of(), Map.of(), rateLimit, null));
  }
}
