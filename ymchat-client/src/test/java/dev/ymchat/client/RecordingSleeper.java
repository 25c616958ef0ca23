package dev.ymchat.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each requested delay, moves the fake clock by it and returns at once. */
final class RecordingSleeper implements Sleeper {

  final List<Duration> delays = new CopyOnWriteArrayList<>();
  private final FakeClock clock;
  private final Runnable onSleep;

  RecordingSleeper(FakeClock clock) {
    this(clock, () -> {});
  }

  RecordingSleeper(FakeClock clock, Runnable onSleep) {
    this.clock = clock;
    this.onSleep = onSleep;
  }

  @Override
  public CompletableFuture<Void> sleep(Duration duration) {
    delays.add(duration);
    clock.advance(duration);
    onSleep.run();
    return CompletableFuture.completedFuture(null);
  }
}
