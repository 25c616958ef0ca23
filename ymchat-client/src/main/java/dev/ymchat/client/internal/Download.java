package dev.ymchat.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the calls of a download carry beyond an API call: the size cap of the file, the deadline of
 * the whole download (retries and redirects included) and the redirect chain behind the hop.
 *
 * @param maxBytes the most bytes the file may have
 * @param sizeRule how the cap was chosen and how to raise it, for the message
 * @param total the whole download's time limit ({@code downloadTimeout}), for the message
 * @param deadlineNanos the {@link System#nanoTime()} by which the whole download must end
 * @param chain the URLs of the earlier hops of the redirect chain, empty for the first
 */
public record Download(
    long maxBytes, String sizeRule, Duration total, long deadlineNanos, List<URI> chain) {

  private static final long SIZE_MARGIN_BYTES = 64 * 1024;

  /**
   * Copies the chain.
   *
   * @param maxBytes the size cap
   * @param sizeRule how the cap was chosen
   * @param total the time limit
   * @param deadlineNanos the deadline
   * @param chain the earlier hops
   */
  public Download {
    chain = List.copyOf(chain);
  }

  /**
   * Starts a download now: the file may have its declared size plus 10% and 64 KB, never more than
   * {@code maxSize}, and the download must end within {@code total}.
   *
   * @param declaredSize the size the message declares, or 0 when unknown
   * @param maxSize the client's {@code maxDownloadSize}
   * @param total the client's {@code downloadTimeout}
   * @return the download's first hop
   */
  public static Download start(long declaredSize, long maxSize, Duration total) {
    long cap = maxSize;
    if (declaredSize > 0) {
      long margin = declaredSize / 10 + SIZE_MARGIN_BYTES;
      cap = declaredSize > maxSize - margin ? maxSize : declaredSize + margin;
    }
    String sizeRule =
        cap < maxSize
            ? "its message declares "
                + declaredSize
                + " bytes; the client reads at most that plus 10% and 64 KB"
            : "maxDownloadSize; raise it with ChatsClient.builder().maxDownloadSize(...)";
    return new Download(cap, sizeRule, total, System.nanoTime() + total.toNanos(), List.of());
  }

  /**
   * Returns the download as the next hop of its redirect chain sees it.
   *
   * @param from the URL that redirected
   * @return the download with {@code from} added to the chain
   */
  Download after(URI from) {
    List<URI> longer = new ArrayList<>(chain);
    longer.add(from);
    return new Download(maxBytes, sizeRule, total, deadlineNanos, longer);
  }

  /**
   * The timeout of one hop: the request timeout, or less when the download's deadline is nearer.
   *
   * @param timeout the request timeout
   * @return the timeout of the hop
   * @throws dev.ymchat.client.error.TransportException when the deadline has passed
   */
  Duration hopTimeout(Duration timeout) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw BoundedBody.timedOut(
          "download",
          0,
          0,
          ErrorMapper.human(total) + " (the download timeout)",
          "Retry later; raise ChatsClient.builder().downloadTimeout(...) on a slow network.");
    }
    return timeout.toNanos() < left ? timeout : Duration.ofNanos(left);
  }
}
