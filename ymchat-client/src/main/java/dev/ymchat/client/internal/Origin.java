package dev.ymchat.client.internal;

import java.net.URI;
import java.util.Locale;

/**
 * The origin of a URL, its scheme, host and port (default ports filled in), as the web defines it:
 * the credentials of the API belong to the base URL's origin and to no other.
 */
public final class Origin {

  private final String scheme;
  private final String host;
  private final int port;

  private Origin(String scheme, String host, int port) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  /**
   * Returns the origin of an absolute {@code http} or {@code https} URL.
   *
   * @param uri the URL
   * @return its origin
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL with a host
   */
  public static Origin of(URI uri) {
    Origin origin = parse(uri);
    if (origin == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL with a host: " + uri);
    }
    return origin;
  }

  /**
   * Tells whether a URL has exactly this origin: same scheme, host (ignoring case) and port, with
   * {@code http} on 80 and {@code https} on 443 when no port is given.
   *
   * @param uri the URL, may be {@code null}
   * @return {@code true} only for the same origin; {@code false} for any other or a relative URL
   */
  public boolean matches(URI uri) {
    Origin other = parse(uri);
    return other != null && equals(other);
  }

  private static Origin parse(URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort;
    if (scheme.equals("https")) {
      defaultPort = 443;
    } else if (scheme.equals("http")) {
      defaultPort = 80;
    } else {
      return null;
    }
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Origin other
        && scheme.equals(other.scheme)
        && host.equals(other.host)
        && port == other.port;
  }

  @Override
  public int hashCode() {
    return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port;
  }

  /** Shows the origin as {@code scheme://host:port}. */
  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
