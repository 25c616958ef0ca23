package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import dev.ymchat.sandbox.market.GenerateResult;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Market side: status transitions, disputes, events, the generator and the admin surface. */
class MarketSimulatorTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String KEY = SandboxDemo.ALL_METHODS_KEY;
  private static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
  private static SandboxServer sandbox;
  private static SandboxHttp http;

  @BeforeAll
  static void start() {
    ChatEventListener recorder =
        new ChatEventListener() {
          @Override
          public void chatCreated(long businessId, long chatId, OffsetDateTime at) {
            EVENTS.add("created " + businessId + " " + chatId);
          }

          @Override
          public void messageSent(
              long businessId, long chatId, long messageId, Sender sender, OffsetDateTime at) {
            EVENTS.add("message " + chatId + " " + sender + " " + messageId);
          }

          @Override
          public void arbitrageStarted(long businessId, long chatId, OffsetDateTime at) {
            EVENTS.add("arbitrageStarted " + chatId);
          }

          @Override
          public void arbitrageFinished(long businessId, long chatId, OffsetDateTime at) {
            EVENTS.add("arbitrageFinished " + chatId);
          }

          @Override
          public void ping(OffsetDateTime at) {
            EVENTS.add("ping");
          }
        };
    sandbox =
        SandboxExtension.start(
            b ->
                b.eventListener(recorder)
                    .clock(
                        java.time.Clock.fixed(
                            Instant.parse("2026-03-01T09:00:00Z"), java.time.ZoneOffset.UTC)));
    http = new SandboxHttp(sandbox.baseUrl());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clearEvents() {
    EVENTS.clear();
  }

  private static JsonNode chat(long chatId) {
    return http.get("/v2/businesses/" + B + "/chat?chatId=" + chatId, KEY).result();
  }

  @Test
  void directChat_fromBuyer_waitsForPartnerAndFiresEvents() {
    long chatId = sandbox.market().buyerOpensDirectChat(B, "Есть ли доставка в Казань?");
    JsonNode chat = chat(chatId);
    assertThat(chat.at("/context/type").asText()).isEqualTo("DIRECT");
    assertThat(chat.get("status").asText()).isEqualTo("WAITING_FOR_PARTNER");
    assertThat(chat.get("createdAt").asText()).isEqualTo("2026-03-01T12:00:00+03:00");
    assertThat(EVENTS).hasSize(2);
    assertThat(EVENTS.get(0)).isEqualTo("created " + B + " " + chatId);
    assertThat(EVENTS.get(1)).startsWith("message " + chatId + " CUSTOMER ");

    http.postJson(
        "/v2/businesses/" + B + "/chats/message?chatId=" + chatId, KEY, "{\"message\":\"Да\"}");
    assertThat(chat(chatId).get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
    assertThat(EVENTS.get(2)).startsWith("message " + chatId + " PARTNER ");
  }

  @Test
  void dispute_opensAsArbitrageAndFinishes() {
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Спорщик");
    long chatId = http.openOrderChat(B, KEY, order);
    sandbox.market().openDispute(B, chatId);
    JsonNode chat = chat(chatId);
    assertThat(chat.get("type").asText()).isEqualTo("ARBITRAGE");
    assertThat(chat.get("status").asText()).isEqualTo("WAITING_FOR_ARBITER");
    sandbox.market().supportWrites(B, chatId, "Пришлите фото");
    assertThat(chat(chatId).get("status").asText()).isEqualTo("WAITING_FOR_PARTNER");
    http.postJson(
        "/v2/businesses/" + B + "/chats/message?chatId=" + chatId,
        KEY,
        "{\"message\":\"Фото отправили\"}");
    assertThat(chat(chatId).get("status").asText()).isEqualTo("WAITING_FOR_ARBITER");
    sandbox.market().finishDispute(B, chatId);
    chat = chat(chatId);
    assertThat(chat.get("type").asText()).isEqualTo("ARBITRAGE");
    assertThat(chat.get("status").asText()).isEqualTo("FINISHED");
    assertThat(EVENTS).contains("arbitrageStarted " + chatId, "arbitrageFinished " + chatId);
    assertThatThrownBy(() -> sandbox.market().buyerWrites(B, chatId, "ещё"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("finished");
  }

  @Test
  void directChat_cannotHaveADispute() {
    long chatId = sandbox.market().buyerOpensDirectChat(B, "Вопрос");
    assertThatThrownBy(() -> sandbox.market().openDispute(B, chatId))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("DIRECT");
  }

  @Test
  void marketNotice_keepsTheStatus_andBuyerFileIsDownloadable() {
    long chatId = sandbox.market().buyerOpensDirectChat(B, "Вот фото");
    sandbox.market().marketWrites(B, chatId, "Напоминание: ответьте покупателю");
    assertThat(chat(chatId).get("status").asText()).isEqualTo("WAITING_FOR_PARTNER");
    long messageId =
        sandbox.market().buyerSendsFile(B, chatId, "фото.jpg", "image/jpeg", new byte[] {1, 2, 3});
    JsonNode message =
        http.get(
                "/v2/businesses/"
                    + B
                    + "/chats/message?chatId="
                    + chatId
                    + "&messageId="
                    + messageId,
                KEY)
            .result();
    assertThat(message.has("message")).isFalse();
    assertThat(message.at("/payload/0/name").asText()).isEqualTo("фото.jpg");
    String url = message.at("/payload/0/url").asText();
    SandboxHttp.Response file =
        http.send(http.request(url.substring(sandbox.baseUrl().length())).GET().build());
    assertThat(file.body()).containsExactly(1, 2, 3);
    assertThat(file.header("Content-Type")).isEqualTo("image/jpeg");
  }

  @Test
  void ping_reachesTheListener() {
    sandbox.market().sendPing();
    assertThat(EVENTS).containsExactly("ping");
  }

  @Test
  void generator_isDeterministicAndFast() {
    long start = System.nanoTime();
    GenerateResult big = sandbox.market().generate(3001, 1000, 100, 42);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(big.messages()).isEqualTo(100_000);
    assertThat(millis).as("100 000 messages in %d ms", millis).isLessThan(45_000);
    assertThat(EVENTS).isEmpty();

    GenerateResult a = sandbox.market().generate(3002, 20, 5, 7);
    GenerateResult b = sandbox.market().generate(3003, 20, 5, 7);
    List<String> first = summary(a);
    List<String> second = summary(b);
    assertThat(first).hasSize(20).isEqualTo(second);
    assertThat(first).anyMatch(s -> s.contains("DIRECT")).anyMatch(s -> s.contains("ORDER"));
  }

  private static List<String> summary(GenerateResult result) {
    List<String> lines = new ArrayList<>();
    for (long id = result.firstChatId(); id <= result.lastChatId(); id++) {
      lines.add(describe(result.businessId(), id));
    }
    return lines;
  }

  private static String describe(long businessId, long chatId) {
    // compare content, not ids: context type, chat type, status and the message texts
    SandboxHttp sandboxHttp = http;
    StringBuilder b = new StringBuilder();
    var admin =
        sandboxHttp.admin(
            "/sandbox/businesses/" + businessId + "/credentials",
            sandbox.adminToken(),
            "{\"kind\":\"API_KEY\",\"scope\":\"all-methods:read-only\",\"token\":\"gen-key-"
                + businessId
                + "\"}");
    assertThat(admin.status()).isEqualTo(200);
    String key = "gen-key-" + businessId;
    JsonNode chat =
        sandboxHttp.get("/v2/businesses/" + businessId + "/chat?chatId=" + chatId, key).result();
    b.append(chat.at("/context/type").asText())
        .append(' ')
        .append(chat.get("type").asText())
        .append(' ')
        .append(chat.get("status").asText());
    for (JsonNode m :
        sandboxHttp
            .postJson("/v2/businesses/" + businessId + "/chats/history?chatId=" + chatId, key, "{}")
            .result()
            .get("messages")) {
      b.append(" | ")
          .append(m.get("sender").asText())
          .append(':')
          .append(m.get("message").asText());
    }
    return b.toString();
  }

  @Test
  void adminSurface_drivesTheMarketSideOverHttp() {
    String token = sandbox.adminToken();
    assertThat(token).isEqualTo(SandboxDemo.ADMIN_TOKEN);
    assertThat(
            http.admin(
                    "/sandbox/businesses", token, "{\"businessId\":4001,\"name\":\"Admin shop\"}")
                .result()
                .get("businessId")
                .asLong())
        .isEqualTo(4001);
    assertThat(
            http.admin("/sandbox/businesses/4001/campaigns", token, "{\"campaignId\":5001}")
                .status())
        .isEqualTo(200);
    String key =
        http.admin(
                "/sandbox/businesses/4001/credentials",
                token,
                "{\"kind\":\"API_KEY\",\"scope\":\"communication\"}")
            .result()
            .get("token")
            .asText();
    long order =
        http.admin(
                "/sandbox/businesses/4001/orders",
                token,
                "{\"campaignId\":5001,\"buyerName\":\"Пётр\"}")
            .result()
            .get("orderId")
            .asLong();
    long ret =
        http.admin("/sandbox/businesses/4001/returns", token, "{\"orderId\":" + order + "}")
            .result()
            .get("returnId")
            .asLong();
    long chat =
        http.postJson(
                "/v2/businesses/4001/chats/new",
                key,
                "{\"context\":{\"type\":\"RETURN\",\"id\":" + ret + "}}")
            .result()
            .get("chatId")
            .asLong();
    assertThat(
            http.admin(
                    "/sandbox/businesses/4001/chats/" + chat + "/messages",
                    token,
                    "{\"sender\":\"CUSTOMER\",\"text\":\"Где деньги?\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            http.admin(
                    "/sandbox/businesses/4001/chats/" + chat + "/files",
                    token,
                    "{\"name\":\"чек.png\",\"contentType\":\"image/png\",\"contentBase64\":\""
                        + Base64.getEncoder().encodeToString(new byte[] {9, 8, 7})
                        + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            http.admin("/sandbox/businesses/4001/chats/" + chat + "/dispute", token, "{}").status())
        .isEqualTo(200);
    assertThat(
            http.admin("/sandbox/businesses/4001/chats/" + chat + "/dispute/finish", token, "{}")
                .status())
        .isEqualTo(200);
    JsonNode result = http.get("/v2/businesses/4001/chat?chatId=" + chat, key).result();
    assertThat(result.get("status").asText()).isEqualTo("FINISHED");
    long direct =
        http.admin(
                "/sandbox/businesses/4001/chats/direct",
                token,
                "{\"text\":\"Привет\",\"buyerName\":\"Лиза\"}")
            .result()
            .get("chatId")
            .asLong();
    assertThat(
            http.admin("/sandbox/businesses/4001/chats/" + direct + "/finish", token, "{}")
                .status())
        .isEqualTo(200);
    JsonNode generated =
        http.admin(
                "/sandbox/generate",
                token,
                "{\"businessId\":4001,\"chats\":3,\"messagesPerChat\":4,\"seed\":1}")
            .result();
    assertThat(generated.get("messages").asLong()).isEqualTo(12);
    SandboxHttp.Response bad =
        http.admin(
            "/sandbox/businesses/4001/chats/" + chat + "/messages",
            token,
            "{\"sender\":\"PARTNER\",\"text\":\"x\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorMessage()).contains("sender");
    SandboxHttp.Response missing =
        http.admin("/sandbox/businesses/4001/chats/99999999/dispute", token, "{}");
    assertThat(missing.status()).isEqualTo(404);
  }
}
