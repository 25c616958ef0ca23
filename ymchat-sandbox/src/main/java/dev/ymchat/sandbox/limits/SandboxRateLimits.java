package dev.ymchat.sandbox.limits;

import dev.ymchat.client.ApiOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox's rate limits, like Market's: an hourly quota per business and operation, and at most
 * a few requests in flight per business. Immutable; every {@code with…} method returns a copy.
 *
 * <pre>{@code
 * SandboxRateLimits.defaults()                         // Market's documented quotas, 4 parallel
 * SandboxRateLimits.defaults().timeScale(3600)         // the hour lasts one second
 * SandboxRateLimits.defaults().quota(ApiOperation.SEND_MESSAGE, 5).clock(testClock)
 * SandboxRateLimits.disabled()                          // headers only, nothing refused
 * }</pre>
 */
public final class SandboxRateLimits {

  private static final Duration HOUR = Duration.ofHours(1);

  private final boolean enabled;
  private final Map<ApiOperation, Integer> quotas;
  private final int maxParallel;
  private final Duration window;
  private final Clock clock;

  private SandboxRateLimits(
      boolean enabled,
      Map<ApiOperation, Integer> quotas,
      int maxParallel,
      Duration window,
      Clock clock) {
    this.enabled = enabled;
    this.quotas = quotas;
    this.maxParallel = maxParallel;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Market's documented limits: the hourly quotas of {@link ApiOperation} and 4 parallel requests.
   *
   * @return the defaults
   */
  public static SandboxRateLimits defaults() {
    Map<ApiOperation, Integer> quotas = new EnumMap<>(ApiOperation.class);
    for (ApiOperation op : ApiOperation.values()) {
      quotas.put(op, op.defaultHourlyQuota());
    }
    return new SandboxRateLimits(true, quotas, 4, HOUR, Clock.systemUTC());
  }

  /**
   * No request is ever refused; the rate-limit headers are still sent.
   *
   * @return limits that never refuse
   */
  public static SandboxRateLimits disabled() {
    SandboxRateLimits d = defaults();
    return new SandboxRateLimits(false, d.quotas, d.maxParallel, d.window, d.clock);
  }

  /**
   * Sets one operation's quota per window.
   *
   * @param operation the operation
   * @param perWindow requests allowed per window (at least 1)
   * @return a copy with the quota
   * @throws IllegalArgumentException when the quota is below 1
   */
  public SandboxRateLimits quota(ApiOperation operation, int perWindow) {
    if (perWindow < 1) {
      throw new IllegalArgumentException(
          "quota for " + operation.operationId() + " must be at least 1, was " + perWindow);
    }
    Map<ApiOperation, Integer> copy = new EnumMap<>(quotas);
    copy.put(Objects.requireNonNull(operation, "operation"), perWindow);
    return new SandboxRateLimits(enabled, copy, maxParallel, window, clock);
  }

  /**
   * Sets how many requests one business may have in flight.
   *
   * @param max at least 1 (Market allows 4)
   * @return a copy with the cap
   * @throws IllegalArgumentException when below 1
   */
  public SandboxRateLimits maxParallel(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, was " + max);
    }
    return new SandboxRateLimits(enabled, quotas, max, window, clock);
  }

  /**
   * Compresses time: the quota window becomes one hour divided by the factor.
   *
   * @param factor at least 1; 3600 makes the hour last a second
   * @return a copy with the shorter window
   * @throws IllegalArgumentException when the factor is below 1
   */
  public SandboxRateLimits timeScale(double factor) {
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("timeScale must be at least 1, was " + factor);
    }
    long millis = Math.max(1, Math.round(HOUR.toMillis() / factor));
    return new SandboxRateLimits(enabled, quotas, maxParallel, Duration.ofMillis(millis), clock);
  }

  /**
   * Sets the clock the windows are measured with (inject a fixed or stepping clock in tests).
   *
   * @param clock the clock
   * @return a copy with the clock
   */
  public SandboxRateLimits clock(Clock clock) {
    return new SandboxRateLimits(
        enabled, quotas, maxParallel, window, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Whether requests over the limits are refused.
   *
   * @return false for {@link #disabled()}
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The quota of an operation per window.
   *
   * @param operation the operation
   * @return requests per window
   */
  public int quota(ApiOperation operation) {
    return quotas.get(operation);
  }

  /**
   * The parallel cap per business.
   *
   * @return requests in flight allowed
   */
  public int maxParallel() {
    return maxParallel;
  }

  /**
   * The length of a quota window.
   *
   * @return one hour unless time is compressed
   */
  public Duration window() {
    return window;
  }

  /**
   * The clock of the windows.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "SandboxRateLimits{enabled="
        + enabled
        + ", quotas="
        + quotas
        + ", maxParallel="
        + maxParallel
        + ", window="
        + window
        + '}';
  }
}
