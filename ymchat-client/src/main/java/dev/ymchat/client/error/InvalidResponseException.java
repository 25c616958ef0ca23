package dev.ymchat.client.error;

import java.util.List;
import java.util.Map;

/**
 * Thrown when the answer was not the API's JSON (unreadable, wrong shape, or {@code status} not
 * {@code OK} on a success code); the raw body is kept in {@link #rawBody()}.
 */
public class InvalidResponseException extends YmChatException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   * @param cause the parse failure, or {@code null}
   */
  public InvalidResponseException(
      String message,
      int statusCode,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody,
      Throwable cause) {
    super(message, statusCode, List.of(), headers, rateLimit, rawBody, cause);
  }
}
