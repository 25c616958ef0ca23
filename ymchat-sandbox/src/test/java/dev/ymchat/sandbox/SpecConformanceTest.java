package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer of the sandbox, successes and errors, validated against the response schemas of the
 * official OpenAPI descriptions (the current one for /v2 paths, the seed-era one for the old
 * paths).
 */
class SpecConformanceTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String KEY = SandboxDemo.ALL_METHODS_KEY;
  private static final OpenApiSchema CURRENT = OpenApiSchema.load("/spec/chats-openapi.yaml");
  private static final OpenApiSchema SEED = OpenApiSchema.load("/spec/chats-openapi-seed-era.yaml");
  private static SandboxServer sandbox;
  private static SandboxHttp http;
  private static long order;
  private static long orderChat;
  private static long fileMessage;
  private static long textMessage;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    http = new SandboxHttp(sandbox.baseUrl());
    order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Spec");
    orderChat = http.openOrderChat(B, KEY, order);
    textMessage = sandbox.market().buyerWrites(B, orderChat, "Текст");
    fileMessage =
        sandbox
            .market()
            .buyerSendsFile(
                B,
                orderChat,
                "Счёт 1.pdf",
                "application/pdf",
                "%PDF".getBytes(StandardCharsets.US_ASCII));
  }

  private static void conforms(
      OpenApiSchema spec, String specPath, String method, SandboxHttp.Response response) {
    JsonNode schema = spec.responseSchema(specPath, method, response.status());
    assertThat(spec.validate(response.json(), schema))
        .as(method + " " + specPath + " " + response.text())
        .isEmpty();
  }

  @Test
  void currentSpec_successAnswersOfAllSevenOperations() {
    String base = "/v2/businesses/{businessId}";
    String p = "/v2/businesses/" + B;
    long newOrder = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Spec2");
    conforms(
        CURRENT,
        base + "/chats/new",
        "POST",
        http.postJson(
            p + "/chats/new", KEY, "{\"context\":{\"type\":\"ORDER\",\"id\":" + newOrder + "}}"));
    SandboxHttp.Response chats = http.postJson(p + "/chats?limit=3", KEY, "{}");
    assertThat(chats.result().has("paging")).isTrue();
    conforms(CURRENT, base + "/chats", "POST", chats);
    conforms(
        CURRENT,
        base + "/chats",
        "POST",
        http.postJson(p + "/chats", KEY, "{\"contextTypes\":[\"DIRECT\"]}"));
    conforms(CURRENT, base + "/chat", "GET", http.get(p + "/chat?chatId=" + orderChat, KEY));
    SandboxHttp.Response history =
        http.postJson(p + "/chats/history?chatId=" + orderChat + "&limit=1", KEY, "{}");
    assertThat(history.result().has("paging")).isTrue();
    conforms(CURRENT, base + "/chats/history", "POST", history);
    conforms(
        CURRENT,
        base + "/chats/history",
        "POST",
        http.postJson(p + "/chats/history?chatId=" + orderChat, KEY, "{}"));
    conforms(
        CURRENT,
        base + "/chats/message",
        "GET",
        http.get(p + "/chats/message?chatId=" + orderChat + "&messageId=" + fileMessage, KEY));
    conforms(
        CURRENT,
        base + "/chats/message",
        "GET",
        http.get(p + "/chats/message?chatId=" + orderChat + "&messageId=" + textMessage, KEY));
    conforms(
        CURRENT,
        base + "/chats/message",
        "POST",
        http.postJson(p + "/chats/message?chatId=" + orderChat, KEY, "{\"message\":\"ok\"}"));
    conforms(
        CURRENT,
        base + "/chats/file/send",
        "POST",
        http.sendFile(
            p + "/chats/file/send?chatId=" + orderChat,
            KEY,
            "a.txt",
            "text/plain",
            new byte[] {'a'}));
  }

  @Test
  void seedSpec_successAnswersOfTheFiveSeedOperations() {
    String base = "/businesses/{businessId}";
    String p = "/businesses/" + B;
    long newOrder = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Seed");
    conforms(
        SEED,
        base + "/chats/new",
        "POST",
        http.postJson(p + "/chats/new", KEY, "{\"orderId\":" + newOrder + "}"));
    conforms(
        SEED,
        base + "/chats",
        "POST",
        http.postJson(
            p + "/chats",
            KEY,
            "{\"orderIds\":["
                + order
                + "],\"types\":[\"CHAT\"],\"statuses\":[\"WAITING_FOR_PARTNER\"]}"));
    conforms(
        SEED,
        base + "/chats/history",
        "POST",
        http.postJson(
            p + "/chats/history?chatId=" + orderChat,
            KEY,
            "{\"messageIdFrom\":" + textMessage + "}"));
    conforms(
        SEED,
        base + "/chats/message",
        "POST",
        http.postJson(p + "/chats/message?chatId=" + orderChat, KEY, "{\"message\":\"seed\"}"));
    conforms(
        SEED,
        base + "/chats/file/send",
        "POST",
        http.sendFile(
            p + "/chats/file/send?chatId=" + orderChat,
            KEY,
            "b.txt",
            "text/plain",
            new byte[] {'b'}));
  }

  @Test
  void bothSpecs_errorAnswers() {
    String p = "/v2/businesses/" + B;
    conforms(
        CURRENT,
        "/v2/businesses/{businessId}/chats",
        "POST",
        http.postJson(p + "/chats?limit=0", KEY, "{}"));
    conforms(
        CURRENT,
        "/v2/businesses/{businessId}/chats",
        "POST",
        http.postJson(p + "/chats", null, "{}"));
    conforms(
        CURRENT,
        "/v2/businesses/{businessId}/chats",
        "POST",
        http.postJson(p + "/chats", SandboxDemo.OTHER_BUSINESS_KEY, "{}"));
    conforms(
        CURRENT,
        "/v2/businesses/{businessId}/chat",
        "GET",
        http.get(p + "/chat?chatId=99999999", KEY));
    conforms(
        SEED,
        "/businesses/{businessId}/chats/new",
        "POST",
        http.postJson("/businesses/" + B + "/chats/new", KEY, "{\"orderId\":99999999}"));
    conforms(
        SEED,
        "/businesses/{businessId}/chats/message",
        "POST",
        http.postJson(
            "/businesses/" + B + "/chats/message?chatId=" + orderChat, KEY, "{\"message\":\"\"}"));
  }

  @Test
  void validator_catchesAViolation() {
    JsonNode schema = CURRENT.responseSchema("/v2/businesses/{businessId}/chat", "GET", 200);
    JsonNode broken =
        SandboxHttp.JSON
            .createObjectNode()
            .put("status", "OK")
            .set(
                "result",
                SandboxHttp.JSON.createObjectNode().put("chatId", 0).put("type", "GROUP"));
    assertThat(CURRENT.validate(broken, schema))
        .anyMatch(e -> e.contains("missing required field context"))
        .anyMatch(e -> e.contains("GROUP"))
        .anyMatch(e -> e.contains("minimum"));
  }
}
