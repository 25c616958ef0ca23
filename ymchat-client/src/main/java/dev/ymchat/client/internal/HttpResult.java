package dev.ymchat.client.internal;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An answer the chain hands up: a 2xx answer, or for a download the 3xx answer of a redirect
 * ({@link RedirectingTransport} follows it).
 *
 * @param statusCode the HTTP status
 * @param headers the response headers as received, never modified afterwards
 * @param body the body bytes; empty for the 2xx answer of a download
 * @param stream the open body of a download's 2xx answer (its reads end, see {@link
 *     BoundedBody#stream}; the receiver closes it), or {@code null}
 */
public record HttpResult(
    int statusCode, Map<String, List<String>> headers, byte[] body, InputStream stream) {

  /**
   * Creates an answer read as bytes.
   *
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the body bytes
   */
  public HttpResult(int statusCode, Map<String, List<String>> headers, byte[] body) {
    this(statusCode, headers, body, null);
  }
}
