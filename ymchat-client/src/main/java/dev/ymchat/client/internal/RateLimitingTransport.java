package dev.ymchat.client.internal;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ClientRateLimits;
import dev.ymchat.client.Sleeper;
import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.RateLimitInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opt-in client-side limiter: per business a cap of calls in flight and hourly quotas per
 * operation, counted in fixed windows of one hour. Asynchronous calls wait without blocking a
 * thread; a synchronous call waits on its caller's thread. Downloads pass through: Market's quotas
 * and its cap of calls in flight count the API's operations, and a file URL is none (it is often
 * not even on the API's host), so a download neither waits for nor takes an operation's slot.
 */
public final class RateLimitingTransport implements Transport {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final Transport next;
  private final ClientRateLimits limits;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<Long, Business> businesses = new ConcurrentHashMap<>();

  /**
   * Creates the decorator.
   *
   * @param next the transport to call
   * @param limits the limits
   * @param clock the clock of the quota windows
   * @param sleeper the sleeper for waiting out a quota window
   */
  public RateLimitingTransport(
      Transport next, ClientRateLimits limits, Clock clock, Sleeper sleeper) {
    this.next = next;
    this.limits = limits;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    if (call.download() != null) {
      return next.execute(call);
    }
    Business business = businesses.computeIfAbsent(call.businessId(), id -> new Business());
    Duration wait;
    while ((wait = quotaWait(business, call)) != null) {
      Futures.join(sleeper.sleep(wait));
    }
    Futures.join(slot(business, call));
    try {
      return next.execute(call);
    } finally {
      business.release();
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    if (call.download() != null) {
      return next.executeAsync(call);
    }
    Business business = businesses.computeIfAbsent(call.businessId(), id -> new Business());
    Duration wait;
    try {
      wait = quotaWait(business, call);
    } catch (ClientRateLimitException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (wait != null) {
      return sleeper.sleep(wait).thenCompose(ignored -> executeAsync(call));
    }
    return Futures.guard(() -> slot(business, call))
        .thenCompose(
            ignored ->
                Futures.guard(() -> next.executeAsync(call))
                    .whenComplete((result, failure) -> business.release()));
  }

  /**
   * Takes one request of the hourly quota.
   *
   * @return {@code null} when taken, or how long to wait before trying again
   * @throws ClientRateLimitException when the quota is used up and the limiter may not wait so long
   */
  private Duration quotaWait(Business business, HttpCall call) {
    ApiOperation operation = call.operation();
    int quota = limits.hourlyQuota(operation);
    Instant now = clock.instant();
    Instant resetAt = business.takeQuota(operation, quota, now);
    if (resetAt == null) {
      return null;
    }
    Duration wait = Duration.between(now, resetAt);
    if (limits.failFast() || wait.compareTo(limits.maxQuotaWait()) > 0) {
      throw new ClientRateLimitException(
          operation.operationId()
              + " not sent: the client-side hourly quota of "
              + quota
              + " requests for business "
              + call.businessId()
              + " is used up until "
              + resetAt
              + ". Wait, or raise the quota with ClientRateLimits.builder().hourlyQuota(...) "
              + "if the API allows more.",
          new RateLimitInfo((long) quota, 0L, resetAt));
    }
    return wait;
  }

  /**
   * Takes a slot of the in-flight cap.
   *
   * @return a future completing when the slot is this call's
   * @throws ClientRateLimitException when the cap is reached and the limiter fails fast
   */
  private CompletableFuture<Void> slot(Business business, HttpCall call) {
    CompletableFuture<Void> slot = business.acquire(limits.maxInFlight(), limits.failFast());
    if (slot == null) {
      throw new ClientRateLimitException(
          call.operation().operationId()
              + " not sent: business "
              + call.businessId()
              + " already has "
              + limits.maxInFlight()
              + " requests in flight (the client-side cap). Retry when one "
              + "finishes, or let the limiter wait instead of failing fast.",
          null);
    }
    return slot;
  }

  /**
   * Returns the calls in flight for a business, for tests and diagnostics.
   *
   * @param businessId the business
   * @return the number of calls holding a slot
   */
  public int inFlight(long businessId) {
    Business business = businesses.get(businessId);
    return business == null ? 0 : business.inFlight();
  }

  private static final class Business {
    private int inFlight;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private final Map<ApiOperation, Instant> windowStart = new EnumMap<>(ApiOperation.class);
    private final Map<ApiOperation, Integer> used = new EnumMap<>(ApiOperation.class);

    /** Counts one request, or returns when the window resets if the quota is used up. */
    synchronized Instant takeQuota(ApiOperation operation, int quota, Instant now) {
      Instant start = windowStart.get(operation);
      if (start == null || !now.isBefore(start.plus(WINDOW))) {
        windowStart.put(operation, now);
        used.put(operation, 0);
        start = now;
      }
      int count = used.get(operation);
      if (count >= quota) {
        return start.plus(WINDOW);
      }
      used.put(operation, count + 1);
      return null;
    }

    /** Returns a future for a slot, or {@code null} when failing fast and none is free. */
    synchronized CompletableFuture<Void> acquire(int max, boolean failFast) {
      if (inFlight < max) {
        inFlight++;
        return CompletableFuture.completedFuture(null);
      }
      if (failFast) {
        return null;
      }
      CompletableFuture<Void> slot = new CompletableFuture<>();
      waiting.add(slot);
      return slot;
    }

    void release() {
      CompletableFuture<Void> handOver;
      synchronized (this) {
        handOver = waiting.poll();
        if (handOver == null) {
          inFlight--;
        }
      }
      if (handOver != null) {
        handOver.complete(null);
      }
    }

    synchronized int inFlight() {
      return inFlight;
    }
  }
}
