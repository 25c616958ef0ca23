package dev.ymchat.client;

import dev.ymchat.client.error.RateLimitInfo;
import dev.ymchat.client.internal.ErrorMapper;
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
  private final Answer answer;

  /**
   * Creates a result.
   *
   * @param value the result
   * @param statusCode the HTTP status
   * @param headers the answer's headers as received; not modified afterwards
   */
  ApiResult(T value, int statusCode, Map<String, List<String>> headers) {
    this(value, new Answer(statusCode, headers));
  }

  private ApiResult(T value, Answer answer) {
    this.value = value;
    this.answer = answer;
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
    return answer.statusCode;
  }

  /**
   * Returns the response headers; names are case-insensitive.
   *
   * @return the headers
   */
  public Map<String, List<String>> headers() {
    return answer.headers();
  }

  /**
   * Returns the rate-limit headers.
   *
   * @return the parsed headers, or empty when the answer had none
   */
  public Optional<RateLimitInfo> rateLimit() {
    return answer.rateLimit();
  }

  <R> ApiResult<R> map(java.util.function.Function<T, R> mapper) {
    return new ApiResult<>(mapper.apply(value), answer);
  }

  @Override
  public String toString() {
    return "ApiResult{status="
        + answer.statusCode
        + ", value="
        + value
        + ", rateLimit="
        + answer.rateLimit().orElse(null)
        + "}";
  }

  /**
   * The HTTP side of a result, shared with the results {@link #map mapped} from it. The headers are
   * copied and the rate-limit headers parsed only when asked for: most callers never look, and on a
   * fast network the copy and the date parsing were a visible part of a call's cost.
   */
  private static final class Answer {
    private final int statusCode;
    private final Map<String, List<String>> received;
    private volatile Map<String, List<String>> headers;
    private volatile Optional<RateLimitInfo> rateLimit;

    Answer(int statusCode, Map<String, List<String>> received) {
      this.statusCode = statusCode;
      this.received = received;
    }

    Map<String, List<String>> headers() {
      Map<String, List<String>> copied = headers;
      if (copied == null) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        copied = Collections.unmodifiableMap(copy);
        headers = copied;
      }
      return copied;
    }

    Optional<RateLimitInfo> rateLimit() {
      Optional<RateLimitInfo> parsed = rateLimit;
      if (parsed == null) {
        parsed = Optional.ofNullable(ErrorMapper.rateLimit(received));
        rateLimit = parsed;
      }
      return parsed;
    }
  }
}
