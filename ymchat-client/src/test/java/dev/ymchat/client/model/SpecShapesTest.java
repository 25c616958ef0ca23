package dev.ymchat.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The spec check itself catches what it is there to catch, so a green golden test means something.
 */
class SpecShapesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SpecShapes spec = SpecShapes.load("chats-openapi.yaml");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void resolvesRefsAndAllOf_intoTheEnvelopeProperties() {
    assertThat(spec.propertyNames("GetChatsResponse"))
        .containsExactlyInAnyOrder("status", "result");
    assertThat(spec.propertyNames("ApiLimitErrorResponse"))
        .containsExactlyInAnyOrder("status", "errors");
  }

  @Test
  void misspelledProperty_isReported() throws Exception {
    assertThat(
            spec.problems(
                json("{\"status\":\"OK\",\"result\":{\"chatID\":1}}"), "CreateChatResponse"))
        .anySatisfy(p -> assertThat(p).contains("$.result.chatID is not a property"))
        .anySatisfy(p -> assertThat(p).contains("$.result.chatId is required"));
  }

  @Test
  void missingRequiredProperty_isReported_deepInsideArrays() throws Exception {
    String chats =
        "{\"status\":\"OK\",\"result\":{\"chats\":[{\"chatId\":1,\"context\":{\"type\":\"ORDER\"},"
            + "\"type\":\"CHAT\",\"status\":\"NEW\",\"createdAt\":\"2017-11-21T00:00:00+03:00\"}]}}";

    assertThat(spec.problems(json(chats), "GetChatsResponse"))
        .containsExactly("$.result.chats[0].updatedAt is required but missing");
  }

  @Test
  void wrongTypesAndEnumValues_areReported() throws Exception {
    String message =
        "{\"messageId\":\"1\",\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"ROBOT\","
            + "\"payload\":[{\"name\":\"a\",\"url\":\"u\",\"size\":1.5}]}";

    assertThat(spec.problems(json(message), "ChatMessageDTO"))
        .containsExactlyInAnyOrder(
            "$.messageId should be an integer, is STRING",
            "$.sender is 'ROBOT', not one of [\"PARTNER\",\"CUSTOMER\",\"MARKET\",\"SUPPORT\"]",
            "$.payload[0].size should be an integer, is NUMBER");
  }

  @Test
  void nullIsAllowedOnlyWhereTheSpecSaysNullable() throws Exception {
    assertThat(spec.problems(json("{\"orderIds\":null}"), "GetChatsRequest")).isEmpty();
    assertThat(spec.problems(json("{\"message\":null}"), "SendMessageToChatRequest"))
        .containsExactly("$.message is null but the schema does not allow null");
  }

  @Test
  void seedEraSpec_requiresOrderIdWhereTheCurrentOneRequiresContext() throws Exception {
    JsonNode seedChat =
        json(
            "{\"chatId\":1,\"orderId\":2,\"type\":\"CHAT\",\"status\":\"NEW\","
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"updatedAt\":\"2017-11-21T00:00:00+03:00\"}");

    assertThat(SpecShapes.load("chats-openapi-seed-era.yaml").problems(seedChat, "GetChatInfoDTO"))
        .isEmpty();
    assertThat(spec.problems(seedChat, "GetChatInfoDTO"))
        .containsExactly("$.context is required but missing");
  }

  @Test
  void unknownSchemaName_fails() {
    assertThatThrownBy(() -> spec.propertyNames("NoSuchDTO")).hasMessageContaining("NoSuchDTO");
  }
}
