package dev.ymchat.sandbox.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.sandbox.ManualTime;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sandbox with a webhook URL sends Market's push notifications for what happens in its chats.
 */
class WebhookWiringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void marketSideEvents_arePushedInOrder_andSellerMessagesAreNot() throws Exception {
    try (WebhookTestReceiver receiver = WebhookTestReceiver.start();
        SandboxServer sandbox =
            SandboxExtension.start(
                b ->
                    b.webhookUrl(receiver.url().toString())
                        .rateLimits(SandboxRateLimits.defaults()))) {
      MarketSimulator market = sandbox.market();
      long orderId = market.createOrder(SandboxDemo.BUSINESS_ID, SandboxDemo.CAMPAIGN_ID, "Пётр");
      long returnId = market.createReturn(SandboxDemo.BUSINESS_ID, orderId);
      long direct = market.buyerOpensDirectChat(SandboxDemo.BUSINESS_ID, "Есть ли размер M?");
      long chatId = createChat(sandbox, returnId);
      long buyerMessage = market.buyerWrites(SandboxDemo.BUSINESS_ID, chatId, "Где мой возврат?");
      sellerWrites(sandbox, chatId, "Уже проверяем");
      market.supportWrites(SandboxDemo.BUSINESS_ID, chatId, "Поддержка на связи");
      market.openDispute(SandboxDemo.BUSINESS_ID, chatId);
      market.finishDispute(SandboxDemo.BUSINESS_ID, chatId);
      market.sendPing();

      assertThat(
              WebhookTestReceiver.eventually(
                  Duration.ofSeconds(10), () -> receiver.accepted().size() >= 7))
          .isTrue();
      assertThat(sandbox.webhooks().orElseThrow().awaitIdle(Duration.ofSeconds(5))).isTrue();
      List<JsonNode> received =
          receiver.accepted().stream().map(WebhookWiringTest::parse).collect(Collectors.toList());

      List<String> ofChat =
          received.stream()
              .filter(n -> n.path("chatId").asLong() == chatId)
              .map(n -> n.get("notificationType").asText())
              .collect(Collectors.toList());
      assertThat(ofChat)
          .containsExactly(
              "CHAT_CREATED",
              "CHAT_MESSAGE_SENT",
              "CHAT_MESSAGE_SENT",
              "CHAT_ARBITRAGE_STARTED",
              "CHAT_ARBITRAGE_FINISHED");
      JsonNode firstMessage =
          received.stream()
              .filter(n -> n.path("chatId").asLong() == chatId && n.has("messageId"))
              .findFirst()
              .orElseThrow();
      assertThat(firstMessage.get("messageId").isTextual()).isTrue();
      assertThat(firstMessage.get("messageId").asText()).isEqualTo(Long.toString(buyerMessage));
      assertThat(firstMessage.get("businessId").asLong()).isEqualTo(SandboxDemo.BUSINESS_ID);
      assertThat(
              received.stream()
                  .filter(n -> n.path("chatId").asLong() == direct)
                  .map(n -> n.get("notificationType").asText()))
          .containsExactly("CHAT_CREATED", "CHAT_MESSAGE_SENT");
      assertThat(received.stream().filter(n -> n.get("notificationType").asText().equals("PING")))
          .hasSize(1);
      assertThat(received).hasSize(8);
    }
  }

  @Test
  void duplicateRateOne_deliversEveryNotificationTwice() throws Exception {
    try (WebhookTestReceiver receiver = WebhookTestReceiver.start();
        SandboxServer sandbox =
            SandboxExtension.start(
                b ->
                    b.webhookUrl(receiver.url().toString())
                        .webhookDuplicateRate(1.0)
                        .webhookSleeper(ManualTime.atOnce())
                        .rateLimits(SandboxRateLimits.defaults()))) {
      sandbox.market().buyerOpensDirectChat(SandboxDemo.BUSINESS_ID, "Привет");
      assertThat(sandbox.webhooks().orElseThrow().awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.accepted()).hasSize(4);
      assertThat(java.util.Set.copyOf(receiver.accepted())).hasSize(2);
    }
  }

  @Test
  void faults_applyToApiPathsOnly() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.faults(FaultConfig.parse("seed=7,503=1.0")))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> api =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          sandbox.baseUrl()
                              + "/v2/businesses/"
                              + SandboxDemo.BUSINESS_ID
                              + "/chats"))
                  .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(503);
      assertThat(parse(api.body()).at("/errors/0/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(sandbox.faultStats().orElseThrow().error503()).isEqualTo(1);
    }
  }

  private static long createChat(SandboxServer sandbox, long returnId) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sandbox.baseUrl()
                                + "/v2/businesses/"
                                + SandboxDemo.BUSINESS_ID
                                + "/chats/new"))
                    .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"context\":{\"type\":\"RETURN\",\"id\":" + returnId + "}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return parse(response.body()).at("/result/chatId").asLong();
  }

  private static void sellerWrites(SandboxServer sandbox, long chatId, String text)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sandbox.baseUrl()
                                + "/v2/businesses/"
                                + SandboxDemo.BUSINESS_ID
                                + "/chats/message?chatId="
                                + chatId))
                    .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("message", text).toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
