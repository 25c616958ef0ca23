package dev.ymchat.sandbox.market;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/** A tiny seller endpoint on 127.0.0.1 that records what it receives and answers as told. */
final class WebhookTestReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(
      String method,
      String path,
      String query,
      String contentType,
      String userAgent,
      String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> all = new ArrayList<>();
  private final List<String> accepted = new ArrayList<>();
  private volatile ToIntFunction<String> responder = body -> 200;

  private WebhookTestReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/notification", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static WebhookTestReceiver start() throws IOException {
    return new WebhookTestReceiver(0);
  }

  static WebhookTestReceiver startOn(int port) throws IOException {
    return new WebhookTestReceiver(port);
  }

  /** Decides the status for each body; may block to simulate a slow receiver. */
  void respondWith(ToIntFunction<String> responder) {
    this.responder = responder;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notification");
  }

  synchronized List<Received> all() {
    return List.copyOf(all);
  }

  /** Bodies answered with 200, in the order they were answered. */
  synchronized List<String> accepted() {
    return List.copyOf(accepted);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    synchronized (this) {
      all.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("User-Agent"),
              body));
    }
    int status = responder.applyAsInt(body);
    byte[] answer =
        (status == 200
                ? "{\"version\":\"1\",\"name\":\"test\",\"time\":\"2026-01-01T00:00:00Z\"}"
                : "{\"error\":{\"type\":\"UNKNOWN\",\"message\":\"test failure\"}}")
            .getBytes(StandardCharsets.UTF_8);
    if (status == 200) {
      synchronized (this) {
        accepted.add(body);
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** Polls a condition (no fixed sleeps in assertions): true once it holds, false on timeout. */
  static boolean eventually(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(2);
    }
    return true;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
