package dev.ymchat.client.internal;

import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.Sleeper;
import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Repeats failed calls by a {@link RetryPolicy}, with one decision ({@link #nextDelay}) for the
 * synchronous and the asynchronous path. Delays go through the {@link Sleeper}: an asynchronous
 * call blocks no thread, a synchronous one waits on its caller's.
 */
public final class RetryingTransport implements Transport {

  private static final Log LOG = Log.get("dev.ymchat.client");

  private final Transport next;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Creates the decorator.
   *
   * @param next the transport to call for each attempt
   * @param policy the retry policy
   * @param clock the clock for the budget and rate-limit windows
   * @param sleeper the sleeper for the delays
   */
  public RetryingTransport(Transport next, RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this.next = next;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    Instant start = clock.instant();
    for (int number = 1; ; number++) {
      try {
        return next.execute(call.withAttempt(number));
      } catch (RuntimeException failure) {
        Optional<Duration> delay = nextDelay(call, number, start, failure);
        if (delay.isEmpty()) {
          throw failure;
        }
        logRetry(call, number, failure, delay.get());
        try {
          Futures.join(sleeper.sleep(delay.get()));
        } catch (RuntimeException sleepFailure) {
          failure.addSuppressed(sleepFailure);
          throw failure;
        }
      }
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    CompletableFuture<HttpResult> result = new CompletableFuture<>();
    attempt(call, 1, clock.instant(), result);
    return result;
  }

  private void attempt(
      HttpCall call, int number, Instant start, CompletableFuture<HttpResult> result) {
    Futures.guard(() -> next.executeAsync(call.withAttempt(number)))
        .whenComplete(
            (answer, failure) -> {
              if (failure == null) {
                result.complete(answer);
                return;
              }
              Throwable cause = ErrorMapper.unwrap(failure);
              Optional<Duration> delay = nextDelay(call, number, start, cause);
              if (delay.isEmpty()) {
                result.completeExceptionally(cause);
                return;
              }
              logRetry(call, number, cause, delay.get());
              Futures.guard(() -> sleeper.sleep(delay.get()))
                  .whenComplete(
                      (ignored, sleepFailure) -> {
                        if (sleepFailure != null) {
                          cause.addSuppressed(sleepFailure);
                          result.completeExceptionally(cause);
                        } else {
                          attempt(call, number + 1, start, result);
                        }
                      });
            });
  }

  private static void logRetry(HttpCall call, int number, Throwable cause, Duration delay) {
    LOG.debug(
        "{} attempt {} failed ({}); retrying in {} ms",
        call.name(),
        number,
        cause.getClass().getSimpleName(),
        delay.toMillis());
  }

  /**
   * Decides whether and when to repeat a failed attempt.
   *
   * @param call the call
   * @param number the number of the failed attempt
   * @param start when the first attempt started
   * @param failure the failure
   * @return the delay before the next attempt, or empty to give up
   */
  Optional<Duration> nextDelay(HttpCall call, int number, Instant start, Throwable failure) {
    int maxAttempts = call.maxAttempts() != null ? call.maxAttempts() : policy.maxAttempts();
    if (number >= maxAttempts || !(failure instanceof YmChatException)) {
      return Optional.empty();
    }
    YmChatException error = (YmChatException) failure;
    if (!isRetryable(call.retrySafe(), error)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Duration delay = policy.backoff(number);
    if (error instanceof RateLimitException && error.rateLimit().isPresent()) {
      Instant until = error.rateLimit().get().until();
      if (until != null && until.isAfter(now)) {
        Duration untilReset = Duration.between(now, until);
        if (untilReset.compareTo(policy.maxRateLimitWait()) <= 0) {
          delay = untilReset;
        }
      }
    }
    Duration used = Duration.between(start, now);
    if (used.plus(delay).compareTo(policy.totalBudget()) > 0) {
      LOG.debug(
          "{} gives up after attempt {}: the retry budget of {} would be exceeded",
          call.name(),
          number,
          policy.totalBudget());
      return Optional.empty();
    }
    if (call.download() != null
        && call.download().deadlineNanos() - System.nanoTime() <= delay.toNanos()) {
      LOG.debug(
          "{} gives up after attempt {}: the download timeout of {} would be exceeded",
          call.name(),
          number,
          call.download().total());
      return Optional.empty();
    }
    return Optional.of(delay);
  }

  /**
   * Tells whether a failure may be repeated.
   *
   * <p>Reads, createChat and downloads: 420, 5xx and any I/O failure. Sends: only a request that
   * surely did not reach the server (connection not made), or a 420 / 503 answer, by which the
   * server says it did not process the request.
   *
   * @param retrySafe whether the call may be repeated after an ambiguous failure ({@link
   *     HttpCall#retrySafe})
   * @param error the failure
   * @return {@code true} when repeating cannot send a message twice
   */
  private static boolean isRetryable(boolean retrySafe, YmChatException error) {
    if (error instanceof ClientRateLimitException) {
      return false;
    }
    if (error instanceof RateLimitException) {
      return true;
    }
    if (error instanceof TransportException) {
      return retrySafe
          || ((TransportException) error).outcome() == TransportException.Outcome.NOT_SENT;
    }
    if (error instanceof ServerException) {
      return retrySafe || error.statusCode() == 503;
    }
    return false;
  }
}
