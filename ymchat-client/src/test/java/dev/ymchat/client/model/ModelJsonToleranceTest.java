package dev.ymchat.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ymchat.client.internal.wire.ApiResponse;
import dev.ymchat.client.internal.wire.ApiResponseStatus;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import dev.ymchat.client.internal.wire.CreateChatRequest;
import dev.ymchat.client.internal.wire.GetChatHistoryRequest;
import dev.ymchat.client.internal.wire.GetChatsRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How the models cope with what a newer or older server may send. */
class ModelJsonToleranceTest {

  private static final ObjectMapper MAPPER = ModelJson.newMapper();

  private static final String CHAT =
      "{\"chatId\":1,\"context\":{\"type\":\"ORDER\",\"orderId\":2},\"type\":\"CHAT\","
          + "\"status\":\"NEW\",\"createdAt\":\"2017-11-21T00:00:00+03:00\","
          + "\"updatedAt\":\"2017-11-21T00:00:00+03:00\"}";

  @Test
  void missingRequiredIds_failInsteadOfReadingAsZero() {
    assertThatThrownBy(
            () ->
                MAPPER.readValue(
                    "{\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"CUSTOMER\"}",
                    ChatMessage.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("messageId");
    assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"CHAT\",\"status\":\"NEW\"}", Chat.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("chatId");
    assertThatThrownBy(() -> MAPPER.readValue("{}", CreateChatResult.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("chatId");
    assertThatThrownBy(
            () -> MAPPER.readValue("{\"name\":\"a.pdf\",\"url\":\"u\"}", MessagePayload.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("size");
  }

  @Test
  void unknownFields_areIgnoredAtEveryLevel() throws Exception {
    String json =
        "{\"status\":\"OK\",\"newTopLevel\":1,\"result\":{\"chats\":[{\"chatId\":1,"
            + "\"context\":{\"type\":\"ORDER\",\"orderId\":2,\"newContextField\":[1,2]},"
            + "\"type\":\"CHAT\",\"status\":\"NEW\",\"createdAt\":\"2017-11-21T00:00:00+03:00\","
            + "\"updatedAt\":\"2017-11-21T00:00:00+03:00\",\"priority\":{\"level\":3}}],"
            + "\"paging\":{\"nextPageToken\":\"t\",\"prevPageToken\":\"p\"},\"total\":10}}";

    ApiResponse<ChatsResult> response =
        MAPPER.readValue(json, new TypeReference<ApiResponse<ChatsResult>>() {});

    Chat chat = response.result().chats().get(0);
    assertThat(chat.chatId()).isEqualTo(1L);
    assertThat(chat.context().orderId()).isEqualTo(2L);
    assertThat(response.result().paging().nextPageToken()).isEqualTo("t");
  }

  @Test
  void unknownEnumValues_areKeptRaw_knownIsUnknown_andRoundTripUnchanged() throws Exception {
    String json =
        "{\"chatId\":1,\"context\":{\"type\":\"QUESTION\"},\"type\":\"VIDEO_CALL\","
            + "\"status\":\"WAITING_FOR_ROBOT\",\"createdAt\":\"2017-11-21T00:00:00+03:00\","
            + "\"updatedAt\":\"2017-11-21T00:00:00+03:00\"}";

    Chat chat = MAPPER.readValue(json, Chat.class);

    assertThat(chat.context().type().value()).isEqualTo("QUESTION");
    assertThat(chat.context().type().known()).isEqualTo(ChatContextType.Known.UNKNOWN);
    assertThat(chat.context().type().isKnown()).isFalse();
    assertThat(chat.type().value()).isEqualTo("VIDEO_CALL");
    assertThat(chat.type().known()).isEqualTo(ChatType.Known.UNKNOWN);
    assertThat(chat.status().value()).isEqualTo("WAITING_FOR_ROBOT");
    assertThat(chat.status().known()).isEqualTo(ChatStatus.Known.UNKNOWN);
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(chat))).isEqualTo(MAPPER.readTree(json));
  }

  @Test
  void unknownSenderAndResponseStatus_areKeptToo() throws Exception {
    String json =
        "{\"status\":\"PARTIAL\",\"result\":{\"messageId\":5,"
            + "\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"BOT\",\"message\":\"hi\"}}";

    ApiResponse<ChatMessage> response =
        MAPPER.readValue(json, new TypeReference<ApiResponse<ChatMessage>>() {});

    assertThat(response.status().value()).isEqualTo("PARTIAL");
    assertThat(response.status().known()).isEqualTo(ApiResponseStatus.Known.UNKNOWN);
    assertThat(response.result().sender().value()).isEqualTo("BOT");
    assertThat(response.result().sender().known()).isEqualTo(MessageSender.Known.UNKNOWN);
    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(response)))
        .isEqualTo(MAPPER.readTree(json));
  }

  @Test
  void knownEnumValues_areTheSharedConstants() throws Exception {
    Chat chat = MAPPER.readValue(CHAT, Chat.class);

    assertThat(chat.status()).isSameAs(ChatStatus.NEW);
    assertThat(chat.type()).isSameAs(ChatType.CHAT);
    assertThat(chat.context().type()).isSameAs(ChatContextType.ORDER);
  }

  @Test
  void nullOrMissingCollections_becomeEmptyLists() throws Exception {
    ChatsResult nullChats = MAPPER.readValue("{\"chats\":null}", ChatsResult.class);
    ChatsResult missingChats = MAPPER.readValue("{}", ChatsResult.class);
    ChatHistory nullMessages =
        MAPPER.readValue("{\"context\":{\"type\":\"ORDER\"},\"messages\":null}", ChatHistory.class);
    ChatHistory missingMessages = MAPPER.readValue("{\"orderId\":3}", ChatHistory.class);
    ChatMessage nullPayload =
        MAPPER.readValue(
            "{\"messageId\":1,\"createdAt\":\"2017-11-21T00:00:00Z\",\"sender\":\"PARTNER\","
                + "\"message\":\"x\",\"payload\":null}",
            ChatMessage.class);
    ApiResponse<Void> nullErrors =
        MAPPER.readValue(
            "{\"status\":\"ERROR\",\"errors\":null}", new TypeReference<ApiResponse<Void>>() {});
    ApiResponse<Void> missingErrors =
        MAPPER.readValue("{\"status\":\"OK\"}", new TypeReference<ApiResponse<Void>>() {});

    assertThat(nullChats.chats()).isNotNull().isEmpty();
    assertThat(missingChats.chats()).isNotNull().isEmpty();
    assertThat(nullMessages.messages()).isNotNull().isEmpty();
    assertThat(missingMessages.messages()).isNotNull().isEmpty();
    assertThat(nullPayload.payload()).isNotNull().isEmpty();
    assertThat(nullErrors.errors()).isNotNull().isEmpty();
    assertThat(missingErrors.errors()).isNotNull().isEmpty();
  }

  @Test
  void emptyPayloadAndErrors_areLeftOutWhenWritten_becauseTheSpecAllowsNoEmptyArray()
      throws Exception {
    ChatMessage text =
        new ChatMessage(
            1, OffsetDateTime.parse("2017-11-21T00:00:00Z"), MessageSender.PARTNER, "x", null);

    JsonNode written = MAPPER.valueToTree(text);
    JsonNode ok = MAPPER.valueToTree(ApiResponse.ok(new CreateChatResult(7)));

    assertThat(written.has("payload")).isFalse();
    assertThat(ok.has("errors")).isFalse();
    assertThat(SpecShapes.load("chats-openapi.yaml").problems(ok, "CreateChatResponse")).isEmpty();
  }

  @Test
  void requestFiltersLeftNull_areLeftOutWhenWritten() throws Exception {
    assertThat(MAPPER.writeValueAsString(GetChatsRequest.ALL)).isEqualTo("{}");
    assertThat(MAPPER.writeValueAsString(new GetChatHistoryRequest(null))).isEqualTo("{}");
    assertThat(MAPPER.writeValueAsString(CreateChatRequest.of(ChatContext.order(5))))
        .isEqualTo("{\"context\":{\"type\":\"ORDER\",\"id\":5}}");
  }

  @Test
  void dateOffsets_arePreservedOnReadAndWrite() throws Exception {
    String json =
        "{\"messageId\":1,\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"CUSTOMER\","
            + "\"message\":\"x\"}";
    String utc =
        "{\"messageId\":2,\"createdAt\":\"2017-11-20T21:00:00.213Z\",\"sender\":\"CUSTOMER\","
            + "\"message\":\"x\"}";
    String negative =
        "{\"messageId\":3,\"createdAt\":\"2017-11-20T16:30:00-04:30\",\"sender\":\"CUSTOMER\","
            + "\"message\":\"x\"}";

    ChatMessage moscow = MAPPER.readValue(json, ChatMessage.class);
    ChatMessage zulu = MAPPER.readValue(utc, ChatMessage.class);
    ChatMessage west = MAPPER.readValue(negative, ChatMessage.class);

    assertThat(moscow.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHours(3));
    assertThat(moscow.createdAt().getHour()).isZero();
    assertThat(zulu.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(west.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-4, -30));
    assertThat(MAPPER.writeValueAsString(moscow)).contains("\"2017-11-21T00:00:00+03:00\"");
    assertThat(MAPPER.writeValueAsString(zulu)).contains("\"2017-11-20T21:00:00.213Z\"");
    assertThat(MAPPER.writeValueAsString(west)).contains("\"2017-11-20T16:30:00-04:30\"");
  }
}
