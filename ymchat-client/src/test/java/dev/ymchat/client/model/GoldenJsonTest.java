package dev.ymchat.client.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.ymchat.client.internal.wire.ApiResponse;
import dev.ymchat.client.internal.wire.ApiResponseStatus;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import dev.ymchat.client.internal.wire.CreateChatRequest;
import dev.ymchat.client.internal.wire.GetChatHistoryRequest;
import dev.ymchat.client.internal.wire.GetChatsRequest;
import dev.ymchat.client.internal.wire.SendMessageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden JSON documents shaped like the chats spec's schemas and examples: each parses into the
 * models, serializes back to an equal JSON tree, and fits the schema of the spec it comes from.
 */
class GoldenJsonTest {

  private static final ObjectMapper MAPPER = ModelJson.newMapper();
  private static final TypeFactory TYPES = MAPPER.getTypeFactory();
  private static final String CURRENT = "chats-openapi.yaml";
  private static final String SEED = "chats-openapi-seed-era.yaml";

  /** One golden document: where it is, which spec schema describes it, which model reads it. */
  record Golden(String file, String spec, String schema, JavaType type) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static JavaType plain(Class<?> type) {
    return TYPES.constructType(type);
  }

  private static JavaType envelope(Class<?> result) {
    return TYPES.constructParametricType(ApiResponse.class, result);
  }

  private static Golden current(String file, String schema, JavaType type) {
    return new Golden(file, CURRENT, schema, type);
  }

  private static Golden seed(String file, String schema, JavaType type) {
    return new Golden(file, SEED, schema, type);
  }

  static Stream<Golden> goldens() {
    return Stream.of(
        current(
            "create-chat-request-context.json",
            "CreateChatRequest",
            plain(CreateChatRequest.class)),
        current(
            "create-chat-request-return-context.json",
            "CreateChatRequest",
            plain(CreateChatRequest.class)),
        current(
            "create-chat-request-order-id.json",
            "CreateChatRequest",
            plain(CreateChatRequest.class)),
        seed(
            "create-chat-request-order-id.json",
            "CreateChatRequest",
            plain(CreateChatRequest.class)),
        current(
            "create-chat-response.json", "CreateChatResponse", envelope(CreateChatResult.class)),
        current("get-chats-request.json", "GetChatsRequest", plain(GetChatsRequest.class)),
        current("get-chats-request-empty.json", "GetChatsRequest", plain(GetChatsRequest.class)),
        current("get-chats-response.json", "GetChatsResponse", envelope(ChatsResult.class)),
        current(
            "get-chats-response-last-page.json", "GetChatsResponse", envelope(ChatsResult.class)),
        seed("get-chats-response-seed-era.json", "GetChatsResponse", envelope(ChatsResult.class)),
        current("get-chat-response.json", "GetChatResponse", envelope(Chat.class)),
        current(
            "get-chat-history-request.json",
            "GetChatHistoryRequest",
            plain(GetChatHistoryRequest.class)),
        current(
            "get-chat-history-request-empty.json",
            "GetChatHistoryRequest",
            plain(GetChatHistoryRequest.class)),
        current(
            "get-chat-history-response.json",
            "GetChatHistoryResponse",
            envelope(ChatHistory.class)),
        seed(
            "get-chat-history-response-seed-era.json",
            "GetChatHistoryResponse",
            envelope(ChatHistory.class)),
        current(
            "get-chat-message-response.json",
            "GetChatMessageResponse",
            envelope(ChatMessage.class)),
        current(
            "send-message-request.json",
            "SendMessageToChatRequest",
            plain(SendMessageRequest.class)),
        current("empty-api-response.json", "EmptyApiResponse", envelope(Void.class)),
        current("error-400.json", "ApiClientDataErrorResponse", envelope(Void.class)),
        current("error-400-several.json", "ApiClientDataErrorResponse", envelope(Void.class)),
        current("error-401.json", "ApiUnauthorizedErrorResponse", envelope(Void.class)),
        current("error-403.json", "ApiForbiddenErrorResponse", envelope(Void.class)),
        current("error-404.json", "ApiNotFoundErrorResponse", envelope(Void.class)),
        current("error-420-hourly.json", "ApiLimitErrorResponse", envelope(Void.class)),
        current("error-420-parallel.json", "ApiLimitErrorResponse", envelope(Void.class)),
        current("error-423.json", "ApiErrorResponse", envelope(Void.class)),
        current("error-500.json", "ApiServerErrorResponse", envelope(Void.class)));
  }

