package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.model.MessageSender;
import java.time.OffsetDateTime;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatsClientOperationsTest {

  static final String CHAT_JSON =
      "{\"chatId\":5,\"context\":{\"type\":\"ORDER\",\"orderId\":77,"
          + "\"campaignId\":2001,\"customer\":{\"name\":\"Иван\",\"publicId\":\"p1\"}},"
          + "\"type\":\"CHAT\",\"status\":\"WAITING_FOR_PARTNER\","
          + "\"createdAt\":\"2026-01-02T10:00:00+03:00\",\"updatedAt\":\"2026-01-02T11:00:00+03:00\","
          + "\"someNewField\":{\"x\":1}}";

  static final String MESSAGE_JSON =
      "{\"messageId\":11,\"createdAt\":\"2026-01-02T10:05:00+03:00\","
          + "\"sender\":\"CUSTOMER\",\"message\":\"Где заказ?\",\"payload\":[{\"name\":\"photo.png\","
          + "\"url\":\"https://example.invalid/f/1\",\"size\":1024}]}";

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String prefix(PathStyle style) {
    return style == PathStyle.V2 ? "/v2" : "";
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void createChat_forAnOrder_postsContextInV2_andSeedOrderIdInLegacy(PathStyle style) {
    stub.ok("{\"chatId\":42}");
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      assertThat(client.createChat(1001, ChatContext.order(77)).chatId()).isEqualTo(42);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo(prefix(style) + "/businesses/1001/chats/new");
    assertThat(r.getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(r.getHeaders().get("Authorization")).isNull();
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(Stub.body(r))
        .isEqualTo(
            style == PathStyle.V2
                ? "{\"context\":{\"type\":\"ORDER\",\"id\":77}}"
                : "{\"orderId\":77}");
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void createChat_forAReturn_sendsTheContextInBothStyles(PathStyle style) {
    stub.ok("{\"chatId\":44}");
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      assertThat(client.createChat(1001, ChatContext.ofReturn(9)).chatId()).isEqualTo(44);
    }
    assertThat(Stub.body(stub.take())).isEqualTo("{\"context\":{\"type\":\"RETURN\",\"id\":9}}");
  }

  @Test
  void createChatForOrder_sendsTheSeedFormWithOrderId() {
    stub.ok("{\"chatId\":43}");
    try (ChatsClient client = stub.client().pathStyle(PathStyle.LEGACY).build()) {
      assertThat(client.createChatForOrder(1001, 78).chatId()).isEqualTo(43);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getTarget()).isEqualTo("/businesses/1001/chats/new");
    assertThat(Stub.body(r)).isEqualTo("{\"orderId\":78}");
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void chats_postsFiltersWithPagingInQuery_andParsesChats(PathStyle style) {
    stub.ok("{\"chats\":[" + CHAT_JSON + "],\"paging\":{\"nextPageToken\":\"tok/2+=\"}}");
    ChatsQuery query =
        ChatsQuery.builder()
            .statuses(ChatStatus.NEW, ChatStatus.WAITING_FOR_PARTNER)
            .types(ChatType.CHAT)
            .contextTypes(ChatContextType.ORDER, ChatContextType.DIRECT)
            .contexts(ChatContext.ofReturn(9))
            .orderIds(77)
            .limit(20)
            .pageToken("abc def")
            .build();
    ChatsPage page;
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      page = client.chats(1001, query);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    String token = style == PathStyle.V2 ? "pageToken" : "page_token";
    assertThat(r.getTarget())
        .isEqualTo(prefix(style) + "/businesses/1001/chats?" + token + "=abc%20def&limit=20");
    assertThat(Stub.body(r))
        .isEqualTo(
            "{\"orderIds\":[77],\"contexts\":[{\"type\":\"RETURN\",\"id\":9}],"
                + "\"contextTypes\":[\"ORDER\",\"DIRECT\"],\"types\":[\"CHAT\"],"
                + "\"statuses\":[\"NEW\",\"WAITING_FOR_PARTNER\"]}");
    assertThat(page.items()).hasSize(1);
    Chat chat = page.items().get(0);
    assertThat(chat.chatId()).isEqualTo(5);
    assertThat(chat.status()).isEqualTo(ChatStatus.WAITING_FOR_PARTNER);
    assertThat(chat.context().customer().name()).isEqualTo("Иван");
    assertThat(chat.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-02T10:00:00+03:00"));
    assertThat(page.nextPageToken()).contains("tok/2+=");
  }

  @Test
  void chats_withoutQuery_sendsEmptyFilterObjectAndNoQueryString() {
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client = stub.client().build()) {
      ChatsPage page = client.chats(1001);
      assertThat(page.items()).isEmpty();
      assertThat(page.hasNextPage()).isFalse();
    }
    RecordedRequest r = stub.take();
    assertThat(r.getTarget()).isEqualTo("/v2/businesses/1001/chats");
    assertThat(Stub.body(r)).isEqualTo("{}");
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void chat_alwaysUsesV2GetWithChatIdInQuery(PathStyle style) {
    stub.ok(CHAT_JSON);
    Chat chat;
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      chat = client.chat(1001, 5);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/v2/businesses/1001/chat?chatId=5");
    assertThat(Stub.body(r)).isEmpty();
    assertThat(chat.type()).isEqualTo(ChatType.CHAT);
    assertThat(chat.context().campaignId()).isEqualTo(2001L);
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void history_postsMessageIdFromWithChatIdAndPagingInQuery(PathStyle style) {
    stub.ok(
        "{\"context\":{\"type\":\"DIRECT\"},\"orderId\":77,\"messages\":["
            + MESSAGE_JSON
            + "],\"paging\":{}}");
    HistoryPage page;
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      page =
          client.history(
              1001, 5, HistoryQuery.builder().messageIdFrom(10).limit(100).pageToken("p2").build());
    }
    RecordedRequest r = stub.take();
    String token = style == PathStyle.V2 ? "pageToken" : "page_token";
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget())
        .isEqualTo(
            prefix(style) + "/businesses/1001/chats/history?chatId=5&" + token + "=p2&limit=100");
    assertThat(Stub.body(r)).isEqualTo("{\"messageIdFrom\":10}");
    assertThat(page.context().type()).isEqualTo(ChatContextType.DIRECT);
    assertThat(page.orderId()).hasValue(77);
    assertThat(page.hasNextPage()).isFalse();
    ChatMessage m = page.items().get(0);
    assertThat(m.sender()).isEqualTo(MessageSender.CUSTOMER);
    assertThat(m.message()).isEqualTo("Где заказ?");
    assertThat(m.payload())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("photo.png");
              assertThat(p.size()).isEqualTo(1024);
            });
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void message_alwaysUsesV2GetWithChatIdAndMessageIdInQuery(PathStyle style) {
    stub.ok(
        "{\"messageId\":12,\"createdAt\":\"2026-01-02T10:05:00Z\",\"sender\":\"ROBOT_2030\","
            + "\"message\":\"hi\"}");
    ChatMessage m;
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      m = client.message(1001, 5, 12);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/v2/businesses/1001/chats/message?chatId=5&messageId=12");
    assertThat(m.messageId()).isEqualTo(12);
    assertThat(m.sender().isKnown()).isFalse();
    assertThat(m.sender().value()).isEqualTo("ROBOT_2030");
    assertThat(m.sender().known()).isEqualTo(MessageSender.Known.UNKNOWN);
    assertThat(m.payload()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void sendMessage_postsTextWithChatIdInQuery(PathStyle style) {
    stub.ok(null);
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      client.sendMessage(1001, 5, "Здравствуйте! \"ok\" 👋");
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo(prefix(style) + "/businesses/1001/chats/message?chatId=5");
    assertThat(Stub.body(r)).startsWith("{\"message\":").endsWith("}");
    assertThat(json(Stub.body(r)).get("message").asText()).isEqualTo("Здравствуйте! \"ok\" 👋");
    assertThat(json(Stub.body(r)).size()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void sendFile_postsMultipartToFileSend(PathStyle style) {
    stub.ok(null);
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      client.sendFile(1001, 5, FileUpload.of("a.txt", "hello".getBytes()));
    }
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget())
        .isEqualTo(prefix(style) + "/businesses/1001/chats/file/send?chatId=5");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(Stub.body(r)).contains("name=\"file\"; filename=\"a.txt\"", "hello");
  }

  @Test
  void oauthToken_isSentAsBearerAuthorization() {
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client =
        ChatsClient.builder().oauthToken("oauth-SECRET").baseUrl(stub.baseUrl()).build()) {
      client.chats(1001);
    }
    RecordedRequest r = stub.take();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer oauth-SECRET");
    assertThat(r.getHeaders().get("Api-Key")).isNull();
  }

  @Test
  void unknownFieldsAndEnumValues_areToleratedAndKept() {
    stub.ok(
        "{\"chats\":[{\"chatId\":6,\"context\":{\"type\":\"MARKETPLACE_QUESTION\"},"
            + "\"type\":\"GROUP\",\"status\":\"ON_HOLD\",\"createdAt\":\"2026-01-02T10:00:00Z\","
            + "\"updatedAt\":\"2026-01-02T10:00:00Z\",\"extra\":[1,2]}],\"future\":true}");
    Chat chat;
    try (ChatsClient client = stub.client().build()) {
      chat = client.chats(1001).items().get(0);
    }
    assertThat(chat.type().value()).isEqualTo("GROUP");
    assertThat(chat.type().known()).isEqualTo(ChatType.Known.UNKNOWN);
    assertThat(chat.status().value()).isEqualTo("ON_HOLD");
    assertThat(chat.context().type().value()).isEqualTo("MARKETPLACE_QUESTION");
  }

  @Test
  void withRawResponse_exposesStatusHeadersAndRateLimit() {
    stub.enqueue(
        200,
        "{\"status\":\"OK\",\"result\":" + CHAT_JSON + "}",
        "X-RateLimit-Resource-Limit",
        "1000",
        "X-RateLimit-Resource-Remaining",
        "998",
        "X-RateLimit-Resource-Until",
        "Thu, 10 Jul 2018 00:42:42 GMT");
    ApiResult<Chat> result;
    try (ChatsClient client = stub.client().build()) {
      result = client.withRawResponse().chat(1001, 5);
    }
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.value().chatId()).isEqualTo(5);
    assertThat(result.headers().get("x-ratelimit-resource-limit")).containsExactly("1000");
    assertThat(result.rateLimit())
        .hasValueSatisfying(
            rl -> {
              assertThat(rl.limit()).isEqualTo(1000L);
              assertThat(rl.remaining()).isEqualTo(998L);
              assertThat(rl.until()).isEqualTo(java.time.Instant.parse("2018-07-10T00:42:42Z"));
            });
  }

  @Test
  void close_isIdempotentAndLaterCallsFail() {
    ChatsClient client = stub.client().build();
    client.close();
    client.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.chats(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(stub.requestCount()).isZero();
  }
}
