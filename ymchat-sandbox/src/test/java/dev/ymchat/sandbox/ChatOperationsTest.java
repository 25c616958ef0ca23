package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operation on both path styles, with the wire format of the spec. */
class ChatOperationsTest {

  private static final String KEY = SandboxDemo.ALL_METHODS_KEY;
  private static final long B = SandboxDemo.BUSINESS_ID;
  private static SandboxServer sandbox;
  private static SandboxHttp http;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    http = new SandboxHttp(sandbox.baseUrl());
  }

  private static long newOrder() {
    return sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Тест Покупатель");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/v2"})
  void createChat_forOrder_returnsNewChatThenTheSameChatAgain(String prefix) {
    long order = newOrder();
    SandboxHttp.Response first =
        http.postJson(
            prefix + "/businesses/" + B + "/chats/new",
            KEY,
            "{\"context\":{\"type\":\"ORDER\",\"id\":" + order + "}}");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("status").asText()).isEqualTo("OK");
    long chatId = first.result().get("chatId").asLong();
    assertThat(chatId).isGreaterThanOrEqualTo(10000);

    SandboxHttp.Response again =
        http.postJson(
            prefix + "/businesses/" + B + "/chats/new", KEY, "{\"orderId\":" + order + "}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.result().get("chatId").asLong()).isEqualTo(chatId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/v2"})
  void createChat_forReturn_carriesReturnAndOrderInContext(String prefix) {
    long order = newOrder();
    long ret = sandbox.market().createReturn(B, order);
    SandboxHttp.Response created =
        http.postJson(
            prefix + "/businesses/" + B + "/chats/new",
            KEY,
            "{\"context\":{\"type\":\"RETURN\",\"id\":" + ret + "}}");
    assertThat(created.status()).isEqualTo(200);
    long chatId = created.result().get("chatId").asLong();

    SandboxHttp.Response chat =
        http.get(prefix + "/businesses/" + B + "/chat?chatId=" + chatId, KEY);
    assertThat(chat.status()).isEqualTo(200);
    JsonNode result = chat.result();
    assertThat(result.get("chatId").asLong()).isEqualTo(chatId);
    assertThat(result.get("orderId").asLong()).isEqualTo(order);
    assertThat(result.at("/context/type").asText()).isEqualTo("RETURN");
    assertThat(result.at("/context/returnId").asLong()).isEqualTo(ret);
    assertThat(result.at("/context/orderId").asLong()).isEqualTo(order);
    assertThat(result.at("/context/campaignId").asLong()).isEqualTo(SandboxDemo.CAMPAIGN_ID);
    assertThat(result.at("/context/customer/name").asText()).isEqualTo("Тест Покупатель");
    assertThat(result.get("type").asText()).isEqualTo("CHAT");
    assertThat(result.get("status").asText()).isEqualTo("NEW");
    assertThat(OffsetDateTime.parse(result.get("createdAt").asText()).getOffset().getTotalSeconds())
        .isEqualTo(3 * 3600);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/v2"})
  void sendMessage_movesStatusAndAppearsInHistoryAndAsSingleMessage(String prefix) {
    long order = newOrder();
    long chatId = createChat(prefix, order);
    SandboxHttp.Response sent =
        http.postJson(
            prefix + "/businesses/" + B + "/chats/message?chatId=" + chatId,
            KEY,
            "{\"message\":\"Здравствуйте! Заказ в пути.\"}");
    assertThat(sent.status()).isEqualTo(200);
    assertThat(sent.text()).isEqualTo("{\"status\":\"OK\"}");

    JsonNode chat = http.get(prefix + "/businesses/" + B + "/chat?chatId=" + chatId, KEY).result();
    assertThat(chat.get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");

    long buyerMessage = sandbox.market().buyerWrites(B, chatId, "Спасибо!");
    SandboxHttp.Response history =
        http.postJson(prefix + "/businesses/" + B + "/chats/history?chatId=" + chatId, KEY, "{}");
    assertThat(history.status()).isEqualTo(200);
    JsonNode result = history.result();
    assertThat(result.get("orderId").asLong()).isEqualTo(order);
    assertThat(result.at("/context/type").asText()).isEqualTo("ORDER");
    JsonNode messages = result.get("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).get("sender").asText()).isEqualTo("PARTNER");
    assertThat(messages.get(0).get("message").asText()).isEqualTo("Здравствуйте! Заказ в пути.");
    assertThat(messages.get(0).has("payload")).isFalse();
    assertThat(messages.get(1).get("messageId").asLong()).isEqualTo(buyerMessage);
    assertThat(messages.get(1).get("sender").asText()).isEqualTo("CUSTOMER");
    assertThat(result.has("paging")).isFalse();

    JsonNode after = http.get(prefix + "/businesses/" + B + "/chat?chatId=" + chatId, KEY).result();
    assertThat(after.get("status").asText()).isEqualTo("WAITING_FOR_PARTNER");
    assertThat(after.get("updatedAt").asText())
        .isEqualTo(messages.get(1).get("createdAt").asText());

    SandboxHttp.Response single =
        http.get(
            prefix
                + "/businesses/"
                + B
                + "/chats/message?chatId="
                + chatId
                + "&messageId="
                + buyerMessage,
            KEY);
    assertThat(single.status()).isEqualTo(200);
    assertThat(single.result().get("message").asText()).isEqualTo("Спасибо!");
    assertThat(single.result().get("sender").asText()).isEqualTo("CUSTOMER");
  }

  private static long createChat(String prefix, long order) {
    return http.postJson(
            prefix + "/businesses/" + B + "/chats/new",
            KEY,
            "{\"context\":{\"type\":\"ORDER\",\"id\":" + order + "}}")
        .result()
        .get("chatId")
        .asLong();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/v2"})
  void sendFile_storesBytesAndServesThemBackUnderTheOriginalCyrillicName(String prefix) {
    long chatId = createChat(prefix, newOrder());
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + 7);
    }
    SandboxHttp.Response sent =
        http.sendFile(
            prefix + "/businesses/" + B + "/chats/file/send?chatId=" + chatId,
            KEY,
            "Счёт 1.pdf",
            "application/pdf",
            content);
    assertThat(sent.status()).as(sent.text()).isEqualTo(200);

    JsonNode messages =
        http.postJson(prefix + "/businesses/" + B + "/chats/history?chatId=" + chatId, KEY, "{}")
            .result()
            .get("messages");
    JsonNode payload = messages.get(messages.size() - 1).get("payload").get(0);
    assertThat(payload.get("name").asText()).isEqualTo("Счёт 1.pdf");
    assertThat(payload.get("size").asLong()).isEqualTo(content.length);
    String url = payload.get("url").asText();
    assertThat(url).startsWith(sandbox.baseUrl() + "/sandbox/files/");

    SandboxHttp.Response download =
        http.send(http.request(url.substring(sandbox.baseUrl().length())).GET().build());
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
    assertThat(download.header("Content-Type")).startsWith("application/pdf");
    assertThat(download.header("Content-Disposition"))
        .contains(java.net.URLEncoder.encode("Счёт", StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/v2"})
  void getChats_pagesNewestFirstWithBothTokenNames(String prefix) {
    List<Long> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String query =
          token == null
              ? "?limit=2"
              : (pages % 2 == 0 ? "?limit=2&pageToken=" : "?limit=2&page_token=") + token;
      SandboxHttp.Response page =
          http.postJson(prefix + "/businesses/" + B + "/chats" + query, KEY, "{}");
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      for (JsonNode chat : page.result().get("chats")) {
        seen.add(chat.get("chatId").asLong());
      }
      token = page.result().path("paging").path("nextPageToken").asText(null);
      pages++;
    } while (token != null);
    assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(pages).isGreaterThan(1);
    assertThat(seen.size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void getChats_filtersByStatusTypeAndContextType() {
    JsonNode arbitrage =
        http.postJson("/v2/businesses/" + B + "/chats", KEY, "{\"types\":[\"ARBITRAGE\"]}")
            .result()
            .get("chats");
    assertThat(arbitrage)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("type").asText()).isEqualTo("ARBITRAGE"));
    JsonNode direct =
        http.postJson("/v2/businesses/" + B + "/chats", KEY, "{\"contextTypes\":[\"DIRECT\"]}")
            .result()
            .get("chats");
    assertThat(direct)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.at("/context/type").asText()).isEqualTo("DIRECT");
              assertThat(c.has("orderId")).isFalse();
            });
    JsonNode finished =
        http.postJson("/v2/businesses/" + B + "/chats", KEY, "{\"statuses\":[\"FINISHED\"]}")
            .result()
            .get("chats");
    assertThat(finished)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("FINISHED"));
    JsonNode waiting =
        http.postJson(
                "/businesses/" + B + "/chats",
                KEY,
                "{\"statuses\":[\"WAITING_FOR_PARTNER\"],\"types\":[\"CHAT\"]}")
            .result()
            .get("chats");
    assertThat(waiting).isNotEmpty();
  }

  @Test
  void getChats_filtersByContextAndOrderIds() {
    long order = newOrder();
    long chatId = createChat("/v2", order);
    JsonNode byContext =
        http.postJson(
                "/v2/businesses/" + B + "/chats",
                KEY,
                "{\"contexts\":[{\"type\":\"ORDER\",\"id\":" + order + "}]}")
            .result()
            .get("chats");
    assertThat(byContext).hasSize(1);
    assertThat(byContext.get(0).get("chatId").asLong()).isEqualTo(chatId);
    JsonNode byOrder =
        http.postJson("/businesses/" + B + "/chats", KEY, "{\"orderIds\":[" + order + "]}")
            .result()
            .get("chats");
    assertThat(byOrder).hasSize(1);
  }

  @Test
  void oauthBearerToken_isAcceptedLikeAnApiKey() {
    SandboxHttp.Response r =
        http.send(
            http.request("/v2/businesses/" + B + "/chats?limit=1")
                .header("Authorization", "Bearer " + SandboxDemo.OAUTH_TOKEN)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void health_answersUp() {
    SandboxHttp.Response r = http.get("/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void startupBanner_namesUrlKeysAndAdminToken() {
    assertThat(sandbox.startupBanner())
        .contains(
            sandbox.baseUrl(),
            "demo-all-methods-key",
            "demo-read-only-key",
            "demo-communication-key",
            "demo-oauth-token",
            "demo-other-business-key",
            "demo-admin-token",
            "1001",
            "2001",
            "1002",
            "DIRECT",
            "ARBITRAGE",
            "FINISHED",
            "WAITING_FOR_PARTNER");
  }
}