  static JsonNode golden(String file) {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("test resource /golden/" + file).isNotNull();
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(String file, Class<T> type) {
    return MAPPER.convertValue(golden(file), type);
  }

  private static <T> ApiResponse<T> response(String file, Class<T> result) {
    return MAPPER.convertValue(golden(file), envelope(result));
  }

  @ParameterizedTest(name = "{0} fits {2} of {1}")
  @MethodSource("goldens")
  void goldenDocument_fitsItsSchemaInTheSpec(Golden golden) {
    assertThat(SpecShapes.load(golden.spec()).problems(golden(golden.file()), golden.schema()))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} round-trips as {3}")
  @MethodSource("goldens")
  void goldenDocument_roundTripsThroughTheModel_toAnEqualJsonTree(Golden golden) throws Exception {
    JsonNode original = golden(golden.file());

    Object model = MAPPER.readValue(MAPPER.writeValueAsString(original), golden.type());
    JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(model));

    assertThat(written).isEqualTo(original);
  }

  @Test
  void createChatRequest_bothForms() {
    CreateChatRequest context = read("create-chat-request-context.json", CreateChatRequest.class);
    assertThat(context).isEqualTo(CreateChatRequest.of(ChatContext.order(12345678)));
    assertThat(context.orderId()).isNull();

    assertThat(read("create-chat-request-return-context.json", CreateChatRequest.class))
        .isEqualTo(CreateChatRequest.of(ChatContext.ofReturn(555123)));

    CreateChatRequest seed = read("create-chat-request-order-id.json", CreateChatRequest.class);
    assertThat(seed.orderId()).isEqualTo(12345678L);
    assertThat(seed.context()).isNull();
  }

  @Test
  void createChatResponse() {
    ApiResponse<CreateChatResult> response =
        response("create-chat-response.json", CreateChatResult.class);

    assertThat(response.status()).isEqualTo(ApiResponseStatus.OK);
    assertThat(response.result().chatId()).isEqualTo(2345678L);
    assertThat(response.errors()).isEmpty();
  }

  @Test
  void getChatsRequest_withAllFilters() {
    GetChatsRequest request = read("get-chats-request.json", GetChatsRequest.class);

    assertThat(request.orderIds()).containsExactly(12345678L, 12345679L);
    assertThat(request.contexts())
        .containsExactly(ChatContext.order(12345678), ChatContext.ofReturn(555123));
    assertThat(request.contextTypes())
        .containsExactly(ChatContextType.ORDER, ChatContextType.RETURN, ChatContextType.DIRECT);
    assertThat(request.types()).containsExactly(ChatType.CHAT, ChatType.ARBITRAGE);
    assertThat(request.statuses())
        .containsExactly(
            ChatStatus.NEW,
            ChatStatus.WAITING_FOR_CUSTOMER,
            ChatStatus.WAITING_FOR_PARTNER,
            ChatStatus.WAITING_FOR_ARBITER,
            ChatStatus.WAITING_FOR_MARKET,
            ChatStatus.FINISHED);
    assertThat(read("get-chats-request-empty.json", GetChatsRequest.class))
        .isEqualTo(GetChatsRequest.ALL);
  }

