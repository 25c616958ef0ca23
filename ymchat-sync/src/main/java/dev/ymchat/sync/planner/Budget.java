package dev.ymchat.sync.planner;

import java.time.Instant;

/**
 * What the API said of one operation's quota for one business, from its last answer's {@code
 * X-RateLimit-*} headers.
 *
 * @param operation the operation id, such as {@code getChatHistory}
 * @param limit the quota of the window, or null when unknown
 * @param remaining the calls left in the window, or null when unknown
 * @param resetsAt when the window resets, or null when unknown
 * @param blockedUntil when a 420 answer allows calls again, or null when not blocked
 * @param observedAt when the headers were read
 */
public record Budget(
    String operation,
    Long limit,
    Long remaining,
    Instant resetsAt,
    Instant blockedUntil,
    Instant observedAt) {

  /**
   * Returns the share of the quota left, as of a time.
   *
   * @param now the time
   * @return 0..1; 1 when unknown or when the window has reset since
   */
  public double shareLeft(Instant now) {
    if (limit == null || remaining == null || limit <= 0) {
      return 1.0;
    }
    if (resetsAt != null && !now.isBefore(resetsAt)) {
      return 1.0;
    }
    return Math.max(0, Math.min(1.0, remaining / (double) limit));
  }
}
