package dev.ymchat.client.internal;

import dev.ymchat.client.ApiOperation;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of an API operation as it travels through the transport chain.
 *
 * @param operation the API operation
 * @param businessId the business the request is for (limits are counted per business)
 * @param method the HTTP method
 * @param uri the full URI, query included
 * @param headers request headers added by the chain (such as the credentials), never logged
 * @param body the body, or {@code null}
 * @param timeout the timeout of each attempt
 * @param maxAttempts a per-call override of the retry policy's attempts, or {@code null}
 * @param attempt the number of this attempt, 1 for the first
 */
public record HttpCall(
    ApiOperation operation,
    long businessId,
    String method,
    URI uri,
    Map<String, String> headers,
    BodySource body,
    Duration timeout,
    Integer maxAttempts,
    int attempt) {

  /**
   * Copies the headers.
   *
   * @param operation the API operation
   * @param businessId the business
   * @param method the HTTP method
   * @param uri the full URI
   * @param headers request headers
   * @param body the body, or {@code null}
   * @param timeout the timeout of each attempt
   * @param maxAttempts the per-call attempts, or {@code null}
   * @param attempt the number of this attempt
   */
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /**
   * Creates the first attempt of a call without extra headers.
   *
   * @param operation the API operation
   * @param businessId the business
   * @param method the HTTP method
   * @param uri the full URI
   * @param body the body, or {@code null}
   * @param timeout the timeout of each attempt
   * @param maxAttempts the per-call attempts, or {@code null}
   * @return the call
   */
  public static HttpCall of(
      ApiOperation operation,
      long businessId,
      String method,
      URI uri,
      BodySource body,
      Duration timeout,
      Integer maxAttempts) {
    return new HttpCall(
        operation, businessId, method, uri, Map.of(), body, timeout, maxAttempts, 1);
  }

  /**
   * Returns this call with one more header.
   *
   * @param name the header name
   * @param value the header value
   * @return the new call
   */
  public HttpCall withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new HttpCall(
        operation, businessId, method, uri, copy, body, timeout, maxAttempts, attempt);
  }

  /**
   * Returns this call as the given attempt.
   *
   * @param number the attempt number, 1 for the first
   * @return the new call
   */
  public HttpCall withAttempt(int number) {
    return new HttpCall(
        operation, businessId, method, uri, headers, body, timeout, maxAttempts, number);
  }

  /** Leaves header values out: they hold the credentials. */
  @Override
  public String toString() {
    return "HttpCall{"
        + operation.operationId()
        + " "
        + method
        + " "
        + uri.getRawPath()
        + ", headers="
        + headers.keySet()
        + ", attempt="
        + attempt
        + "}";
  }
}
