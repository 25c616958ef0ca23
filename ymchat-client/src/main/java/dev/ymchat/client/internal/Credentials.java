package dev.ymchat.client.internal;

import java.util.Objects;

/** An API key or OAuth token and the header that carries it; {@link #toString()} hides it. */
public final class Credentials {

  private final String headerName;
  private final String headerValue;
  private final String kind;

  private Credentials(String headerName, String headerValue, String kind) {
    this.headerName = headerName;
    this.headerValue = headerValue;
    this.kind = kind;
  }

  /**
   * Credentials sent as {@code Api-Key: <key>}.
   *
   * @param apiKey the key
   * @return the credentials
   */
  public static Credentials apiKey(String apiKey) {
    return new Credentials("Api-Key", Objects.requireNonNull(apiKey), "Api-Key");
  }

  /**
   * Credentials sent as {@code Authorization: Bearer <token>}.
   *
   * @param token the OAuth token
   * @return the credentials
   */
  public static Credentials oauth(String token) {
    return new Credentials("Authorization", "Bearer " + Objects.requireNonNull(token), "OAuth");
  }

  /**
   * Returns the header name.
   *
   * @return {@code Api-Key} or {@code Authorization}
   */
  public String headerName() {
    return headerName;
  }

  /**
   * Returns the header value; never log it.
   *
   * @return the secret header value
   */
  public String headerValue() {
    return headerValue;
  }

  /** Names the kind of credentials only. */
  @Override
  public String toString() {
    return kind + "(redacted)";
  }
}
