package dev.ymchat.sandbox.market;

import java.time.Duration;

/**
 * The wait before a notification's next attempt: {@code initial * 2^(n-1)}, at most {@code max}.
 *
 * @param initial the wait after the first failed attempt
 * @param max the longest wait
 */
record WebhookBackoff(Duration initial, Duration max) {

  /**
   * The wait after a number of failed attempts.
   *
   * @param attemptsSoFar at least 1
   * @return the wait
   */
  Duration delay(int attemptsSoFar) {
    // Without overflowing for large attempt counts.
    int shift = Math.min(attemptsSoFar - 1, 30);
    long nanos = initial.toNanos();
    long cap = max.toNanos();
    long delay = nanos > (cap >> shift) ? cap : nanos << shift;
    return Duration.ofNanos(Math.min(delay, cap));
  }
}
