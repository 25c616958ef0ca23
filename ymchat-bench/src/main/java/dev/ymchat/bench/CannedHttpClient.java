package dev.ymchat.bench;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} that answers every request at once from memory, feeding the canned bytes
 * through the caller's own {@link HttpResponse.BodyHandler}; with it a benchmark sees the client's
 * own per-call work (URI, request, decorators, decoding) without any network.
 */
public final class CannedHttpClient extends HttpClient {

  private final Function<URI, byte[]> bodies;
  private final HttpHeaders headers;

  /**
   * Creates the client.
   *
   * @param bodies the 200 answer's body for a request URI
   * @param headers the answer's headers
   */
  public CannedHttpClient(Function<URI, byte[]> bodies, Map<String, List<String>> headers) {
    this.bodies = bodies;
    this.headers = HttpHeaders.of(headers, (name, value) -> true);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    throw new UnsupportedOperationException("the canned client does not do TLS");
  }

  @Override
  public SSLParameters sslParameters() {
    throw new UnsupportedOperationException("the canned client does not do TLS");
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    return answer(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return CompletableFuture.completedFuture(answer(request, handler));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  private <T> HttpResponse<T> answer(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    byte[] body = bodies.apply(request.uri());
    HttpResponse.ResponseInfo info =
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return 200;
          }

          @Override
          public HttpHeaders headers() {
            return headers;
          }

          @Override
          public Version version() {
            return Version.HTTP_1_1;
          }
        };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onNext(List.of(ByteBuffer.wrap(body)));
    subscriber.onComplete();
    CompletionStage<T> stage = subscriber.getBody();
    T value;
    try {
      value = stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the canned body", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("the body handler failed on the canned body", e.getCause());
    }
    return new Response<>(request, headers, value);
  }

  private static final class Response<T> implements HttpResponse<T> {
    private final HttpRequest request;
    private final HttpHeaders headers;
    private final T body;

    Response(HttpRequest request, HttpHeaders headers, T body) {
      this.request = request;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public T body() {
      return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }
}
