package dev.ymchat.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The bottom of the chain: {@link #execute} sends a call with {@link HttpClient#send} on the
 * caller's thread, {@link #executeAsync} with {@link HttpClient#sendAsync}. The call's timeout
 * covers the whole answer, body included, and the body is capped in size ({@link BoundedBody}).
 */
public final class JdkHttpTransport implements Transport {

  private final HttpClient http;
  private final String userAgent;
  private final long maxResponseSize;

  /**
   * Creates the transport.
   *
   * @param http the JDK client
   * @param userAgent the {@code User-Agent} value
   * @param maxResponseSize the most bytes an answer's body may have
   */
  public JdkHttpTransport(HttpClient http, String userAgent, long maxResponseSize) {
    this.http = http;
    this.userAgent = userAgent;
    this.maxResponseSize = maxResponseSize;
  }

  @Override
  public HttpResult execute(HttpCall call) {
    String operation = call.operation().operationId();
    try {
      return result(operation, http.send(request(call), bodyHandler(call)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ErrorMapper.transport(operation, e);
    } catch (IOException e) {
      throw ErrorMapper.failure(operation, e);
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    String operation = call.operation().operationId();
    return Futures.guard(() -> http.sendAsync(request(call), bodyHandler(call)))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw ErrorMapper.failure(operation, failure);
              }
              return result(operation, response);
            });
  }

  private HttpRequest request(HttpCall call) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri())
            .timeout(call.timeout())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    call.headers().forEach(request::header);
    if (call.body() != null) {
      request.header("Content-Type", call.body().contentType());
      request.method(call.method(), call.body().publisher());
    } else {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return request.build();
  }

  private HttpResponse.BodyHandler<byte[]> bodyHandler(HttpCall call) {
    // the JDK's timeout ends at the headers; the body must be complete by the same deadline
    return BoundedBody.bytes(
        call.operation().operationId(),
        maxResponseSize,
        call.timeout(),
        System.nanoTime() + call.timeout().toNanos());
  }

  private static HttpResult result(String operation, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      return new HttpResult(status, response.headers().map(), response.body());
    }
    throw ErrorMapper.fromResponse(operation, status, response.headers().map(), response.body());
  }
}
