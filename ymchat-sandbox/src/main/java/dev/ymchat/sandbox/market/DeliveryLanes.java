package dev.ymchat.sandbox.market;

import dev.ymchat.client.Backoff;
import dev.ymchat.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine behind {@link WebhookDispatcher}: one lane per ordering key, each sending its
 * events one at a time in order, lanes running concurrently on a bounded pool, failed attempts
 * retried after the backoff, duplicates sent on lanes of their own.
 *
 * <p>Every wait (a retry's backoff, a duplicate's delay) goes through the {@link Sleeper} and the
 * timestamps come from the {@link Clock}, so tests drive time by hand instead of sleeping.
 */
final class DeliveryLanes {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int RECENT_LIMIT = 256;

  private final WebhookPost post;
  private final Backoff backoff;
  private final int maxAttempts;
  private final String safeUrl;
  private final Clock clock;
  private final ExecutorService workers;
  private final Sleeper sleeper;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Map<Long, Lane> lanes = new HashMap<>();
  private final RecentDeliveries recent = new RecentDeliveries(RECENT_LIMIT);
  private final DeliveryCounts counts = new DeliveryCounts();
  private FaultDice dice;
  private long copyLanes;
  private boolean closed;

  DeliveryLanes(
      WebhookPost post,
      Backoff backoff,
      int maxAttempts,
      String safeUrl,
      WebhookFaults faults,
      Clock clock,
      int workers,
      String threadPrefix,
      Sleeper sleeper) {
    this.post = post;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.safeUrl = safeUrl;
    this.dice = new FaultDice(faults);
    this.clock = clock;
    this.workers = Executors.newFixedThreadPool(workers, threads(threadPrefix));
    this.sleeper = sleeper;
  }

  /** The counters, all changed under the lanes' lock. */
  static final class DeliveryCounts {
    long outstanding;
    long delivered;
    long failed;
    long attempts;
    long discarded;
    long lost;
    long duplicated;
  }

  long count(ToLongFunction<DeliveryCounts> counter) {
    lock.lock();
    try {
      return counter.applyAsLong(counts);
    } finally {
      lock.unlock();
    }
  }

  List<WebhookDispatcher.DeliveryRecord> recent() {
    lock.lock();
    try {
      return recent.snapshot();
    } finally {
      lock.unlock();
    }
  }

  WebhookFaults faults() {
    lock.lock();
    try {
      return dice.faults();
    } finally {
      lock.unlock();
    }
  }

  void setFaults(WebhookFaults faults) {
    lock.lock();
    try {
      this.dice = new FaultDice(faults);
    } finally {
      lock.unlock();
    }
  }

  void publish(long orderingKey, String json) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException(
            "the webhook dispatcher is closed; build a new one to send more notifications");
      }
      long fate = dice.roll();
      if (fate == FaultDice.LOSE) {
        counts.lost++;
        return;
      }
      Lane lane = lanes.computeIfAbsent(orderingKey, Lane::new);
      Event event = new Event(orderingKey, json);
      lane.queue.add(event);
      counts.outstanding++;
      if (fate >= 0) {
        // The copy is sent once the original is through, after its delay (see finish()).
        event.copyDelayNanos = fate;
        counts.duplicated++;
        counts.outstanding++;
      }
      if (!lane.active) {
        lane.active = true;
        submit(lane);
      }
    } finally {
      lock.unlock();
    }
  }

  boolean awaitIdle(Duration timeout) {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (counts.outstanding > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is pending and stops the threads; true the first time only. */
  boolean close() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      counts.discarded += counts.outstanding;
      counts.outstanding = 0;
      lanes.clear();
      idle.signalAll();
    } finally {
      lock.unlock();
    }
    workers.shutdownNow();
    return true;
  }

  void awaitStopped() {
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A duplicate goes out on a lane of its own once its original was delivered and its delay has
   * passed: unordered with the rest of its chat, so it may follow newer events.
   */
  private void sendCopy(Event copy) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      Lane lane = new Lane(-(++copyLanes));
      lanes.put(lane.key, lane);
      lane.queue.add(copy);
      lane.active = true;
      submit(lane);
    } finally {
      lock.unlock();
    }
  }

  private void submit(Lane lane) {
    try {
      workers.execute(() -> attempt(lane));
    } catch (RejectedExecutionException e) {
      // Only happens once close() has shut the pool down; the event is already discarded.
    }
  }

  private void attempt(Lane lane) {
    Event event;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      event = lane.queue.peek();
      if (event == null) {
        return;
      }
      event.attempts++;
      counts.attempts++;
    } finally {
      lock.unlock();
    }
    WebhookPost.Outcome outcome;
    try {
      outcome = post.send(event.json, event.key == WebhookDispatcher.PING_KEY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    // Only this lane's single in-flight attempt touches event.attempts, so no lock is needed.
    // Logged before the counters change, so awaitIdle() returns only after the warning.
    boolean gaveUp = !outcome.delivered() && event.attempts >= maxAttempts;
    if (gaveUp) {
      LOG.warn(
          "Gave up delivering a notification to {} after {} attempts (last: {}); make the"
              + " endpoint answer HTTP 200 or raise maxAttempts",
          safeUrl,
          event.attempts,
          outcome.error());
    }
    lock.lock();
    try {
      if (!closed) {
        settle(lane, event, outcome, gaveUp);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called under the lock: records the attempt and moves on, retries or gives up. */
  private void settle(Lane lane, Event event, WebhookPost.Outcome outcome, boolean gaveUp) {
    recent.add(
        new WebhookDispatcher.DeliveryRecord(
            event.key,
            event.json,
            event.attempts,
            outcome.status(),
            outcome.delivered(),
            Optional.ofNullable(outcome.error()),
            clock.instant()));
    if (outcome.delivered()) {
      counts.delivered++;
      finish(lane, true);
    } else if (gaveUp) {
      counts.failed++;
      finish(lane, false);
    } else {
      after(backoff.cap(event.attempts), () -> attempt(lane));
    }
  }

  /** Called under the lock: removes the head of the lane and moves on to the next event. */
  private void finish(Lane lane, boolean delivered) {
    Event done = lane.queue.poll();
    counts.outstanding--;
    if (done != null && done.copyDelayNanos >= 0) {
      Event copy = new Event(done.key, done.json);
      if (!delivered) {
        counts.outstanding--;
      } else {
        after(Duration.ofNanos(done.copyDelayNanos), () -> sendCopy(copy));
      }
    }
    if (lane.queue.isEmpty()) {
      lane.active = false;
      lanes.remove(lane.key);
      if (counts.outstanding == 0) {
        idle.signalAll();
      }
    } else {
      submit(lane);
    }
  }

  /**
   * Runs the task on a worker once the sleeper's wait is over; never on the thread that ends the
   * wait, which may be a test advancing its clock, or this one, under the lock, when the wait is
   * over at once. A sleeper whose future fails still ends the wait, so no event stays pending for
   * ever; a task due after close() meets the shut-down pool, and the future it was chained to
   * absorbs the rejection: the event is discarded with the rest.
   */
  private void after(Duration delay, Runnable task) {
    sleeper.sleep(delay).whenCompleteAsync((done, failure) -> task.run(), workers);
  }

  static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static final class Lane {
    final long key;
    final ArrayDeque<Event> queue = new ArrayDeque<>();
    boolean active;

    Lane(long key) {
      this.key = key;
    }
  }

  private static final class Event {
    final long key;
    final String json;
    int attempts;
    long copyDelayNanos = -1;

    Event(long key, String json) {
      this.key = key;
      this.json = json;
    }
  }
}
