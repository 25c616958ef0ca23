package dev.ymchat.client.internal;

import dev.ymchat.client.ApiOperation;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as it travels through the transport chain: a call of an API operation, or one hop of
 * a file download (then {@code operation} is {@code null} and {@code download} is set).
 *
 * @param operation the API operation, or {@code null} for a download
 * @param businessId the business the request is for (limits are counted per business), 0 for a
 *     download
 * @param method the HTTP method
 * @param uri the full URI, query included
 * @param headers request headers added by the chain: only the credentials ({@link AuthTransport}),
 *     so empty when they are not sent; never logged
 * @param body the body, or {@code null}
 * @param timeout the timeout of each attempt
 * @param maxAttempts a per-call override of the retry policy's attempts, or {@code null}
 * @param attempt the number of this attempt, 1 for the first
 * @param download the size cap, deadline and redirect chain of a download, or {@code null} for an
 *     API call
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
    int attempt,
    Download download) {

  /**
   * Copies the headers.
   *
   * @param operation the API operation, or {@code null} for a download
   * @param businessId the business
   * @param method the HTTP method
   * @param uri the full URI
   * @param headers request headers
   * @param body the body, or {@code null}
   * @param timeout the timeout of each attempt
   * @param maxAttempts the per-call attempts, or {@code null}
   * @param attempt the number of this attempt
   * @param download the download, or {@code null}
   */
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /**
   * Creates the first attempt of an API call without extra headers.
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
        operation, businessId, method, uri, Map.of(), body, timeout, maxAttempts, 1, null);
  }

  /**
   * Creates the first attempt of a download: a {@code GET} whose answer comes as a stream.
   *
   * @param uri the absolute http(s) URL of the file
   * @param timeout the request timeout: the longest wait for the headers and for each next bytes
   * @param maxAttempts the per-call attempts, or {@code null}
   * @param download the download's limits
   * @return the call
   */
  public static HttpCall download(
      URI uri, Duration timeout, Integer maxAttempts, Download download) {
    return new HttpCall(null, 0, "GET", uri, Map.of(), null, timeout, maxAttempts, 1, download);
  }

  /**
   * Returns the name of the call for messages and logs.
   *
   * @return the operationId, such as {@code getChats}, or {@code download}
   */
  public String name() {
    return operation == null ? "download" : operation.operationId();
  }

  /**
   * Tells whether repeating the call after an ambiguous failure cannot do harm.
   *
   * @return {@code true} for reads, createChat and downloads (a {@code GET} of a file)
   */
  public boolean retrySafe() {
    return operation == null || operation.isRetrySafe();
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
        operation, businessId, method, uri, copy, body, timeout, maxAttempts, attempt, download);
  }

  /**
   * Returns this call as the given attempt.
   *
   * @param number the attempt number, 1 for the first
   * @return the new call
   */
  public HttpCall withAttempt(int number) {
    return new HttpCall(
        operation, businessId, method, uri, headers, body, timeout, maxAttempts, number, download);
  }

  /**
   * Returns the next hop of a download's redirect chain: the same attempt, to another URL, without
   * the headers of this hop ({@link AuthTransport} decides again whether the credentials go).
   *
   * @param next the URL the answer redirects to
   * @return the new call
   */
  HttpCall redirectedTo(URI next) {
    return new HttpCall(
        operation,
        businessId,
        method,
        next,
        Map.of(),
        body,
        timeout,
        maxAttempts,
        attempt,
        download.after(uri));
  }

  /** Leaves header values out (they hold the credentials) and masks the URL of a download. */
  @Override
  public String toString() {
    return "HttpCall{"
        + name()
        + " "
        + method
        + " "
        + (download == null ? uri.getRawPath() : LogUrls.mask(uri))
        + ", headers="
        + headers.keySet()
        + ", attempt="
        + attempt
        + "}";
  }
}
