package dev.ymchat.client.error;

import dev.ymchat.client.model.ApiError;
import java.util.List;
import java.util.Map;

/**
 * Thrown when a request limit was exceeded: the API answered 420 (an hourly quota or the cap of 4
 * parallel requests per business), or, as {@link ClientRateLimitException}, the client's own
 * limiter refused to send.
 */
public class RateLimitException extends ApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status (420), or 0 for the client-side limiter
   * @param errors the API's errors, may be {@code null}
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   */
  public RateLimitException(
      String message,
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody) {
    super(message, statusCode, errors, headers, rateLimit, rawBody);
  }
}
