package dev.ymchat.client;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff: the delay before attempt {@code n + 1} is {@code min(max, initial *
 * multiplier^(n-1))}, shortened by a random share of up to {@code jitter} of itself.
 *
 * <p>Used by the client's retries (full jitter) and the sandbox's webhook redeliveries (no jitter).
 *
 * @param initial the delay after the first failed attempt, positive
 * @param max the largest delay, positive
 * @param multiplier how much each delay grows over the one before, at least 1
 * @param jitter which share of the delay is random: 0 for none, 1 for "full jitter" (uniform
 *     between 0 and the delay)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /**
   * Checks the settings.
   *
   * @param initial the first delay
   * @param max the largest delay
   * @param multiplier the growth per attempt
   * @param jitter the random share
   * @throws IllegalArgumentException when a duration is not positive, the multiplier is below 1 or
   *     the jitter outside 0..1
   */
  public Backoff {
    positive("initialBackoff", initial);
    positive("maxBackoff", max);
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "backoff multiplier must be a finite number of at least 1, got " + multiplier);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be between 0 and 1, got " + jitter);
    }
  }

  /**
   * Doubling delays from {@code initial} up to {@code max}, without jitter.
   *
   * @param initial the first delay, positive
   * @param max the largest delay, positive
   * @return the backoff
   * @throws IllegalArgumentException when a duration is not positive
   */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, 2, 0);
  }

  /**
   * Returns a copy with another jitter.
   *
   * @param jitter the random share, 0..1
   * @return the new backoff
   * @throws IllegalArgumentException when outside 0..1
   */
  public Backoff withJitter(double jitter) {
    return new Backoff(initial, max, multiplier, jitter);
  }

  /**
   * Returns a copy with another first delay.
   *
   * @param initial the first delay, positive
   * @return the new backoff
   * @throws IllegalArgumentException when not positive
   */
  public Backoff withInitial(Duration initial) {
    return new Backoff(initial, max, multiplier, jitter);
  }

  /**
   * Returns a copy with another largest delay.
   *
   * @param max the largest delay, positive
   * @return the new backoff
   * @throws IllegalArgumentException when not positive
   */
  public Backoff withMax(Duration max) {
    return new Backoff(initial, max, multiplier, jitter);
  }

  /**
   * The delay before the next attempt, without jitter.
   *
   * @param attempt how many attempts failed so far, at least 1
   * @return {@code min(max, initial * multiplier^(attempt-1))}
   * @throws IllegalArgumentException when {@code attempt} is below 1
   */
  public Duration cap(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    long maxNanos = max.toNanos();
    double nanos = initial.toNanos();
    for (int i = 1; i < attempt && nanos < maxNanos; i++) {
      nanos *= multiplier;
    }
    return Duration.ofNanos((long) Math.min(nanos, maxNanos));
  }

  /**
   * The delay before the next attempt, with jitter.
   *
   * @param attempt how many attempts failed so far, at least 1
   * @param random the source of the jitter; not used (and may be {@code null}) when jitter is 0
   * @return a delay between {@code (1 - jitter) * cap(attempt)} and {@code cap(attempt)}
   * @throws IllegalArgumentException when {@code attempt} is below 1
   */
  public Duration delay(int attempt, Random random) {
    Duration cap = cap(attempt);
    if (jitter == 0) {
      return cap;
    }
    double share = 1 - jitter + jitter * random.nextDouble();
    return Duration.ofNanos((long) (cap.toNanos() * share));
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
    }
  }
}
