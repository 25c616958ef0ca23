package dev.ymchat.sync.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands between the sandbox's webhook sender and the sync: loses a share of the notifications
 * (answers 200 without passing them on, so nobody retries: the event is gone) and passes a share
 * twice. PINGs always pass.
 */
public final class LossyWebhookProxy implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SplittableRandom random;
  public final AtomicInteger lost = new AtomicInteger();
  public final AtomicInteger duplicated = new AtomicInteger();
  public final AtomicInteger passed = new AtomicInteger();

  public LossyWebhookProxy(String target, double lossRate, double duplicateRate, long seed) {
    this.random = new SplittableRandom(seed);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/notification",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean ping = new String(body, StandardCharsets.UTF_8).contains("\"PING\"");
            double r;
            double d;
            synchronized (random) {
              r = random.nextDouble();
              d = random.nextDouble();
            }
            int status = 200;
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            if (!ping && r < lossRate) {
              lost.incrementAndGet();
            } else {
              HttpResponse<byte[]> first = forward(target, body);
              status = first.statusCode();
              answer = first.body();
              passed.incrementAndGet();
              if (!ping && d < duplicateRate) {
                duplicated.incrementAndGet();
                forward(target, body);
              }
            }
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          }
        });
    server.start();
  }

  private HttpResponse<byte[]> forward(String target, byte[] body) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(target))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notification";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