  @Test
  void getChatsResponse_withOrderReturnAndDirectChats() {
    ChatsResult result = response("get-chats-response.json", ChatsResult.class).result();

    assertThat(result.chats()).hasSize(3);
    Chat order = result.chats().get(0);
    assertThat(order.chatId()).isEqualTo(2345678L);
    assertThat(order.orderId()).isEqualTo(12345678L);
    assertThat(order.context())
        .isEqualTo(
            new ChatFullContext(
                ChatContextType.ORDER,
                new ChatCustomer("Иван П.", "ivan-public-id"),
                2001L,
                12345678L,
                null));
    assertThat(order.type()).isEqualTo(ChatType.CHAT);
    assertThat(order.status()).isEqualTo(ChatStatus.WAITING_FOR_PARTNER);
    assertThat(order.createdAt())
        .isEqualTo(OffsetDateTime.of(2017, 11, 21, 0, 0, 0, 0, ZoneOffset.ofHours(3)));

    Chat ret = result.chats().get(1);
    assertThat(ret.context().type()).isEqualTo(ChatContextType.RETURN);
    assertThat(ret.context().returnId()).isEqualTo(555123L);
    assertThat(ret.context().customer()).isNull();
    assertThat(ret.type().known()).isEqualTo(ChatType.Known.ARBITRAGE);
    assertThat(ret.updatedAt().getNano()).isEqualTo(500_000_000);

    Chat direct = result.chats().get(2);
    assertThat(direct.orderId()).isNull();
    assertThat(direct.context().type().known()).isEqualTo(ChatContextType.Known.DIRECT);
    assertThat(direct.context().customer()).isEqualTo(new ChatCustomer("Мария", "maria-public-id"));
    assertThat(direct.context().orderId()).isNull();
    assertThat(direct.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);

    assertThat(result.paging().nextPageToken()).isEqualTo("eyBuZXh0SWQ6IDIzNDIgfQ==");
  }

  @Test
  void getChatsResponse_lastPage_hasNoToken() {
    ChatsResult result = response("get-chats-response-last-page.json", ChatsResult.class).result();

    assertThat(result.chats()).isEmpty();
    assertThat(result.paging().nextPageToken()).isNull();
  }

  @Test
  void getChatsResponse_seedEraChat_hasOnlyOrderId() {
    Chat chat =
        response("get-chats-response-seed-era.json", ChatsResult.class).result().chats().get(0);

    assertThat(chat.orderId()).isEqualTo(12345678L);
    assertThat(chat.context()).isNull();
    assertThat(chat.status()).isEqualTo(ChatStatus.FINISHED);
  }

  @Test
  void getChatResponse() {
    Chat chat = response("get-chat-response.json", Chat.class).result();

    assertThat(chat.chatId()).isEqualTo(2345680L);
    assertThat(chat.context().type()).isEqualTo(ChatContextType.DIRECT);
    assertThat(chat.context().campaignId()).isEqualTo(2001L);
    assertThat(chat.status()).isEqualTo(ChatStatus.WAITING_FOR_CUSTOMER);
    assertThat(chat.updatedAt()).isEqualTo(OffsetDateTime.parse("2017-11-21T00:05:00+03:00"));
  }

  @Test
  void getChatHistoryRequest() {
    assertThat(read("get-chat-history-request.json", GetChatHistoryRequest.class))
        .isEqualTo(new GetChatHistoryRequest(101L));
    assertThat(read("get-chat-history-request-empty.json", GetChatHistoryRequest.class))
        .isEqualTo(new GetChatHistoryRequest(null));
  }

