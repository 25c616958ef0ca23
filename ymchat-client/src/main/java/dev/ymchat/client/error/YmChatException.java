package dev.ymchat.client.error;

import dev.ymchat.client.model.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The base of every failure of the chats client: an error answer of the API, a transport failure or
 * an answer the client could not read.
 *
 * <p>It carries the HTTP status (0 when there was no answer), the API's {@code errors[]}, the
 * response headers, the parsed rate-limit headers and the raw body when it was not the API's JSON.
 * It never carries the API key or OAuth token.
 */
public class YmChatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final List<ApiError> errors;
  private final Map<String, List<String>> headers;
  private final RateLimitInfo rateLimit;
  private final String rawBody;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status, or 0 when there was no answer
   * @param errors the API's errors, may be {@code null}
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public YmChatException(
      String message,
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody,
      Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    }
    this.headers = java.util.Collections.unmodifiableMap(copy);
    this.rateLimit = rateLimit;
    this.rawBody = rawBody;
  }

  /**
   * Returns the HTTP status of the answer.
   *
   * @return the status, or 0 when no answer was received
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the errors the API listed in its answer.
   *
   * @return the errors, never {@code null}, empty when the body had none
   */
  public List<ApiError> errors() {
    return errors;
  }

  /**
   * Returns the response headers; names are case-insensitive.
   *
   * @return the headers, never {@code null}, empty when there was no answer
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a response header.
   *
   * @param name the header name, case-insensitive
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the rate-limit headers of the answer.
   *
   * @return the parsed headers, or empty when the answer had none
   */
  public Optional<RateLimitInfo> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * Returns the response body as text, kept whole (up to 64 KB) even when it was not JSON.
   *
   * @return the body, or empty when there was none
   */
  public Optional<String> rawBody() {
    return Optional.ofNullable(rawBody);
  }
}
