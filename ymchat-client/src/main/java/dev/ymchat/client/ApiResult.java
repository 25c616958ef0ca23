package dev.ymchat.client;

import dev.ymchat.client.error.RateLimitInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A result together with the HTTP answer it came in: status, headers and rate-limit headers.
 *
 * @param <T> the type of the result
 */
public final class ApiResult<T> {

  private final T value;
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final RateLimitInfo rateLimit;

  ApiResult(T value, int statusCode, Map<String, List<String>> headers, RateLimitInfo rateLimit) {
    this.value = value;
    this.statusCode = statusCode;
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.rateLimit = rateLimit;
  }

  /**
   * Returns the result.
   *
   * @return the value, or {@code null} for operations without a result (sends)
   */
  public T value() {
    return value;
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status, such as 200
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the response headers; names are case-insensitive.
   *
   * @return the headers
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the rate-limit headers.
   *
   * @return the parsed headers, or empty when the answer had none
   */
  public Optional<RateLimitInfo> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  <R> ApiResult<R> map(java.util.function.Function<T, R> mapper) {
    return new ApiResult<>(mapper.apply(value), statusCode, headers, rateLimit);
  }

  @Override
  public String toString() {
    return "ApiResult{status=" + statusCode + ", value=" + value + ", rateLimit=" + rateLimit + "}";
  }
}
