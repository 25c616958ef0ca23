package dev.ymchat.client.internal;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Downloads the files of messages: follows redirects by hand, sends the credentials only while the
 * whole redirect chain stays on the API's origin, and hands out a body stream whose reads end
 * ({@link BoundedBody#stream}).
 */
public final class Downloads {

  private static final Log LOG = Log.get("dev.ymchat.client");
  private static final int MAX_REDIRECTS = 5;
  private static final long SIZE_MARGIN_BYTES = 64 * 1024;

  private final HttpClient http;
  private final Credentials credentials;
  private final Origin origin;
  private final String userAgent;
  private final long maxSize;
  private final Duration totalTimeout;

  /**
   * Creates the downloader.
   *
   * @param http the JDK client; it must not follow redirects itself
   * @param credentials the API's credentials
   * @param origin the API's origin, the only one that gets the credentials
   * @param userAgent the {@code User-Agent} value
   * @param maxSize the most bytes of any download
   * @param totalTimeout the longest a download may take, redirects and body included
   */
  public Downloads(
      HttpClient http,
      Credentials credentials,
      Origin origin,
      String userAgent,
      long maxSize,
      Duration totalTimeout) {
    this.http = http;
    this.credentials = credentials;
    this.origin = origin;
    this.userAgent = userAgent;
    this.maxSize = maxSize;
    this.totalTimeout = totalTimeout;
  }

  /**
   * Opens a file for reading.
   *
   * @param url the absolute http(s) URL of the file
   * @param declaredSize the size its message declares, or 0 when unknown
   * @param timeout the request timeout: the longest wait for the headers and for each next bytes
   * @return the body; its reads throw {@link TransportException} when the data stops coming and
   *     {@link InvalidResponseException} past the size cap
   * @throws dev.ymchat.client.error.YmChatException when the download fails before the body
   */
  public InputStream open(URI url, long declaredSize, Duration timeout) {
    long cap = cap(declaredSize);
    String sizeRule =
        cap < maxSize
            ? "its message declares "
                + declaredSize
                + " bytes; the client reads at most that plus 10% and 64 KB"
            : "maxDownloadSize; raise it with ChatsClient.builder().maxDownloadSize(...)";
    long deadline = System.nanoTime() + totalTimeout.toNanos();
    URI uri = url;
    // Once the chain has left the API's origin the credentials are never sent again, even if a
    // redirect leads back: a server off the origin chose that URL.
    boolean chainOnOrigin = true;
    for (int hop = 0; ; hop++) {
      boolean withCredentials = chainOnOrigin && origin.matches(uri);
      chainOnOrigin = withCredentials;
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw BoundedBody.timedOut(
            "download",
            0,
            0,
            ErrorMapper.human(totalTimeout) + " (the download timeout)",
            "Retry later; raise ChatsClient.builder().downloadTimeout(...) on a slow network.");
      }
      Duration wait = timeout.toNanos() < left ? timeout : Duration.ofNanos(left);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(wait).header("User-Agent", userAgent).GET();
      if (withCredentials) {
        request.header(credentials.headerName(), credentials.headerValue());
      }
      HttpResponse<InputStream> response;
      long started = System.nanoTime();
      try {
        response =
            http.send(
                request.build(),
                BoundedBody.stream(cap, sizeRule, timeout, totalTimeout, deadline));
      } catch (IOException e) {
        throw ErrorMapper.failure("download", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            "download interrupted; the file was not downloaded. Retry when the thread may wait.",
            TransportException.Outcome.UNKNOWN,
            e);
      }
      int status = response.statusCode();
      LOG.debug(
          "download GET {} -> HTTP {} (credentials {}, {} ms)",
          LogUrls.mask(uri),
          status,
          withCredentials ? "sent" : "not sent",
          (System.nanoTime() - started) / 1_000_000);
      if (status >= 200 && status <= 299) {
        return response.body();
      }
      Map<String, List<String>> headers = response.headers().map();
      String location = response.headers().firstValue("Location").orElse(null);
      if (status >= 300 && status <= 399 && location != null && hop < MAX_REDIRECTS) {
        readAtMost(response.body(), 0);
        uri = redirect(uri, location, status, headers);
        continue;
      }
      byte[] body = readAtMost(response.body(), ErrorMapper.KEPT_BODY_LIMIT);
      throw ErrorMapper.fromResponse("download", status, headers, body);
    }
  }

  /** The most bytes this download may have: the declared size plus a margin, within the maximum. */
  private long cap(long declaredSize) {
    if (declaredSize <= 0) {
      return maxSize;
    }
    long margin = declaredSize / 10 + SIZE_MARGIN_BYTES;
    return declaredSize > maxSize - margin ? maxSize : declaredSize + margin;
  }

  private static URI redirect(
      URI from, String location, int status, Map<String, List<String>> headers) {
    URI next;
    try {
      next = from.resolve(new URI(location.trim()));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new InvalidResponseException(
          InvalidResponseException.Problem.BAD_REDIRECT,
          "download failed: HTTP " + status + " redirects to a Location that is not a valid URL.",
          status,
          headers,
          null,
          null,
          e);
    }
    String scheme =
        next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
      throw new InvalidResponseException(
          InvalidResponseException.Problem.BAD_REDIRECT,
          "download failed: HTTP "
              + status
              + " redirects to "
              + LogUrls.mask(next)
              + ", which is not an http(s) URL; the client follows only http(s) redirects.",
          status,
          headers,
          null,
          null,
          null);
    }
    return next;
  }

  private static byte[] readAtMost(InputStream in, int max) {
    try (InputStream stream = in) {
      return stream.readNBytes(max);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
