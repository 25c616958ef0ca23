package dev.ymchat.sandbox.api;

import dev.ymchat.sandbox.domain.SandboxException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Reads request bodies so that slow clients cannot hold the server: a size limit, a total deadline
 * for the whole body (Jetty's idle timeout alone restarts with every byte, so a byte a second would
 * keep a request open for ever), and a bound on how many bodies are read at once, which keeps
 * threads free for everyone else however many clients trickle.
 */
public final class BodyReader {

  private final Duration timeout;
  private final int maxConcurrent;
  private final Semaphore readers;

  /**
   * Creates a reader.
   *
   * @param timeout how long a whole body may take to arrive
   * @param maxConcurrent how many bodies may be read at the same time
   */
  public BodyReader(Duration timeout, int maxConcurrent) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("the body read timeout must be positive, was " + timeout);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
    this.readers = new Semaphore(maxConcurrent);
  }

  /**
   * How long a whole body may take to arrive.
   *
   * @return the deadline per body
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Reads the whole body of the request.
   *
   * @param ctx the request
   * @param max the most bytes accepted
   * @param what the limit in words, for the error message (e.g. "a file may be at most 5 MB")
   * @return the body
   * @throws SandboxException 400 when the body is larger than {@code max} or cannot be read, 408
   *     when it did not arrive within the deadline, 503 when too many bodies are being read
   */
  public byte[] read(Context ctx, int max, String what) {
    if (!readers.tryAcquire()) {
      throw new SandboxException(
          503,
          "SERVICE_UNAVAILABLE",
          "The sandbox is already receiving "
              + maxConcurrent
              + " request bodies that arrive slowly; retry in a few seconds");
    }
    ServletChannel channel = channel(ctx);
    long idleTimeout = channel == null ? 0 : channel.getIdleTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    long declared = ctx.req().getContentLengthLong();
    ByteArrayOutputStream data =
        new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
    String tooLarge =
        "The request body is larger than "
            + Http.describeSize(max)
            + " ("
            + what
            + "); send a smaller body";
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > max) {
        throw SandboxException.badRequest(tooLarge);
      }
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw tooSlow(data.size(), declared);
        }
        if (channel != null) {
          // A blocking read waits at most until the deadline, not an idle timeout per byte.
          long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
          channel.setIdleTimeout(idleTimeout > 0 ? Math.min(idleTimeout, millis) : millis);
        }
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, (long) max + 1 - data.size()));
        if (n < 0) {
          return data.toByteArray();
        }
        data.write(buffer, 0, n);
        if (data.size() > max) {
          throw SandboxException.badRequest(tooLarge);
        }
      }
    } catch (IOException e) {
      if (System.nanoTime() - deadline >= 0 || isTimeout(e)) {
        throw tooSlow(data.size(), declared);
      }
      throw SandboxException.badRequest(
          "The request body could not be read completely ("
              + e.getClass().getSimpleName()
              + "); send it again");
    } finally {
      if (channel != null) {
        channel.setIdleTimeout(idleTimeout);
      }
      readers.release();
    }
  }

  private SandboxException tooSlow(int received, long declared) {
    return new SandboxException(
        408,
        "REQUEST_TIMEOUT",
        "The request body did not arrive within "
            + describe(timeout)
            + " ("
            + received
            + (declared >= 0 ? " of " + declared : "")
            + " bytes received); send the whole body without pausing");
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static ServletChannel channel(Context ctx) {
    ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
    return request == null ? null : request.getServletChannel();
  }

  static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
