package dev.ymchat.client.internal;

import dev.ymchat.client.error.YmChatException;
import java.util.concurrent.CompletableFuture;

/**
 * Logs every attempt at DEBUG: operation, method, path, status, attempt and duration; never a
 * header value or a body.
 */
public final class LoggingTransport implements Transport {

  private static final Log LOG = Log.get("dev.ymchat.client");

  private final Transport next;

  /**
   * Creates the decorator.
   *
   * @param next the transport to call
   */
  public LoggingTransport(Transport next) {
    this.next = next;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    if (!LOG.isDebugEnabled()) {
      return next.execute(call);
    }
    long started = System.nanoTime();
    try {
      HttpResult result = next.execute(call);
      log(call, started, result, null);
      return result;
    } catch (RuntimeException e) {
      log(call, started, null, e);
      throw e;
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    if (!LOG.isDebugEnabled()) {
      return next.executeAsync(call);
    }
    long started = System.nanoTime();
    return next.executeAsync(call)
        .whenComplete((result, failure) -> log(call, started, result, failure));
  }

  private static void log(HttpCall call, long started, HttpResult result, Throwable failure) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    String path =
        call.uri().getRawPath()
            + (call.uri().getRawQuery() == null ? "" : "?" + call.uri().getRawQuery());
    if (failure == null) {
      LOG.debug(
          "{} {} {} -> HTTP {} (attempt {}, {} ms)",
          call.operation().operationId(),
          call.method(),
          path,
          result.statusCode(),
          call.attempt(),
          millis);
    } else {
      Throwable cause = ErrorMapper.unwrap(failure);
      int status = cause instanceof YmChatException ? ((YmChatException) cause).statusCode() : 0;
      LOG.debug(
          "{} {} {} -> {} status {} (attempt {}, {} ms)",
          call.operation().operationId(),
          call.method(),
          path,
          cause.getClass().getSimpleName(),
          status,
          call.attempt(),
          millis);
    }
  }
}
