package dev.ymchat.client.error;

import dev.ymchat.client.model.ApiError;
import java.util.List;
import java.util.Map;

/** Thrown when the service failed or is overloaded (HTTP 5xx). */
public class ServerException extends ApiException {

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
  public ServerException(
      String message,
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody) {
    super(message, statusCode, errors, headers, rateLimit, rawBody);
  }
}
