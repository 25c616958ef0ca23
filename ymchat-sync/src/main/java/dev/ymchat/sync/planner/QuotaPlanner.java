package dev.ymchat.sync.planner;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ApiResult;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.RateLimitInfo;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Plans the API calls of every business: at most a number of calls in flight per business (the API
 * allows 4), the free slot to the most urgent waiter ({@link Priority}), and per operation the
 * budget the {@code X-RateLimit-*} headers report. After a 420 the operation waits until {@code
 * X-RateLimit-Resource-Until} (a 420 for the parallel cap waits a second). Low budgets slow the
 * sweeps down ({@link #sweepInterval}) and hold the backfill back ({@link #allows}) instead of
 * failing. This is the only limiter: the sync's client runs without its own, so nothing waits
 * twice.
 *
 * <p>Waiting uses the injected clock to decide and the monitor's timed wait to pause, so the
 * decisions are tested on a hand-moved clock ({@link #tryAcquire}).
 */
public final class QuotaPlanner {

  /** The share of a quota that the backfill leaves to sends, pushes and sweeps. */
  static final double BACKFILL_RESERVE = 0.2;

  private static final Duration PARALLEL_WAIT = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofMillis(500);

  private final Clock clock;
  private final int maxInFlight;
  private final Map<Long, Gate> gates = new ConcurrentHashMap<>();

  /**
   * Creates a planner.
   *
   * @param clock the clock of windows and waits
   * @param maxInFlight the most calls in flight per business in this process
   */
  public QuotaPlanner(Clock clock, int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    this.clock = clock;
    this.maxInFlight = maxInFlight;
  }

  /** A slot of a business; close it when the call is over. */
  public final class Permit implements AutoCloseable {
    private final Gate gate;
    private boolean closed;

    private Permit(Gate gate) {
      this.gate = gate;
    }

    @Override
    public void close() {
      release();
    }

    /** Gives the slot back; a second call does nothing. */
    public void release() {
      synchronized (gate) {
        if (!closed) {
          closed = true;
          gate.inFlight--;
          gate.notifyAll();
        }
      }
    }
  }

  private static final class Waiter {
    final Priority priority;
    final ApiOperation operation;

    Waiter(Priority priority, ApiOperation operation) {
      this.priority = priority;
      this.operation = operation;
    }
  }

  private static final class Gate {
    int inFlight;
    final List<Waiter> waiting = new ArrayList<>();
    final Map<ApiOperation, Budget> budgets = new EnumMap<>(ApiOperation.class);
    final Map<ApiOperation, Integer> calls = new EnumMap<>(ApiOperation.class);
  }

  private Gate gate(long businessId) {
    return gates.computeIfAbsent(businessId, k -> new Gate());
  }

  /**
   * Takes a slot for a call, waiting for a free slot, for more urgent waiters and for a 420 to
   * pass.
   *
   * @param businessId the business
   * @param operation the operation to call
   * @param priority how urgent the call is
   * @return the slot; close it after the call
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  public Permit acquire(long businessId, ApiOperation operation, Priority priority)
      throws InterruptedException {
    Gate gate = gate(businessId);
    Waiter me = new Waiter(priority, operation);
    synchronized (gate) {
      gate.waiting.add(me);
      try {
        while (true) {
          Optional<Duration> wait = decide(gate, me);
          if (wait.isEmpty()) {
            gate.inFlight++;
            return new Permit(gate);
          }
          long millis = Math.max(1, Math.min(wait.get().toMillis(), MAX_PAUSE.toMillis()));
          gate.wait(millis);
        }
      } finally {
        gate.waiting.remove(me);
      }
    }
  }

  /**
   * Takes a slot if one may be taken now, without waiting.
   *
   * @param businessId the business
   * @param operation the operation
   * @param priority how urgent the call is
   * @return the slot, or empty when the call must wait
   */
  public Optional<Permit> tryAcquire(long businessId, ApiOperation operation, Priority priority) {
    Gate gate = gate(businessId);
    Waiter me = new Waiter(priority, operation);
    synchronized (gate) {
      gate.waiting.add(me);
      try {
        if (decide(gate, me).isEmpty()) {
          gate.inFlight++;
          return Optional.of(new Permit(gate));
        }
        return Optional.empty();
      } finally {
        gate.waiting.remove(me);
      }
    }
  }

  /** Empty when the waiter may go now, else how long to wait before deciding again. */
  private Optional<Duration> decide(Gate gate, Waiter me) {
    Instant now = clock.instant();
    Instant blocked = blockedUntil(gate, me.operation, now);
    if (blocked != null) {
      return Optional.of(Duration.between(now, blocked));
    }
    if (gate.inFlight >= maxInFlight) {
      return Optional.of(MAX_PAUSE);
    }
    for (Waiter other : gate.waiting) {
      if (other != me
          && other.priority.ordinal() < me.priority.ordinal()
          && blockedUntil(gate, other.operation, now) == null) {
        return Optional.of(MAX_PAUSE);
      }
    }
    return Optional.empty();
  }

  private static Instant blockedUntil(Gate gate, ApiOperation operation, Instant now) {
    Budget budget = gate.budgets.get(operation);
    if (budget == null || budget.blockedUntil() == null) {
      return null;
    }
    return now.isBefore(budget.blockedUntil()) ? budget.blockedUntil() : null;
  }

  /**
   * Makes a call under a slot and records the budget its answer reports.
   *
   * @param businessId the business
   * @param operation the operation
   * @param priority how urgent the call is
   * @param call the call, through the client's raw view
   * @param <T> the result type
   * @return the call's result
   * @throws InterruptedException when interrupted while waiting for a slot
   * @throws YmChatException when the call fails; a 420 has been recorded
   */
  public <T> ApiResult<T> call(
      long businessId, ApiOperation operation, Priority priority, Supplier<ApiResult<T>> call)
      throws InterruptedException {
    Permit permit = acquire(businessId, operation, priority);
    try {
      return invoke(businessId, operation, call);
    } finally {
      permit.release();
    }
  }

  /**
   * Makes a call under a slot the caller already holds and records the budget its answer reports.
   *
   * @param businessId the business
   * @param operation the operation
   * @param call the call, through the client's raw view
   * @param <T> the result type
   * @return the call's result
   * @throws YmChatException when the call fails; a 420 has been recorded
   */
  public <T> ApiResult<T> invoke(
      long businessId, ApiOperation operation, Supplier<ApiResult<T>> call) {
    ApiResult<T> result;
    try {
      result = call.get();
    } catch (RateLimitException e) {
      rateLimited(businessId, operation, e);
      throw e;
    } catch (YmChatException e) {
      e.rateLimit().ifPresent(info -> record(businessId, operation, info));
      count(businessId, operation);
      throw e;
    }
    result.rateLimit().ifPresent(info -> record(businessId, operation, info));
    count(businessId, operation);
    return result;
  }

  private void count(long businessId, ApiOperation operation) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      gate.calls.merge(operation, 1, Integer::sum);
    }
  }

  /**
   * Records the rate-limit headers of an answer.
   *
   * @param businessId the business
   * @param operation the operation
   * @param info the headers
   */
  public void record(long businessId, ApiOperation operation, RateLimitInfo info) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      Budget old = gate.budgets.get(operation);
      Instant blocked = old == null ? null : old.blockedUntil();
      gate.budgets.put(
          operation,
          new Budget(
              operation.operationId(),
              info.limit(),
              info.remaining(),
              info.until(),
              blocked,
              clock.instant()));
      gate.notifyAll();
    }
  }

  /**
   * Records a 420: the operation waits until the window resets ({@code
   * X-RateLimit-Resource-Until}), or a second for the parallel cap or when the header is missing.
   *
   * @param businessId the business
   * @param operation the operation
   * @param e the 420
   */
  public void rateLimited(long businessId, ApiOperation operation, RateLimitException e) {
    Instant now = clock.instant();
    RateLimitInfo info = e.rateLimit().orElse(null);
    Instant until = info == null ? null : info.until();
    if (until == null || !until.isAfter(now) || isParallelCap(e)) {
      until = now.plus(PARALLEL_WAIT);
    }
    Gate gate = gate(businessId);
    synchronized (gate) {
      gate.budgets.put(
          operation,
          new Budget(
              operation.operationId(),
              info == null ? null : info.limit(),
              isParallelCap(e) ? null : Long.valueOf(0),
              info == null ? null : info.until(),
              until,
              now));
      gate.notifyAll();
    }
  }

  private static boolean isParallelCap(RateLimitException e) {
    for (ApiError error : e.errors()) {
      String message = error.message();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("parallel")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Tells when an operation may be called again after a 420.
   *
   * @param businessId the business
   * @param operation the operation
   * @return the time, or empty when it is not blocked
   */
  public Optional<Instant> blockedUntil(long businessId, ApiOperation operation) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      return Optional.ofNullable(blockedUntil(gate, operation, clock.instant()));
    }
  }

  /**
   * Returns the share of an operation's quota left.
   *
   * @param businessId the business
   * @param operation the operation
   * @return 0..1; 1 when unknown
   */
  public double shareLeft(long businessId, ApiOperation operation) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      Budget budget = gate.budgets.get(operation);
      return budget == null ? 1.0 : budget.shareLeft(clock.instant());
    }
  }

  /**
   * Tells whether a call of a priority should start now given the budget: sends and push reads
   * always may; the backfill leaves the last fifth of a quota to the others.
   *
   * @param businessId the business
   * @param operation the operation
   * @param priority the priority
   * @return true when the call may start
   */
  public boolean allows(long businessId, ApiOperation operation, Priority priority) {
    if (priority == Priority.BACKFILL) {
      return backfillMayUse(shareLeft(businessId, operation));
    }
    return true;
  }

  /**
   * Tells whether the backfill may call an operation with this share of its quota left: it leaves
   * the last fifth to sends, push reads and sweeps.
   *
   * @param shareLeft 0..1
   * @return true above the reserve
   */
  public static boolean backfillMayUse(double shareLeft) {
    return shareLeft > BACKFILL_RESERVE;
  }

  /**
   * Stretches the sweep interval when getChats runs low: twice as long under half the quota, four
   * times under a quarter, eight times under a tenth.
   *
   * @param businessId the business
   * @param base the configured interval
   * @return the interval to wait before the next sweep
   */
  public Duration sweepInterval(long businessId, Duration base) {
    double left =
        Math.min(
            shareLeft(businessId, ApiOperation.GET_CHATS),
            shareLeft(businessId, ApiOperation.GET_CHAT_HISTORY));
    if (left < 0.1) {
      return base.multipliedBy(8);
    }
    if (left < 0.25) {
      return base.multipliedBy(4);
    }
    if (left < 0.5) {
      return base.multipliedBy(2);
    }
    return base;
  }

  /**
   * Returns the budgets last reported for a business, by operation id.
   *
   * @param businessId the business
   * @return the budgets
   */
  public Map<String, Budget> budgets(long businessId) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      Map<String, Budget> out = new LinkedHashMap<>();
      gate.budgets.forEach((op, b) -> out.put(op.operationId(), b));
      return out;
    }
  }

  /**
   * Returns the calls made for a business by this planner, by operation id.
   *
   * @param businessId the business
   * @return the counts
   */
  public Map<String, Integer> calls(long businessId) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      Map<String, Integer> out = new LinkedHashMap<>();
      gate.calls.forEach((op, n) -> out.put(op.operationId(), n));
      return out;
    }
  }

  /**
   * Returns the calls in flight for a business.
   *
   * @param businessId the business
   * @return the number of calls
   */
  public int inFlight(long businessId) {
    Gate gate = gate(businessId);
    synchronized (gate) {
      return gate.inFlight;
    }
  }

  /**
   * Returns the most calls in flight per business.
   *
   * @return the cap
   */
  public int maxInFlight() {
    return maxInFlight;
  }
}
