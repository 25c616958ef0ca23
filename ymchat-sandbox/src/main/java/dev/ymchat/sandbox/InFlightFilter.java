package dev.ymchat.sandbox;

import dev.ymchat.sandbox.wire.ErrorEnvelope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;

/**
 * Counts requests in flight for graceful shutdown and refuses new ones while closing. The count
 * drops only after the response is flushed, so stopping Jetty never cuts an answer short.
 */
final class InFlightFilter implements Filter {

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object drained = new Object();
  private final ObjIntConsumer<HttpServletRequest> refused;
  private volatile boolean closing;

  /**
   * Creates the filter.
   *
   * @param refused told of every request answered 503 because the sandbox is closing
   */
  InFlightFilter(ObjIntConsumer<HttpServletRequest> refused) {
    this.refused = refused;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    inFlight.incrementAndGet();
    try {
      if (closing) {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(503);
        refused.accept((HttpServletRequest) request, 503);
        http.setContentType("application/json; charset=utf-8");
        // The connection is not kept: the next request goes to a running sandbox, or is refused.
        http.setHeader("Connection", "close");
        http.getOutputStream()
            .write(ErrorEnvelope.bytes("SERVICE_UNAVAILABLE", ErrorEnvelope.SHUTTING_DOWN));
        http.flushBuffer();
        return;
      }
      chain.doFilter(request, response);
      completeResponse(response);
    } finally {
      if (inFlight.decrementAndGet() == 0 && closing) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
    }
  }

  /**
   * Whether the sandbox is stopping (new requests are refused).
   *
   * @return true once {@link #closeAndAwait} was called
   */
  boolean closing() {
    return closing;
  }

  /**
   * Refuses new requests from now on and waits for those in flight.
   *
   * @param timeout how long to wait at most
   * @return how many requests are still in flight (0 when all finished in time)
   */
  int closeAndAwait(Duration timeout) {
    closing = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drained) {
      long left;
      while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          drained.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return inFlight.get();
  }

  /**
   * Completes the answer (the last chunk included) before the request stops counting as in flight,
   * so a shutdown that waits for the count never cuts a chunked answer short.
   */
  private static void completeResponse(ServletResponse response) throws IOException {
    try {
      response.getOutputStream().close();
    } catch (IllegalStateException writerInUse) {
      response.getWriter().close();
    }
  }
}
