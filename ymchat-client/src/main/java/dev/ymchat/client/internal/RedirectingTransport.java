package dev.ymchat.client.internal;

import dev.ymchat.client.error.InvalidResponseException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Follows the redirects of downloads (at most {@value #MAX_REDIRECTS}, http(s) only), each hop a
 * call through the rest of the chain, so that {@link AuthTransport} decides for every hop whether
 * the credentials go; API calls pass through (a 3xx answer to one is an error). One decision,
 * {@link #nextHop}, serves the synchronous and the asynchronous path.
 */
public final class RedirectingTransport implements Transport {

  /** The most redirects one download follows. */
  public static final int MAX_REDIRECTS = 5;

  private final Transport next;

  /**
   * Creates the decorator.
   *
   * @param next the transport to call for each hop
   */
  public RedirectingTransport(Transport next) {
    this.next = next;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    HttpCall hop = call;
    while (true) {
      HttpResult answer = next.execute(hop);
      HttpCall following = nextHop(hop, answer);
      if (following == null) {
        return answer;
      }
      hop = following;
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    return Futures.guard(() -> next.executeAsync(call))
        .thenCompose(
            answer -> {
              HttpCall following = nextHop(call, answer);
              return following == null
                  ? CompletableFuture.completedFuture(answer)
                  : executeAsync(following);
            });
  }

  /**
   * Decides what follows an answer.
   *
   * @param hop the call that got the answer
   * @param answer the answer
   * @return the next hop, or {@code null} when the answer is the call's
   * @throws dev.ymchat.client.error.YmChatException for a redirect the client does not follow: one
   *     without a {@code Location}, past the {@value #MAX_REDIRECTS}th, or to a URL that is not
   *     http(s)
   */
  private static HttpCall nextHop(HttpCall hop, HttpResult answer) {
    int status = answer.statusCode();
    if (hop.download() == null || status < 300 || status > 399) {
      return null;
    }
    Map<String, List<String>> headers = answer.headers();
    String location = ErrorMapper.first(headers, "Location");
    if (location == null || hop.download().chain().size() >= MAX_REDIRECTS) {
      throw ErrorMapper.fromResponse(hop.name(), status, headers, answer.body());
    }
    return hop.redirectedTo(target(hop, location, status, headers));
  }

  private static URI target(
      HttpCall hop, String location, int status, Map<String, List<String>> headers) {
    URI next;
    try {
      next = hop.uri().resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw badRedirect(
          hop, status, headers, "redirects to a Location that is not a valid URL.", e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
      throw badRedirect(
          hop,
          status,
          headers,
          "redirects to "
              + LogUrls.mask(next)
              + ", which is not an http(s) URL; the client follows only http(s) redirects.",
          null);
    }
    return next;
  }

  private static InvalidResponseException badRedirect(
      HttpCall hop, int status, Map<String, List<String>> headers, String what, Exception cause) {
    return new InvalidResponseException(
        InvalidResponseException.Problem.BAD_REDIRECT,
        hop.name() + " failed: HTTP " + status + " " + what,
        status,
        headers,
        null,
        null,
        cause);
  }
}
