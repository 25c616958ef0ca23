package dev.ymchat.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The bottom of the chain: {@link #execute} sends a call with {@link HttpClient#send} on the
 * caller's thread, {@link #executeAsync} with {@link HttpClient#sendAsync}. The call's timeout
 * covers the whole answer, body included, and the body is capped in size ({@link BoundedBody}); the
 * 2xx answer of a download comes as a stream whose reads end, and its 3xx answers are handed up for
 * {@link RedirectingTransport}.
 */
public final class JdkHttpTransport implements Transport {

  private final HttpClient http;
  private final String userAgent;
  private final long maxResponseSize;

  /**
   * Creates the transport.
   *
   * @param http the JDK client; it must not follow redirects itself
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
    HttpRequest request = request(call);
    try {
      return result(call, http.send(request, bodyHandler(call, request)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ErrorMapper.transport(call.name(), e);
    } catch (IOException e) {
      throw ErrorMapper.failure(call.name(), e);
    }
  }

  @Override
  public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
    return Futures.guard(
            () -> {
              HttpRequest request = request(call);
              return http.sendAsync(request, bodyHandler(call, request));
            })
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw ErrorMapper.failure(call.name(), failure);
              }
              return result(call, response);
            });
  }

  private HttpRequest request(HttpCall call) {
    Duration timeout =
        call.download() == null ? call.timeout() : call.download().hopTimeout(call.timeout());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri()).timeout(timeout).header("User-Agent", userAgent);
    if (call.download() == null) {
      request.header("Accept", "application/json");
    }
    call.headers().forEach(request::header);
    if (call.body() != null) {
      request.header("Content-Type", call.body().contentType());
      request.method(call.method(), call.body().publisher());
    } else {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return request.build();
  }

  /** Reads an answer within the request's timeout (the JDK's own ends at the headers). */
  private HttpResponse.BodyHandler<HttpResult> bodyHandler(HttpCall call, HttpRequest request) {
    Duration timeout = request.timeout().orElse(call.timeout());
    long deadline = System.nanoTime() + timeout.toNanos();
    Download download = call.download();
    return info -> {
      int status = info.statusCode();
      if (download != null && status >= 200 && status <= 299) {
        return HttpResponse.BodySubscribers.mapping(
            BoundedBody.stream(
                    download.maxBytes(),
                    download.sizeRule(),
                    call.timeout(),
                    download.total(),
                    download.deadlineNanos())
                .apply(info),
            body -> new HttpResult(status, info.headers().map(), new byte[0], body));
      }
      // a download's other answers keep only what an exception keeps: the file is not wanted
      HttpResponse.BodyHandler<byte[]> bytes =
          download != null
              ? BoundedBody.head(call.name(), ErrorMapper.KEPT_BODY_LIMIT, timeout, deadline)
              : BoundedBody.bytes(call.name(), maxResponseSize, timeout, deadline);
      return HttpResponse.BodySubscribers.mapping(
          bytes.apply(info), body -> new HttpResult(status, info.headers().map(), body));
    };
  }

  private static HttpResult result(HttpCall call, HttpResponse<HttpResult> response) {
    HttpResult answer = response.body();
    int status = answer.statusCode();
    if ((status >= 200 && status <= 299)
        || (call.download() != null && status >= 300 && status <= 399)) {
      return answer;
    }
    throw ErrorMapper.fromResponse(call.name(), status, answer.headers(), answer.body());
  }
}
