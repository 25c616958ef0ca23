package dev.ymchat.client.error;

import dev.ymchat.client.model.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API answered with an error status (400, 401, 403, 404, 420, 423, 5xx); the subclasses name
 * the status class. {@link ClientRateLimitException}, a {@link RateLimitException} too, is the
 * client's own limiter refusing to send: its status is 0.
 */
public class ApiException extends YmChatException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status
   * @param errors the API's errors, may be {@code null}
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   */
  public ApiException(
      String message,
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody) {
    super(message, statusCode, errors, headers, rateLimit, rawBody, null);
  }

  /**
   * Returns the API's code of the first error, such as {@code BAD_REQUEST} or {@code
   * LIMIT_EXCEEDED}.
   *
   * @return the code, or empty when the answer named none
   */
  public Optional<String> errorCode() {
    return errors().stream().map(ApiError::code).filter(c -> c != null && !c.isBlank()).findFirst();
  }
}
