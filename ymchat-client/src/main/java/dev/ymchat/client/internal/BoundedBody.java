package dev.ymchat.client.internal;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads answer bodies within a time limit and a size cap. The JDK's request timeout ends when the
 * response headers arrive; a server that then sends half a body, or an endless one, would hold the
 * caller forever. These body handlers end such an answer with a {@link TransportException} (time)
 * or an {@link InvalidResponseException} (size) naming the limit and the setting that raises it.
 */
public final class BoundedBody {

  /** Fires the deadlines of API answers; one daemon thread for every client of the JVM. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private BoundedBody() {}

  /**
   * The body of an API answer as bytes, complete within the attempt's deadline and at most {@code
   * maxBytes} long.
   *
   * @param operation the operation name for messages, such as {@code getChats}
   * @param maxBytes the size cap, at most {@link Integer#MAX_VALUE} - 8
   * @param timeout the attempt's timeout, for the message
   * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must be read
   * @return the handler
   */
  public static HttpResponse.BodyHandler<byte[]> bytes(
      String operation, long maxBytes, Duration timeout, long deadlineNanos) {
    return info -> new Collecting(operation, info, maxBytes, false, timeout, deadlineNanos);
  }

  /**
   * The first {@code maxBytes} of an error answer's body, complete within the deadline; the rest is
   * not read (the exception keeps no more).
   *
   * @param operation the operation name for messages, such as {@code download}
   * @param maxBytes how many bytes to keep
   * @param timeout the attempt's timeout, for the message
   * @param deadlineNanos the {@link System#nanoTime()} by which the kept bytes must be read
   * @return the handler
   */
  public static HttpResponse.BodyHandler<byte[]> head(
      String operation, int maxBytes, Duration timeout, long deadlineNanos) {
    return info -> new Collecting(operation, info, maxBytes, true, timeout, deadlineNanos);
  }

  /**
   * The body of a download as a stream whose reads end: a read waits at most {@code idle} for data
   * and never past the deadline, and the stream refuses to deliver more than {@code maxBytes}. Its
   * reads throw the client's unchecked exceptions, so a caller such as {@code Files.copy} passes
   * them on unchanged.
   *
   * @param maxBytes the size cap
   * @param sizeRule how the cap was chosen and how to raise it, for the message
   * @param idle the longest wait for the next bytes
   * @param total the whole download's time limit, for the message
   * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must be read
   * @return the handler
   */
  public static HttpResponse.BodyHandler<InputStream> stream(
      long maxBytes, String sizeRule, Duration idle, Duration total, long deadlineNanos) {
    return info -> new Streaming(info, maxBytes, sizeRule, idle, total, deadlineNanos);
  }

