package dev.ymchat.sync;

import static dev.ymchat.sync.testing.Harness.B1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.testing.Harness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PushAndHealthTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(int port, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notification"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @org.junit.jupiter.api.Test
  void ping_isAnsweredAtOnceWithoutTheDatabase_whileHintsNeedIt() throws Exception {
    dev.ymchat.sync.store.Database db = dev.ymchat.sync.testing.TestDatabases.open(Dialect.H2);
    db.close(); // the database is gone: a PING must not need it
    try (dev.ymchat.sync.ingest.PushEndpoint endpoint =
        new dev.ymchat.sync.ingest.PushEndpoint(
            "127.0.0.1",
            0,
            db,
            new dev.ymchat.sync.store.Mirror(Dialect.H2),
            java.util.Set.of(B1),
            java.time.Clock.systemUTC(),
            () -> {},
            () -> "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      int port = endpoint.port();
      long start = System.nanoTime();
      HttpResponse<String> pong =
          post(port, "{\"notificationType\":\"PING\",\"time\":\"2026-03-01T10:00:00+03:00\"}");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(pong.statusCode()).isEqualTo(200);
      assertThat(pong.body()).contains("ymchat-sync");
      assertThat(millis).isLessThan(1000);

      HttpResponse<String> hint =
          post(
              port,
              "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"7\","
                  + "\"businessId\":"
                  + B1
                  + ",\"sentAt\":\"2026-03-01T10:00:00+03:00\"}");
      assertThat(hint.statusCode())
          .as("a hint that cannot be stored is refused, so Market retries")
          .isEqualTo(500);
      assertThat(post(port, "{not json").statusCode()).isEqualTo(400);
      assertThat(post(port, "x".repeat(70_000)).statusCode()).isEqualTo(413);
      HttpResponse<String> get =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notification"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void health_showsPerBusinessLagDepthBlockedAndQuota(Dialect dialect) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Harness h = Harness.builder(dialect).noWebhooks().sync(b -> b.metrics(registry)).start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      long delivered = h.sync.outbox().send(B1, chat, "пока чат открыт");
      Harness.await(
          "the first reply sent",
          Duration.ofSeconds(30),
          () -> h.sync.outbox().reply(delivered).get().state().name().equals("SENT"));
      h.sandbox.market().finishChat(B1, chat);
      long reply = h.sync.outbox().send(B1, chat, "в закрытый чат");
      Harness.await(
          "the reply blocked",
          Duration.ofSeconds(30),
          () -> h.sync.outbox().reply(reply).get().state().name().equals("BLOCKED"));

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + h.sync.webhookPort() + "/health"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode json = new ObjectMapper().readTree(health.body());
      JsonNode b1 = json.get("businesses").get(0);
      assertThat(b1.get("businessId").asLong()).isEqualTo(B1);
      assertThat(b1.get("backfill").asText()).isEqualTo("DONE");
      assertThat(b1.get("blockedReplies").asLong()).isEqualTo(1);
      assertThat(b1.get("outboxDepth").asLong()).isZero();
      assertThat(b1.get("secondsSinceLastSync").isNumber()).isTrue();
      assertThat(b1.get("newestMessageLagSeconds").isNumber()).isTrue();
      assertThat(b1.get("quota").get("getChatHistory").get("remaining").isNumber()).isTrue();
      assertThat(json.get("businesses")).hasSize(2);
      assertThat(registry.get("ymchat.sync.messages.ingested").counter().count()).isPositive();
      assertThat(
              registry
                  .get("ymchat.sync.outbox.blocked")
                  .tag("business", Long.toString(B1))
                  .gauge()
                  .value())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("ymchat.sync.outbox.depth")
                  .tag("business", Long.toString(B1))
                  .gauge()
                  .value())
          .isZero();
      assertThat(registry.get("ymchat.sync.replies.sent").counter().count()).isEqualTo(1);
      assertThat(registry.get("ymchat.sync.replies.blocked").counter().count()).isEqualTo(1);
      assertThat(registry.get("ymchat.sync.replies.failed").counter().count()).isZero();
      assertThat(registry.get("ymchat.sync.replies.delivery").timer().count()).isEqualTo(1);
    }
  }
}
