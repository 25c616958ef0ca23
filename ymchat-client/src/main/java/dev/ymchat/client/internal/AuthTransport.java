package dev.ymchat.client.internal;

import java.util.concurrent.CompletableFuture;

/** Adds the credentials header to every call. */
public final class AuthTransport implements Transport {

  private final Transport next;
  private final Credentials credentials;

  /**
   * Creates the decorator.
   *
   * @param next the transport to call
   * @param credentials the credentials to add
   */
  public AuthTransport(Transport next, Credentials credentials) {
    this.next = next;
    this.credentials = credentials;
  }

  @Override
  public CompletableFuture<HttpResult> execute(HttpCall call) {
    return next.execute(call.withHeader(credentials.headerName(), credentials.headerValue()));
  }
}