  private static long declaredLength(HttpHeaders headers) {
    return headers.firstValueAsLong("Content-Length").orElse(-1L);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "ymchat-client-body-deadline");
              thread.setDaemon(true);
              return thread;
            });
    // a body read in time cancels its deadline: do not keep thousands of dead tasks queued
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static TransportException timedOut(
      String operation, int status, long bytesRead, String limit, String raise) {
    return new TransportException(
        operation
            + " failed: the answer (HTTP "
            + status
            + ") did not arrive in full within "
            + limit
            + "; "
            + bytesRead
            + " bytes of its body had been read. The server may have processed the request. "
            + raise,
        TransportException.Outcome.UNKNOWN,
        new HttpTimeoutException("body not received within " + limit));
  }

  /**
   * What both body subscribers share: the answer, the size cap and the deadline, and the refusal of
   * a body whose {@code Content-Length} is over the cap before a byte is read.
   */
  private abstract static class Bounded<T> implements HttpResponse.BodySubscriber<T> {
    final HttpResponse.ResponseInfo info;
    final long maxBytes;
    final long deadlineNanos;
    private final boolean refuseLonger;
    volatile Flow.Subscription subscription;

    Bounded(HttpResponse.ResponseInfo info, long maxBytes, long deadlineNanos, boolean refuse) {
      this.info = info;
      this.maxBytes = maxBytes;
      this.deadlineNanos = deadlineNanos;
      this.refuseLonger = refuse;
    }

    @Override
    public final void onSubscribe(Flow.Subscription s) {
      subscription = s;
      long declared = declaredLength(info.headers());
      if (refuseLonger && declared > maxBytes) {
        refuse(tooLarge(declared));
        return;
      }
      start(s, declared);
    }

    /** Fails the body before reading it. */
    abstract void refuse(InvalidResponseException tooLarge);

    /** Starts reading the body, whose declared length is {@code declared} (or -1). */
    abstract void start(Flow.Subscription s, long declared);

    /** The failure of a body over the cap; {@code declared} is its Content-Length, if that was. */
    abstract InvalidResponseException tooLarge(Long declared);
  }

  /**
   * Collects an API answer's body; fails it at the deadline, and past the cap (or, keeping only the
   * head of an error answer, ends it there).
   */
  private static final class Collecting extends Bounded<byte[]> {
    private final String operation;
    private final boolean keepHead;
    private final Duration timeout;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile ScheduledFuture<?> deadline;
    // guarded by this
    private byte[] buffer = new byte[0];
    private int size;

    Collecting(
        String operation,
        HttpResponse.ResponseInfo info,
        long maxBytes,
        boolean keepHead,
        Duration timeout,
        long deadlineNanos) {
      super(info, maxBytes, deadlineNanos, !keepHead);
      this.operation = operation;
      this.keepHead = keepHead;
      this.timeout = timeout;
    }

    @Override
    void refuse(InvalidResponseException tooLarge) {
      fail(tooLarge);
    }

    @Override
    void start(Flow.Subscription s, long declared) {
      synchronized (this) {
        // a declared length sizes the buffer, but only up to 64 KB before any byte arrived
        buffer = new byte[(int) Math.min(declared >= 0 ? declared : 8192, 64 * 1024)];
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        fail(timedOut());
        return;
      }
      s.request(Long.MAX_VALUE);
      deadline = TIMER.schedule(() -> fail(timedOut()), left, TimeUnit.NANOSECONDS);
      if (result.isDone()) {
        deadline.cancel(false);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      YmChatException failure = null;
      boolean full = false;
      synchronized (this) {
        if (result.isDone()) {
          return;
        }
        for (ByteBuffer item : items) {
          int n = item.remaining();
          if ((long) size + n > maxBytes) {
            if (!keepHead) {
              failure = tooLarge(null);
              break;
            }
            n = (int) (maxBytes - size);
            full = true;
          }
          if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(size + n, 2L * size)));
          }
          item.get(buffer, size, n);
          size += n;
          if (full) {
            break;
          }
        }
      }
      if (failure != null) {
        fail(failure);
      } else if (full) {
        // the head is all the caller keeps: end here, do not read the rest
        onComplete();
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      cancelDeadline();
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      cancelDeadline();
      byte[] body;
      synchronized (this) {
        body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
      }
      result.complete(body);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    private void fail(YmChatException failure) {
      if (result.completeExceptionally(failure)) {
        cancelDeadline();
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }
    }

    private void cancelDeadline() {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
    }

    private TransportException timedOut() {
      long read;
      synchronized (this) {
        read = size;
      }
      return BoundedBody.timedOut(
          operation,
          info.statusCode(),
          read,
          ErrorMapper.human(timeout) + " (the request timeout)",
          "For a send, check the chat history before sending again; raise"
              + " ChatsClient.builder().requestTimeout(...) or RequestOptions.timeout(...) if the"
              + " network is this slow.");
    }

    @Override
    InvalidResponseException tooLarge(Long declared) {
      return new InvalidResponseException(
          InvalidResponseException.Problem.TOO_LARGE,
          operation
              + " failed: the HTTP "
              + info.statusCode()
              + " answer "
              + (declared == null
                  ? "goes on past"
                  : "is " + declared + " bytes long (its Content-Length), over")
              + " the limit of "
              + maxBytes
              + " bytes (maxResponseSize); it was not read further. Check that the base URL"
              + " points at the Partner API, or raise ChatsClient.builder().maxResponseSize(...)"
              + " if its answers really are this large.",
          info.statusCode(),
          info.headers().map(),
          ErrorMapper.rateLimit(info.headers().map()),
          null,
          null);
    }
  }

  /**
   * A download's body as a stream ({@link Body}); each read waits a bounded time. The subscriber
   * side queues what the JDK delivers, one chunk asked for at a time; the reader takes from it.
   */
  private static final class Streaming extends Bounded<InputStream> {
    private static final Object END = new Object();

    private final String sizeRule;
    private final Duration idle;
    private final Duration total;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Body body = new Body();

    Streaming(
        HttpResponse.ResponseInfo info,
        long maxBytes,
        String sizeRule,
        Duration idle,
        Duration total,
        long deadlineNanos) {
      super(info, maxBytes, deadlineNanos, true);
      this.sizeRule = sizeRule;
      this.idle = idle;
      this.total = total;
    }

    @Override
    void refuse(InvalidResponseException tooLarge) {
      queue.add(tooLarge);
      subscription.cancel();
    }

    @Override
    void start(Flow.Subscription s, long declared) {
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> list) {
      queue.add(list);
    }

    @Override
    public void onError(Throwable throwable) {
      queue.add(throwable);
    }

    @Override
    public void onComplete() {
      queue.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
      return CompletableFuture.completedFuture(body);
    }

    @Override
    InvalidResponseException tooLarge(Long declared) {
      return new InvalidResponseException(
          InvalidResponseException.Problem.TOO_LARGE,
          "download failed: the file "
              + (declared == null
                  ? "goes on past"
                  : "is " + declared + " bytes long (its Content-Length), over")
              + " the limit of "
              + maxBytes
              + " bytes ("
              + sizeRule
              + "); it was not read further.",
          info.statusCode(),
          info.headers().map(),
          null,
          null,
          null);
    }

    /** The reader's side: one reader at a time, as for any InputStream. */
    private final class Body extends InputStream {
      private Iterator<ByteBuffer> items = List.<ByteBuffer>of().iterator();
      private ByteBuffer current;
      private long read;
      private boolean ended;
      private boolean closed;
      private RuntimeException failed;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
          throw new IOException("the download stream is closed");
        }
        if (failed != null) {
          throw failed;
        }
        if (len == 0) {
          return 0;
        }
        while (current == null || !current.hasRemaining()) {
          if (ended) {
            return -1;
          }
          if (items.hasNext()) {
            current = items.next();
            continue;
          }
          take();
        }
        int n = Math.min(len, current.remaining());
        if (read + n > maxBytes) {
          throw fail(tooLarge(null));
        }
        current.get(b, off, n);
        read += n;
        return n;
      }

      /** Waits for the next chunk of the body, the end, or a failure. */
      @SuppressWarnings("unchecked")
      private void take() {
        long left = deadlineNanos - System.nanoTime();
        boolean idleWait = idle.toNanos() < left;
        Object item;
        try {
          item =
              left <= 0 ? null : queue.poll(idleWait ? idle.toNanos() : left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw fail(
              new TransportException(
                  "download interrupted after "
                      + read
                      + " bytes; the file was not downloaded. Retry when the thread may wait.",
                  TransportException.Outcome.UNKNOWN,
                  e));
        }
        if (item == null) {
          throw fail(
              idleWait
                  ? BoundedBody.timedOut(
                      "download",
                      info.statusCode(),
                      read,
                      "the request timeout: no data came for " + ErrorMapper.human(idle),
                      "Retry later; raise ChatsClient.builder().requestTimeout(...) if the network"
                          + " is this slow.")
                  : BoundedBody.timedOut(
                      "download",
                      info.statusCode(),
                      read,
                      ErrorMapper.human(total) + " (the download timeout)",
                      "Retry later; raise ChatsClient.builder().downloadTimeout(...) for large"
                          + " files on a slow network."));
        }
        if (item == END) {
          ended = true;
        } else if (item instanceof RuntimeException e) {
          throw fail(e);
        } else if (item instanceof Throwable t) {
          throw fail(ErrorMapper.transport("download", t));
        } else {
          items = ((List<ByteBuffer>) item).iterator();
          Flow.Subscription s = subscription;
          if (s != null) {
            s.request(1);
          }
        }
      }

      private RuntimeException fail(RuntimeException failure) {
        failed = failure;
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        return failure;
      }

      @Override
      public int available() {
        return current == null ? 0 : current.remaining();
      }

      @Override
      public void close() {
        if (closed) {
          return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (!ended && s != null) {
          s.cancel();
        }
        queue.clear();
      }
    }
  }
}
