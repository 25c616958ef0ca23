package dev.ymchat.client.internal;

import dev.ymchat.client.error.RateLimitInfo;
import java.util.List;
import java.util.Map;

/**
 * A successful (2xx) answer.
 *
 * @param statusCode the HTTP status
 * @param headers the response headers
 * @param body the body bytes
 */
public record HttpResult(int statusCode, Map<String, List<String>> headers, byte[] body) {

  /**
   * Parses the rate-limit headers.
   *
   * @return the parsed headers, or {@code null} when there were none
   */
  public RateLimitInfo rateLimit() {
    return ErrorMapper.rateLimit(headers);
  }
}
