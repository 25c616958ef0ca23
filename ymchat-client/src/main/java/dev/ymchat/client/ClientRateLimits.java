package dev.ymchat.client;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The opt-in client-side limiter: per business at most a number of requests in flight (the API
 * allows 4) and an hourly quota per operation, so a client stays under the API's limits instead of
 * collecting 420 answers.
 *
 * <p>Quotas are counted in fixed one-hour windows that start with the first request of the business
 * and operation; every attempt counts. When a request would exceed a limit the client either waits
 * (for a free slot, or for the quota window to reset if that is within {@link #maxQuotaWait()}) or,
 * with {@link Builder#failFast()}, throws {@code ClientRateLimitException}.
 */
public final class ClientRateLimits {

  private final int maxInFlight;
  private final Map<ApiOperation, Integer> hourlyQuotas;
  private final boolean failFast;
  private final Duration maxQuotaWait;

  private ClientRateLimits(Builder b) {
    this.maxInFlight = b.maxInFlight;
    this.hourlyQuotas = Map.copyOf(b.hourlyQuotas);
    this.failFast = b.failFast;
    this.maxQuotaWait = b.maxQuotaWait;
  }

  /**
   * Returns the documented limits: 4 in flight; per hour createChat 1000, getChats 5000,
   * getChatHistory 10000, sendMessage 1000, sendFile 1000, getChat 1000, getChatMessage 1000;
   * waiting, up to 60 s for a quota window.
   *
   * @return the default limits
   */
  public static ClientRateLimits defaults() {
    return builder().build();
  }

  /**
   * Starts building limits from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the maximum number of requests in flight per business.
   *
   * @return at least 1
   */
  public int maxInFlight() {
    return maxInFlight;
  }

  /**
   * Returns the hourly quota of an operation per business.
   *
   * @param operation the operation
   * @return the requests allowed per hour
   */
  public int hourlyQuota(ApiOperation operation) {
    return hourlyQuotas.get(operation);
  }

  /**
   * Tells whether a request over a limit fails at once instead of waiting.
   *
   * @return {@code true} to throw {@code ClientRateLimitException} at once
   */
  public boolean failFast() {
    return failFast;
  }

  /**
   * Returns how long a request may wait for an hourly quota window to reset before it fails.
   *
   * @return the maximum wait
   */
  public Duration maxQuotaWait() {
    return maxQuotaWait;
  }

  @Override
  public String toString() {
    return "ClientRateLimits{maxInFlight="
        + maxInFlight
        + ", hourlyQuotas="
        + hourlyQuotas
        + ", failFast="
        + failFast
        + ", maxQuotaWait="
        + maxQuotaWait
        + "}";
  }

  /** Builds {@link ClientRateLimits}. */
  public static final class Builder {
    private int maxInFlight = 4;
    private final Map<ApiOperation, Integer> hourlyQuotas = new EnumMap<>(ApiOperation.class);
    private boolean failFast;
    private Duration maxQuotaWait = Duration.ofSeconds(60);

    private Builder() {
      for (ApiOperation operation : ApiOperation.values()) {
        hourlyQuotas.put(operation, operation.defaultHourlyQuota());
      }
    }

    /**
     * Sets the maximum number of requests in flight per business.
     *
     * @param maxInFlight at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * Overrides the hourly quota of one operation (quotas change without notice).
     *
     * @param operation the operation
     * @param perHour at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder hourlyQuota(ApiOperation operation, int perHour) {
      if (perHour < 1) {
        throw new IllegalArgumentException(
            "hourly quota of " + operation + " must be at least 1, got " + perHour);
      }
      hourlyQuotas.put(java.util.Objects.requireNonNull(operation, "operation"), perHour);
      return this;
    }

    /**
     * Makes a request over a limit fail at once with {@code ClientRateLimitException}.
     *
     * @return this builder
     */
    public Builder failFast() {
      this.failFast = true;
      return this;
    }

    /**
     * Makes a request over a limit wait (the default); an exhausted hourly quota is waited out only
     * when its window resets within {@code maxQuotaWait}.
     *
     * @param maxQuotaWait the longest wait for a quota window, zero or positive
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder waitUpTo(Duration maxQuotaWait) {
      if (maxQuotaWait == null || maxQuotaWait.isNegative()) {
        throw new IllegalArgumentException(
            "maxQuotaWait must be zero or positive, got " + maxQuotaWait);
      }
      this.failFast = false;
      this.maxQuotaWait = maxQuotaWait;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     */
    public ClientRateLimits build() {
      return new ClientRateLimits(this);
    }
  }
}
