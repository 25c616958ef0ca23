package dev.ymchat.client.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** The bottom of the chain: sends a call with {@link HttpClient#sendAsync}. */
public final class JdkHttpTransport implements Transport {

  private final HttpClient http;
  private final String userAgent;

  /**
   * Creates the transport.
   *
   * @param http the JDK client
   * @param userAgent the {@code User-Agent} value
   */
  public JdkHttpTransport(HttpClient http, String userAgent) {
    this.http = http;
    this.userAgent = userAgent;
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
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            throw ErrorMapper.transport(operation, failure);
          }
          int status = response.statusCode();
          if (status >= 200 && status <= 299) {
            return new HttpResult(status, response.headers().map(), response.body());
          }
          throw ErrorMapper.fromResponse(
              operation, status, response.headers().map(), response.body());
        });
  }
}
