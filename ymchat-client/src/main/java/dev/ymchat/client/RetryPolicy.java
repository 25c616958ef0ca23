package dev.ymchat.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How the client repeats failed requests: exponential backoff with full jitter, waiting for the
 * rate-limit window on 420 when it resets soon, within a number of attempts and a total time
 * budget.
 *
 * <p>Which failures are repeated: reads and createChat on 420, 5xx and any I/O failure; sendMessage
 * and sendFile only when the request surely did not reach the server (the connection could not be
 * made) or the server answered 420 or 503, which say it did not process the request. An ambiguous
 * failure of a send (the connection broke after sending began, a timeout, a 500) is never repeated:
 * it is thrown as is, so a message is not sent twice.
 */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Duration totalBudget;
  private final Backoff backoff;
  private final Duration maxRateLimitWait;
  private final Random random;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.totalBudget = b.totalBudget;
    this.backoff = b.backoff;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.random = b.random;
  }

  /**
   * Returns the default policy: 4 attempts, 2 minutes in all, backoff from 500 ms up to 30 s, and
   * waiting up to 60 s for a rate-limit window.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /**
   * Returns a policy that never repeats a request.
   *
   * @return a policy of one attempt
   */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /**
   * Starts building a policy from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the maximum number of attempts, the first included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the time from the first attempt after which no new attempt starts.
   *
   * @return the budget
   */
  public Duration totalBudget() {
    return totalBudget;
  }

  /**
   * Returns the backoff cap of the first retry; it doubles for each later one.
   *
   * @return the initial backoff
   */
  public Duration initialBackoff() {
    return backoff.initial();
  }

  /**
   * Returns the largest backoff cap.
   *
   * @return the maximum backoff
   */
  public Duration maxBackoff() {
    return backoff.max();
  }

  /**
   * Returns how far ahead {@code X-RateLimit-Resource-Until} may be for a 420 to be waited out
   * exactly; a later reset falls back to the ordinary backoff.
   *
   * @return the maximum wait for a rate-limit window
   */
  public Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  /**
   * Computes the backoff before a retry by {@link #backoff()}: by default a uniformly random
   * duration between 0 and {@code min(maxBackoff, initialBackoff * 2^(retry-1))} (full jitter).
   *
   * @param retry 1 for the first retry, 2 for the second, and so on
   * @return the delay
   */
  public Duration backoff(int retry) {
    synchronized (random) {
      return backoff.delay(retry, random);
    }
  }

  /**
   * Returns the backoff between attempts.
   *
   * @return the backoff, with full jitter unless set otherwise
   */
  public Backoff backoff() {
    return backoff;
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", totalBudget="
        + totalBudget
        + ", backoff="
        + backoff
        + ", maxRateLimitWait="
        + maxRateLimitWait
        + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration totalBudget = Duration.ofMinutes(2);
    private Backoff backoff =
        Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30)).withJitter(1);
    private Duration maxRateLimitWait = Duration.ofSeconds(60);
    private Random random = new Random();

    private Builder() {}

    /**
     * Sets the maximum number of attempts, the first included; 1 turns retries off.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the time from the first attempt after which no retry starts.
     *
     * @param totalBudget a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder totalBudget(Duration totalBudget) {
      if (totalBudget == null || totalBudget.isZero() || totalBudget.isNegative()) {
        throw new IllegalArgumentException(
            "totalBudget must be a positive duration, got " + totalBudget);
      }
      this.totalBudget = totalBudget;
      return this;
    }

    /**
     * Sets the backoff cap of the first retry.
     *
     * @param initialBackoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.backoff = backoff.withInitial(initialBackoff);
      return this;
    }

    /**
     * Sets the largest backoff cap.
     *
     * @param maxBackoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.backoff = backoff.withMax(maxBackoff);
      return this;
    }

    /**
     * Sets the whole backoff between attempts: first and largest delay, growth and jitter.
     *
     * @param backoff the backoff
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets how far ahead a 420's {@code X-RateLimit-Resource-Until} may be to be waited out.
     *
     * @param maxRateLimitWait zero (never wait for the window) or a positive duration
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder maxRateLimitWait(Duration maxRateLimitWait) {
      if (maxRateLimitWait == null || maxRateLimitWait.isNegative()) {
        throw new IllegalArgumentException(
            "maxRateLimitWait must be zero or positive, got " + maxRateLimitWait);
      }
      this.maxRateLimitWait = maxRateLimitWait;
      return this;
    }

    /**
     * Sets the source of jitter; tests pass a seeded one.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
