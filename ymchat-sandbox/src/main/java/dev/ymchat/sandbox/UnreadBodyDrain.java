package dev.ymchat.sandbox;

import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads and drops what is left of a request body after its answer was written, without a thread.
 *
 * <p>A request refused from its headers (401, 403) is answered before its body is read. If Jetty
 * then closed the connection while the client was still sending, the client's late bytes would make
 * the socket reset, and the reset would destroy the answer before the client read it (1 in 60
 * refused uploads got no answer at all). So the exchange ends only once the rest of the body is in,
 * read asynchronously: no thread waits for a slow client. The drain gives up (and Jetty closes the
 * connection) after a number of bytes, after a total time, or when the client pauses.
 */
final class UnreadBodyDrain extends Handler.Wrapper {

  private final long maxBytes;
  private final long maxNanos;
  private final long pauseMillis;

  /**
   * Creates the drain.
   *
   * @param maxBytes the most bytes read and dropped
   * @param maxTime the most time spent draining one request
   * @param pause how long the client may stay silent while the rest is drained
   */
  UnreadBodyDrain(long maxBytes, Duration maxTime, Duration pause) {
    this.maxBytes = maxBytes;
    this.maxNanos = maxTime.toNanos();
    this.pauseMillis = pause.toMillis();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return super.handle(
        request,
        response,
        new Callback() {
          @Override
          public void succeeded() {
            new Drain(request, callback).run();
          }

          @Override
          public void failed(Throwable failure) {
            callback.failed(failure);
          }

          @Override
          public InvocationType getInvocationType() {
            return callback.getInvocationType();
          }
        });
  }

  /** One request's drain: reads what is available, asks to be called back when more arrives. */
  private final class Drain implements Runnable {
    private final Request request;
    private final Callback callback;
    private final long started = System.nanoTime();
    private long dropped;
    private long idleTimeout = -1;

    Drain(Request request, Callback callback) {
      this.request = request;
      this.callback = callback;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          if (dropped > maxBytes || System.nanoTime() - started > maxNanos) {
            finish();
            return;
          }
          shortenIdleTimeout();
          request.demand(this);
          return;
        }
        dropped += chunk.remaining();
        boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
        chunk.release();
        if (end || dropped > maxBytes) {
          finish();
          return;
        }
      }
    }

    private void shortenIdleTimeout() {
      if (idleTimeout < 0) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        idleTimeout = endPoint.getIdleTimeout();
        endPoint.setIdleTimeout(Math.min(idleTimeout, pauseMillis));
      }
    }

    private void finish() {
      if (idleTimeout >= 0) {
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(idleTimeout);
      }
      callback.succeeded();
    }
  }
}
