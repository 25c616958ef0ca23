package dev.ymchat.client.internal;

import dev.ymchat.client.error.YmChatException;
import java.util.concurrent.CompletableFuture;

/**
 * Logs every attempt at DEBUG: operation, method, path, status, attempt and duration; never a
 * header value or a body. A download's hop is logged with its URL masked ({@link LogUrls}) and
 * whether the credentials went with it (it sits below {@link AuthTransport}, which adds them).
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
    String target;
    String credentials;
    if (call.download() == null) {
      target =
          call.uri().getRawPath()
              + (call.uri().getRawQuery() == null ? "" : "?" + call.uri().getRawQuery());
      credentials = "";
    } else {
      // the key in a file URL is a secret; the headers of a call are only its credentials
      target = LogUrls.mask(call.uri());
      credentials = call.headers().isEmpty() ? "credentials not sent, " : "credentials sent, ";
    }
    if (failure == null) {
      LOG.debug(
          "{} {} {} -> HTTP {} ({}attempt {}, {} ms)",
          call.name(),
          call.method(),
          target,
          result.statusCode(),
          credentials,
          call.attempt(),
          millis);
    } else {
      Throwable cause = ErrorMapper.unwrap(failure);
      int status = cause instanceof YmChatException ? ((YmChatException) cause).statusCode() : 0;
      LOG.debug(
          "{} {} {} -> {} status {} ({}attempt {}, {} ms)",
          call.name(),
          call.method(),
          target,
          cause.getClass().getSimpleName(),
          status,
          credentials,
          call.attempt(),
          millis);
    }
  }
}
