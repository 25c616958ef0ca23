package dev.ymchat.sandbox.market;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A retry timer that records each wait it is asked for and runs the task at once. */
final class InstantRetryTimer extends ScheduledThreadPoolExecutor {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  InstantRetryTimer() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    waits.add(Duration.ofNanos(unit.toNanos(delay)));
    return super.schedule(command, 0, unit);
  }

  /** The waits asked for so far, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
