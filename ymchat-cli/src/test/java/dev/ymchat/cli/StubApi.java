package dev.ymchat.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP stub that answers every request with one fixed status, headers and body. */
final class StubApi implements AutoCloseable {

  private final HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{\"status\":\"OK\"}";
  private volatile Map<String, String> headers = Map.of();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

  StubApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    server.start();
  }

  StubApi answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  StubApi headers(Map<String, String> headers) {
    this.headers = headers;
    return this;
  }

  static String error(String code, String message) {
    return "{\"status\":\"ERROR\",\"errors\":[{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\"}]}";
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
