package dev.ymchat.client.internal;

import dev.ymchat.client.ApiOperation;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
 * @param blocking whether the exchange runs on the caller's thread (a synchronous method)
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
    boolean blocking) {

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
   * @param blocking whether the exchange runs on the caller's thread
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
   * @param blocking whether the exchange runs on the caller's thread
   * @return the call
   */
  public static HttpCall of(
      ApiOperation operation,
      long businessId,
      String method,
      URI uri,
      BodySource body,
      Duration timeout,
      Integer maxAttempts,
      boolean blocking) {
    return new HttpCall(
        operation, businessId, method, uri, Map.of(), body, timeout, maxAttempts, 1, blocking);
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
        operation, businessId, method, uri, copy, body, timeout, maxAttempts, attempt, blocking);
  }

  /**
   * Returns this call as the given attempt.
   *
   * @param number the attempt number, 1 for the first
   * @return the new call
   */
  public HttpCall withAttempt(int number) {
    return new HttpCall(
        operation, businessId, method, uri, headers, body, timeout, maxAttempts, number, blocking);
  }

  /** Leaves header values out: they hold the credentials. */
  /**
   * For a blocking call, waits on this thread for a step the exchange depends on (a retry delay, a
   * limiter slot), so the exchange that follows runs on the caller's thread rather than on
   * whichever thread completes the step (a timer, or another caller releasing its slot).
   *
   * @param pending the step
   * @param <T> the step's result type
   * @return the same future, completed when the call is blocking
   */
  public <T> CompletableFuture<T> onCallerThread(CompletableFuture<T> pending) {
    if (blocking && !pending.isDone()) {
      try {
        pending.join();
      } catch (CompletionException | CancellationException e) {
        // the future itself carries the failure to whoever composes on it
      }
    }
    return pending;
  }

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
