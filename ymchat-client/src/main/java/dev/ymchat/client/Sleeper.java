package dev.ymchat.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits without blocking a thread: retries and the client-side limiter wait through it, so tests
 * can inject one that returns at once and records the delays.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Returns a future that completes after the duration.
   *
   * @param duration how long to wait, not negative
   * @return a future completing (normally) when the time is up
   */
  CompletableFuture<Void> sleep(Duration duration);

  /**
   * The real sleeper: completes the future from {@link CompletableFuture#delayedExecutor}.
   *
   * @return a sleeper using wall-clock time
   */
  static Sleeper system() {
    return duration -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      long millis = Math.max(0, duration.toMillis());
      if (millis == 0) {
        done.complete(null);
      } else {
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
            .execute(() -> done.complete(null));
      }
      return done;
    };
  }
}
