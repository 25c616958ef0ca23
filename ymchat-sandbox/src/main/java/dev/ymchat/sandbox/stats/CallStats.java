package dev.ymchat.sandbox.stats;

import dev.ymchat.client.ApiOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API calls the sandbox received, per business and operation, by outcome, so a test can
 * assert how a client used the API ("at most one history read per new buyer message"). Every call
 * to an operation's path with a numeric business id counts, whatever its credentials; faults
 * injected in place of the answer count as {@link CallOutcome#FAULT}. Thread-safe.
 */
public final class CallStats {

  private final Map<Key, LongAdder[]> counts = new ConcurrentHashMap<>();

  private record Key(long businessId, ApiOperation operation) {}

  /**
   * The counts of one business and operation.
   *
   * @param businessId the business in the call's path
   * @param operation the operation
   * @param calls every call received
   * @param success answered 2xx
   * @param clientError answered 4xx other than 420
   * @param rateLimited answered 420
   * @param serverError answered 5xx by the sandbox
   * @param fault given an injected fault instead of the answer
   */
  public record Count(
      long businessId,
      ApiOperation operation,
      long calls,
      long success,
      long clientError,
      long rateLimited,
      long serverError,
      long fault) {

    /**
     * Validates the count.
     *
     * @throws NullPointerException if the operation is null
     */
    public Count {
      Objects.requireNonNull(operation, "operation");
    }

    /**
     * The calls that ended one way.
     *
     * @param outcome the outcome
     * @return how many calls ended so
     */
    public long count(CallOutcome outcome) {
      return switch (outcome) {
        case SUCCESS -> success;
        case CLIENT_ERROR -> clientError;
        case RATE_LIMITED -> rateLimited;
        case SERVER_ERROR -> serverError;
        case FAULT -> fault;
      };
    }
  }

  /**
   * Counts one call.
   *
   * @param businessId the business in the call's path
   * @param operation the operation
   * @param outcome how it ended
   */
  public void record(long businessId, ApiOperation operation, CallOutcome outcome) {
    LongAdder[] adders =
        counts.computeIfAbsent(
            new Key(businessId, operation),
            k -> {
              LongAdder[] a = new LongAdder[CallOutcome.values().length];
              for (int i = 0; i < a.length; i++) {
                a[i] = new LongAdder();
              }
              return a;
            });
    adders[outcome.ordinal()].increment();
  }

  /**
   * The counts of one business and operation.
   *
   * @param businessId the business
   * @param operation the operation
   * @return the counts, all zero when no such call arrived
   */
  public Count get(long businessId, ApiOperation operation) {
    return count(new Key(businessId, operation), counts.get(new Key(businessId, operation)));
  }

  /**
   * Every business and operation that received a call, ordered by business id, then operation.
   *
   * @return a snapshot of the counts
   */
  public List<Count> snapshot() {
    List<Count> list = new ArrayList<>();
    counts.forEach((key, adders) -> list.add(count(key, adders)));
    list.sort(
        Comparator.comparingLong(Count::businessId)
            .thenComparing(c -> c.operation().operationId()));
    return List.copyOf(list);
  }

  /**
   * The calls of every business and operation that ended one way.
   *
   * @param outcome the outcome
   * @return the total
   */
  public long total(CallOutcome outcome) {
    long sum = 0;
    for (LongAdder[] adders : counts.values()) {
      sum += adders[outcome.ordinal()].sum();
    }
    return sum;
  }

  /** Starts counting again from zero. */
  public void reset() {
    counts.clear();
  }

  private static Count count(Key key, LongAdder[] adders) {
    long[] n = new long[CallOutcome.values().length];
    if (adders != null) {
      for (int i = 0; i < n.length; i++) {
        n[i] = adders[i].sum();
      }
    }
    long calls = 0;
    for (long v : n) {
      calls += v;
    }
    return new Count(
        key.businessId(),
        key.operation(),
        calls,
        n[CallOutcome.SUCCESS.ordinal()],
        n[CallOutcome.CLIENT_ERROR.ordinal()],
        n[CallOutcome.RATE_LIMITED.ordinal()],
        n[CallOutcome.SERVER_ERROR.ordinal()],
        n[CallOutcome.FAULT.ordinal()]);
  }
}
