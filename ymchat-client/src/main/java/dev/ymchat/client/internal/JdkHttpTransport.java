package dev.ymchat.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The bottom of the chain: sends a call with {@link HttpClient#send} on the caller's thread for the
 * synchronous methods, and with {@link HttpClient#sendAsync} for the asynchronous ones. The call's
 * timeout covers the whole answer, body included, and the body is capped in size ({@link
 * BoundedBody}).
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
  public CompletableFuture<HttpResult> execute(HttpCall call) {
    String operation = call.operation().operationId();
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
    HttpRequest built = request.build();
    // the JDK's timeout ends at the headers; the body must be complete by the same deadline
    HttpResponse.BodyHandler<byte[]> body =
        BoundedBody.bytes(
            operation,
            maxResponseSize,
            call.timeout(),
            System.nanoTime() + call.timeout().toNanos());
    if (call.blocking()) {
      try {
        return CompletableFuture.completedFuture(result(operation, http.send(built, body)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(ErrorMapper.transport(operation, e));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(ErrorMapper.failure(operation, e));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(built, body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            throw ErrorMapper.failure(operation, failure);
          }
          return result(operation, response);
        });
  }

  private static HttpResult result(String operation, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      return new HttpResult(status, response.headers().map(), response.body());
    }
    throw ErrorMapper.fromResponse(operation, status, response.headers().map(), response.body());
  }
}
