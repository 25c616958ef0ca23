package dev.ymchat.sandbox.limits;

import dev.ymchat.client.ApiOperation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enforces {@link SandboxRateLimits}: fixed quota windows per business and operation, and a cap on
 * requests in flight per business. Thread-safe.
 */
public final class RateLimiter {

  /** RFC 1123 dates in GMT, as in {@code X-RateLimit-Resource-Until}. */
  public static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final SandboxRateLimits limits;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /**
   * Creates a limiter.
   *
   * @param limits the limits to enforce
   */
  public RateLimiter(SandboxRateLimits limits) {
    this.limits = limits;
  }

  /**
   * The state of a quota after a request was counted (or refused).
   *
   * @param allowed whether the request may proceed
   * @param limit the quota of the window
   * @param remaining requests left in the window
   * @param until when the window resets
   */
  public record QuotaDecision(boolean allowed, int limit, int remaining, Instant until) {

    /**
     * The reset time as the header carries it.
     *
     * @return an RFC 1123 date in GMT
     */
    public String untilHeader() {
      return RFC_1123.format(until);
    }
  }

  private static final class Window {
    long start;
    int used;
  }

  /**
   * Counts a request against its business's quota for the operation.
   *
   * @param business the business key (the path's businessId)
   * @param operation the operation
   * @return whether it is allowed, with the values for the rate-limit headers
   */
  public QuotaDecision acquireQuota(String business, ApiOperation operation) {
    int limit = limits.quota(operation);
    long windowMillis = limits.window().toMillis();
    long now = limits.clock().millis();
    long start = now - Math.floorMod(now, windowMillis);
    Window w = windows.computeIfAbsent(business + '|' + operation, k -> new Window());
    synchronized (w) {
      if (w.start != start) {
        w.start = start;
        w.used = 0;
      }
      Instant until = Instant.ofEpochMilli(start + windowMillis);
      if (w.used >= limit && limits.enabled()) {
        return new QuotaDecision(false, limit, 0, until);
      }
      w.used++;
      return new QuotaDecision(true, limit, Math.max(0, limit - w.used), until);
    }
  }

  /**
   * Gives a counted request back (its answer was a 5xx, which Market does not count).
   *
   * @param business the business key
   * @param operation the operation
   */
  public void refundQuota(String business, ApiOperation operation) {
    Window w = windows.get(business + '|' + operation);
    if (w != null) {
      synchronized (w) {
        if (w.used > 0) {
          w.used--;
        }
      }
    }
  }

  /**
   * Takes a parallel slot of the business; release it with {@link #releaseSlot(String)}.
   *
   * @param business the business key
   * @return false when the business already has the maximum in flight (nothing is taken then)
   */
  public boolean tryAcquireSlot(String business) {
    AtomicInteger counter = inFlight.computeIfAbsent(business, k -> new AtomicInteger());
    while (true) {
      int current = counter.get();
      if (current >= limits.maxParallel() && limits.enabled()) {
        return false;
      }
      if (counter.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /**
   * Releases a slot taken by {@link #tryAcquireSlot(String)}.
   *
   * @param business the business key
   */
  public void releaseSlot(String business) {
    AtomicInteger counter = inFlight.get(business);
    if (counter != null) {
      counter.decrementAndGet();
    }
  }

  /**
   * The parallel cap.
   *
   * @return requests in flight allowed per business
   */
  public int maxParallel() {
    return limits.maxParallel();
  }
}
