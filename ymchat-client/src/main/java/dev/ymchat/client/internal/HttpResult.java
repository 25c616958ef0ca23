package dev.ymchat.client.internal;

import java.util.List;
import java.util.Map;

/**
 * A successful (2xx) answer.
 *
 * @param statusCode the HTTP status
 * @param headers the response headers as received, never modified afterwards
 * @param body the body bytes
 */
public record HttpResult(int statusCode, Map<String, List<String>> headers, byte[] body) {}