  @Test
  void getChatHistoryResponse_withTextAndPayloadMessages() {
    ChatHistory history = response("get-chat-history-response.json", ChatHistory.class).result();

    assertThat(history.orderId()).isEqualTo(12345678L);
    assertThat(history.context().type()).isEqualTo(ChatContextType.ORDER);
    assertThat(history.messages())
        .extracting(ChatMessage::messageId)
        .containsExactly(101L, 102L, 103L, 104L, 105L);
    assertThat(history.messages())
        .extracting(ChatMessage::sender)
        .containsExactly(
            MessageSender.CUSTOMER,
            MessageSender.PARTNER,
            MessageSender.CUSTOMER,
            MessageSender.MARKET,
            MessageSender.SUPPORT);

    ChatMessage textOnly = history.messages().get(0);
    assertThat(textOnly.message()).isEqualTo("Здравствуйте! Когда привезут заказ?");
    assertThat(textOnly.payload()).isEmpty();

    ChatMessage both = history.messages().get(1);
    assertThat(both.message()).startsWith("Завтра");
    assertThat(both.payload())
        .containsExactly(
            new MessagePayload(
                "invoice.pdf", "https://market-chats.s3.yandex.net/files/invoice.pdf", 204800));

    ChatMessage filesOnly = history.messages().get(2);
    assertThat(filesOnly.message()).isNull();
    assertThat(filesOnly.payload())
        .extracting(MessagePayload::name)
        .containsExactly("photo-1.jpg", "photo-2.png");
    assertThat(filesOnly.createdAt().getNano()).isEqualTo(213_000_000);

    assertThat(history.paging().nextPageToken()).isEqualTo("eyBuZXh0SWQ6IDIzNDIgfQ==");
  }

  @Test
  void getChatHistoryResponse_seedEra_hasOrderIdButNoContext() {
    ChatHistory history =
        response("get-chat-history-response-seed-era.json", ChatHistory.class).result();

    assertThat(history.orderId()).isEqualTo(12345678L);
    assertThat(history.context()).isNull();
    assertThat(history.paging()).isNull();
    assertThat(history.messages())
        .singleElement()
        .extracting(ChatMessage::sender)
        .isEqualTo(MessageSender.PARTNER);
  }

  @Test
  void getChatMessageResponse() {
    ChatMessage message = response("get-chat-message-response.json", ChatMessage.class).result();

    assertThat(message.messageId()).isEqualTo(102L);
    assertThat(message.sender().known()).isEqualTo(MessageSender.Known.PARTNER);
    assertThat(message.payload())
        .singleElement()
        .extracting(MessagePayload::size)
        .isEqualTo(204800L);
  }

  @Test
  void sendMessageRequest() {
    assertThat(read("send-message-request.json", SendMessageRequest.class))
        .isEqualTo(new SendMessageRequest("Здравствуйте! Ваш заказ передан в доставку."));
  }

  @Test
  void emptyApiResponse() {
    ApiResponse<Void> response = response("empty-api-response.json", Void.class);

    assertThat(response.status()).isEqualTo(ApiResponseStatus.OK);
    assertThat(response.result()).isNull();
    assertThat(response.errors()).isEmpty();
  }

  @Test
  void errorResponses_carryCodeAndMessage() {
    record Expected(String file, String code, String messagePart) {}
    List<Expected> expected =
        List.of(
            new Expected("error-400.json", "BAD_REQUEST", "between 1 and 4096"),
            new Expected("error-401.json", "UNAUTHORIZED", "Api-Key"),
            new Expected("error-403.json", "FORBIDDEN", "businessId 1001"),
            new Expected("error-404.json", "NOT_FOUND", "2345678"),
            new Expected("error-420-hourly.json", "REQUEST_LIMIT_EXCEEDED", "per hour"),
            new Expected("error-420-parallel.json", "LIMIT_EXCEEDED", "4 parallel requests"),
            new Expected("error-423.json", "LOCKED", "finished"),
            new Expected("error-500.json", "INTERNAL_ERROR", "Internal"));
    for (Expected e : expected) {
      ApiResponse<Void> response = response(e.file(), Void.class);
      assertThat(response.status()).as(e.file()).isEqualTo(ApiResponseStatus.ERROR);
      assertThat(response.result()).as(e.file()).isNull();
      assertThat(response.errors())
          .as(e.file())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.code()).isEqualTo(e.code());
                assertThat(error.message()).contains(e.messagePart());
              });
    }

    assertThat(response("error-400-several.json", Void.class).errors())
        .containsExactly(
            new ApiError("BAD_REQUEST", "chatId: must be greater than or equal to 1"),
            new ApiError("BAD_REQUEST", null));
  }
}
