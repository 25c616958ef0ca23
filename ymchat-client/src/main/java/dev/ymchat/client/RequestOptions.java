package dev.ymchat.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Options for the calls of one view of the client, see {@link ChatsClient#withOptions}: each unset
 * option keeps the client's setting.
 */
public final class RequestOptions {

  private static final RequestOptions NONE = new RequestOptions(null, null);

  private final Duration timeout;
  private final Integer maxAttempts;

  private RequestOptions(Duration timeout, Integer maxAttempts) {
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Returns options that change nothing.
   *
   * @return the empty options
   */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * Starts building options.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the timeout of each attempt.
   *
   * @return the timeout, or empty to keep the client's
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Returns the maximum number of attempts, the first included.
   *
   * @return the attempts, or empty to keep the retry policy's
   */
  public OptionalInt maxAttempts() {
    return maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
  }

  /**
   * Returns these options with each unset field taken from {@code base}.
   *
   * @param base the options to fall back on
   * @return the merged options
   */
  RequestOptions orElse(RequestOptions base) {
    return new RequestOptions(
        timeout != null ? timeout : base.timeout,
        maxAttempts != null ? maxAttempts : base.maxAttempts);
  }

  @Override
  public String toString() {
    return "RequestOptions{timeout=" + timeout + ", maxAttempts=" + maxAttempts + "}";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Duration timeout;
    private Integer maxAttempts;

    private Builder() {}

    /**
     * Sets the timeout of each attempt, from sending to the end of the answer.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

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
     * Builds the options.
     *
     * @return the options
     */
    public RequestOptions build() {
      return new RequestOptions(timeout, maxAttempts);
    }
  }
}
