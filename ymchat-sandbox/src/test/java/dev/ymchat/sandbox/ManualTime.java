package dev.ymchat.sandbox;

import dev.ymchat.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Time a test drives: a clock that moves only when told and a {@link Sleeper} whose waits end when
 * the clock passes them, so retries and delays take no real time and cannot flake under load.
 *
 * <p>{@link #atOnce()} moves the clock by each wait and ends it at once, for tests that only need
 * the waits recorded; {@link #byHand()} keeps every wait open until {@link #advance(Duration)}
 * passes its end, for tests that look at what happens before it.
 */
public final class ManualTime extends Clock implements Sleeper {

  /** Where the clock starts. */
  public static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

  private record Wait(Instant end, long order, CompletableFuture<Void> done) {}

  private final boolean atOnce;
  private final List<Duration> waits = new ArrayList<>();
  private final PriorityQueue<Wait> open =
      new PriorityQueue<>(Comparator.comparing(Wait::end).thenComparingLong(Wait::order));
  private Instant now = START;
  private long opened;

  private ManualTime(boolean atOnce) {
    this.atOnce = atOnce;
  }

  /**
   * Time in which every wait passes at once.
   *
   * @return time whose clock jumps over each wait as it is asked for
   */
  public static ManualTime atOnce() {
    return new ManualTime(true);
  }

  /**
   * Time that stands still until the test advances it.
   *
   * @return time whose waits stay open until {@link #advance(Duration)} passes them
   */
  public static ManualTime byHand() {
    return new ManualTime(false);
  }

  @Override
  public synchronized CompletableFuture<Void> sleep(Duration duration) {
    waits.add(duration);
    if (atOnce) {
      now = now.plus(duration);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    open.add(new Wait(now.plus(duration), opened++, done));
    notifyAll();
    return done;
  }

  /**
   * Moves the clock on and ends the waits it passes, the earliest first (outside the lock: what a
   * wait runs next may ask for a new one).
   *
   * @param duration how far, not negative
   */
  public void advance(Duration duration) {
    List<CompletableFuture<Void>> ended = new ArrayList<>();
    synchronized (this) {
      now = now.plus(duration);
      while (!open.isEmpty() && !open.peek().end().isAfter(now)) {
        ended.add(open.poll().done());
      }
    }
    ended.forEach(done -> done.complete(null));
  }

  /**
   * Waits, in real time, until the code under test has opened this many waits that have not ended:
   * it has reached its sleeps.
   *
   * @param count how many open waits to wait for
   * @param timeout how long to wait at most (for the code under test, not for its delays)
   * @return true once that many are open, false on timeout
   * @throws InterruptedException when the test thread is interrupted
   */
  public synchronized boolean awaitOpen(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /**
   * The waits asked for so far, in order.
   *
   * @return the durations
   */
  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("ManualTime runs in UTC only, not in " + zone);
    }
    return this;
  }
}
