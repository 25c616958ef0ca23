package dev.ymchat.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Small helpers between the synchronous and the asynchronous paths. */
public final class Futures {

  private Futures() {}

  /**
   * Waits for a future and throws its own failure, not a {@link CompletionException}.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = ErrorMapper.unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /**
   * Calls a step that returns a future, turning an exception it throws into a failed future.
   *
   * @param step the step
   * @param <T> the value type
   * @return the step's future, or a failed one
   */
  public static <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
