package dev.ymchat.client.error;

import java.util.List;
import java.util.Map;

/**
 * Thrown when the client could not use an answer: not the API's JSON (unreadable, wrong shape, or
 * {@code status} not {@code OK} on a success code), too large, a paging loop or a redirect the
 * client does not follow; {@link #problem()} says which. The raw body is kept in {@link
 * #rawBody()}.
 */
public class InvalidResponseException extends YmChatException {

  private static final long serialVersionUID = 1L;

  /** What was wrong with the answer. */
  public enum Problem {
    /** The body was not the API's JSON, or not of the expected shape. */
    NOT_API_JSON,
    /** The body (or a downloaded file) was longer than the client's limit; it was not read on. */
    TOO_LARGE,
    /** A page named as the next page a token already used, so paging would never end. */
    PAGING_LOOP,
    /** A download redirected to a URL the client does not follow. */
    BAD_REDIRECT
  }

  private final Problem problem;

  /**
   * Creates an exception for a given problem.
   *
   * @param problem what was wrong with the answer
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   * @param cause the parse failure, or {@code null}
   */
  public InvalidResponseException(
      Problem problem,
      String message,
      int statusCode,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody,
      Throwable cause) {
    super(message, statusCode, List.of(), headers, rateLimit, rawBody, cause);
    this.problem = java.util.Objects.requireNonNull(problem, "problem");
  }

  /**
   * Says what was wrong with the answer.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }
}
