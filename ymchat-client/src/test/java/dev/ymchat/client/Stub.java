package dev.ymchat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer on 127.0.0.1 with helpers for the API's answers. */
final class Stub implements AutoCloseable {

  static final String KEY = "test-api-key-SECRET-0123";

  final MockWebServer server = new MockWebServer();

  Stub() {
    this(0);
  }

  Stub(int port) {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  ChatsClientBuilder client() {
    return ChatsClient.builder()
        .apiKey(KEY)
        .baseUrl(baseUrl())
        .retryPolicy(RetryPolicy.none())
        .requestTimeout(java.time.Duration.ofSeconds(10));
  }

  Stub ok(String resultJson) {
    return enqueue(
        200,
        resultJson == null
            ? "{\"status\":\"OK\"}"
            : "{\"status\":\"OK\",\"result\":" + resultJson + "}");
  }

  Stub enqueue(int code, String body, String... headers) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json;charset=UTF-8");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.body(body).build());
    return this;
  }

  Stub enqueue(MockResponse response) {
    server.enqueue(response);
    return this;
  }

  RecordedRequest take() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("the stub received no request");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  int requestCount() {
    return server.getRequestCount();
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  @Override
  public void close() {
    server.close();
  }
}
