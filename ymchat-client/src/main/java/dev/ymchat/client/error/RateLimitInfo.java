package dev.ymchat.client.error;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rate-limit headers of an answer: {@code X-RateLimit-Resource-Limit}, {@code -Remaining} and
 * {@code -Until}.
 *
 * @param limit the quota of the current window, or {@code null} when the header was absent
 * @param remaining the requests left in the current window, or {@code null} when absent
 * @param until when the current window resets, or {@code null} when absent or unreadable
 */
public record RateLimitInfo(Long limit, Long remaining, Instant until) {

  /**
   * Returns the quota of the current window.
   *
   * @return the limit, or empty when the header was absent
   */
  public OptionalLong limitValue() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /**
   * Returns the number of requests left in the current window.
   *
   * @return the remaining count, or empty when the header was absent
   */
  public OptionalLong remainingValue() {
    return remaining == null ? OptionalLong.empty() : OptionalLong.of(remaining);
  }

  /**
   * Returns when the current window resets.
   *
   * @return the reset time, or empty when the header was absent
   */
  public Optional<Instant> untilValue() {
    return Optional.ofNullable(until);
  }
}
