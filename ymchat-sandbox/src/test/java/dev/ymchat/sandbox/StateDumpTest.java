package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.sandbox.api.ChatSnapshot;
import dev.ymchat.sandbox.market.GenerateResult;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /sandbox/state} and {@link SandboxServer#forEachChat}: every business's chats with
 * every message, field for field what getChat and getChatHistory answer, in a fixed order, and
 * streamed, so a large state needs no large answer in memory.
 */
class StateDumpTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final ObjectMapper MODEL = ModelJson.newMapper();

  private static SandboxHttp.Response state(SandboxHttp http) {
    return http.send(
        http.request("/sandbox/state")
            .header("X-Sandbox-Admin-Token", SandboxDemo.ADMIN_TOKEN)
            .GET()
            .build());
  }

  /** Every message of a chat through getChatHistory, page after page. */
  private static List<JsonNode> history(SandboxHttp http, long business, String key, long chat) {
    List<JsonNode> messages = new ArrayList<>();
    String token = null;
    do {
      JsonNode page =
          http.postJson(
                  "/v2/businesses/"
                      + business
                      + "/chats/history?chatId="
                      + chat
                      + "&limit=7"
                      + (token == null ? "" : "&pageToken=" + token),
                  key,
                  "{}")
              .result();
      page.get("messages").forEach(messages::add);
      token = page.path("paging").path("nextPageToken").asText(null);
    } while (token != null);
    return messages;
  }

  @Test
  void theDump_isWhatTheApiAnswers_fieldForField_inIdOrder() {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      long chat = sandbox.market().buyerOpensDirectChat(B, "вопрос с файлом");
      for (int i = 0; i < 12; i++) {
        sandbox.market().buyerWrites(B, chat, "сообщение " + i);
      }
      sandbox
          .market()
          .buyerSendsFile(
              B, chat, "фото 1.jpg", "image/jpeg", "jpeg".getBytes(StandardCharsets.UTF_8));
      http.postJson(
          "/v2/businesses/" + B + "/chats/message?chatId=" + chat,
          SandboxDemo.ALL_METHODS_KEY,
          "{\"message\":\"ответ\"}");
      sandbox.market().createBusiness(1003, "Пустой");

      SandboxHttp.Response dump = state(http);

      assertThat(dump.status()).isEqualTo(200);
      assertThat(dump.header("Content-Length")).as("streamed, not buffered").isNull();
      assertThat(dump.json().get("status").asText()).isEqualTo("OK");
      JsonNode businesses = dump.result().get("businesses");
      List<Long> businessIds = new ArrayList<>();
      businesses.forEach(b -> businessIds.add(b.get("businessId").asLong()));
      assertThat(businessIds).containsExactly(B, SandboxDemo.OTHER_BUSINESS_ID, 1003L);
      assertThat(businesses.get(2).get("chats")).isEmpty();
      int messages = 0;
      for (JsonNode business : businesses) {
        long id = business.get("businessId").asLong();
        String key = id == B ? SandboxDemo.ALL_METHODS_KEY : SandboxDemo.OTHER_BUSINESS_KEY;
        long previous = 0;
        for (JsonNode dumped : business.get("chats")) {
          long chatId = dumped.get("chatId").asLong();
          assertThat(chatId).isGreaterThan(previous);
          previous = chatId;
          JsonNode viaApi =
              http.get("/v2/businesses/" + id + "/chat?chatId=" + chatId, key).result();
          ObjectNode withoutMessages = ((ObjectNode) dumped.deepCopy());
          ArrayNode dumpedMessages = (ArrayNode) withoutMessages.remove("messages");
          assertThat(withoutMessages).isEqualTo(viaApi);
          assertThat(dumpedMessages).containsExactlyElementsOf(history(http, id, key, chatId));
          messages += dumpedMessages.size();
        }
      }
      JsonNode file = dump.result().at("/businesses/0/chats");
      assertThat(file.toString()).contains("фото 1.jpg", "/sandbox/files/", "\"size\":4");
      assertThat(messages).isGreaterThan(14);
    }
  }

  @Test
  void javaAndHttp_giveTheSameState() throws Exception {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      List<ChatSnapshot> chats = new ArrayList<>();
      sandbox.forEachChat(chats::add);
      JsonNode overHttp = state(http).result().get("businesses");
      List<JsonNode> dumped = new ArrayList<>();
      overHttp.forEach(b -> b.get("chats").forEach(dumped::add));

      assertThat(chats).hasSameSizeAs(dumped).isNotEmpty();
      for (int i = 0; i < chats.size(); i++) {
        ObjectNode chat = (ObjectNode) dumped.get(i).deepCopy();
        JsonNode messages = chat.remove("messages");
        List<ChatMessage> parsed = new ArrayList<>();
        for (JsonNode m : messages) {
          parsed.add(MODEL.treeToValue(m, ChatMessage.class));
        }
        assertThat(chats.get(i).chat()).isEqualTo(MODEL.treeToValue(chat, Chat.class));
        assertThat(chats.get(i).messages()).isEqualTo(parsed);
      }
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      sandbox.writeState(written);
      assertThat(SandboxHttp.JSON.readTree(written.toByteArray())).isEqualTo(state(http).json());
    }
  }

  @Test
  void withoutTheAdminToken_theStateIsRefused() {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      SandboxHttp.Response r = new SandboxHttp(sandbox.baseUrl()).get("/sandbox/state", null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  void aHundredThousandMessages_streamOut_andAllArrive() throws Exception {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      long[] demo = new long[1];
      sandbox.forEachChat(c -> demo[0] += c.messages().size());
      GenerateResult generated = sandbox.market().generate(4242, 1000, 100, 7);
      assertThat(generated.messages()).isEqualTo(100_000);
      long expected = demo[0] + generated.messages();
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/sandbox/state"))
                      .header("X-Sandbox-Admin-Token", SandboxDemo.ADMIN_TOKEN)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
      long messages = 0;
      long chats = 0;
      try (InputStream in = response.body();
          JsonParser json = SandboxHttp.JSON.getFactory().createParser(in)) {
        JsonToken token;
        while ((token = json.nextToken()) != null) {
          if (token == JsonToken.FIELD_NAME && json.currentName().equals("messageId")) {
            messages++;
          } else if (token == JsonToken.FIELD_NAME && json.currentName().equals("chatId")) {
            chats++;
          }
        }
      }
      assertThat(messages).isEqualTo(expected);
      assertThat(chats).isGreaterThanOrEqualTo(1000);
    }
  }
}
