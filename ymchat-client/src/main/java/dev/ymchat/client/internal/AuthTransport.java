package dev.ymchat.client.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Adds the credentials header to every call whose URL has the API's own origin (scheme, host and
 * port of the base URL); a call to any other origin goes out without them, and so does every later
 * hop of a download's redirect chain once the chain has left the origin.
 */
public final class AuthTransport implements Transport {

  private final Transport next;
  private final Credentials credentials;
  private final Origin origin;

  /**
   * Creates the decorator.
   *
   * @param next the transport to call
   * @param credentials the credentials to add
   * @param origin the origin the credentials belong to
   */
  public AuthTransport(Transport next, Credentials credentials, Origin origin) {
    this.next = next;
    this.credentials = credentials;
    this.origin = origin;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    return next.execute(authenticated(call));
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    return next.executeAsync(authenticated(call));
  }

  private HttpCall authenticated(HttpCall call) {
    // once a redirect chain has left the API's origin the credentials are never sent again, even
    // if it leads back: a server off the origin chose that URL
    if (!origin.matches(call.uri())
        || (call.download() != null
            && !call.download().chain().stream().allMatch(origin::matches))) {
      return call;
    }
    return call.withHeader(credentials.headerName(), credentials.headerValue());
  }
}
