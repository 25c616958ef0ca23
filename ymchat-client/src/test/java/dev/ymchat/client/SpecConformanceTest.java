package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the requests the client sends against the official OpenAPI files (copied into the test
 * resources): method, path, query parameter names, body media type and required body fields.
 */
class SpecConformanceTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = SpecConformanceTest.class.getResourceAsStream("/spec/" + name)) {
      assertThat(in).as("test resource /spec/" + name).isNotNull();
      return new YAMLMapper().readTree(in);
    }
  }

  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    JsonNode target = spec;
    for (String part : ref.asText().substring(2).split("/")) {
      target = target.get(part);
    }
    return resolve(spec, target);
  }

  /** Sends one request of the operation with every optional query parameter set. */
  private RecordedRequest call(String operationId, PathStyle style) {
    try (ChatsClient client = stub.client().pathStyle(style).build()) {
      switch (operationId) {
        case "createChat":
          stub.ok("{\"chatId\":1}");
          client.createChat(1001, ChatContext.order(5));
          break;
        case "getChats":
          stub.ok("{\"chats\":[]}");
          client.chats(
              1001, ChatsQuery.builder().statuses(ChatStatus.NEW).limit(5).pageToken("t").build());
          break;
        case "getChat":
          stub.ok(ChatsClientOperationsTest.CHAT_JSON);
          client.chat(1001, 5);
          break;
        case "getChatHistory":
          stub.ok("{\"messages\":[]}");
          client.history(
              1001, 5, HistoryQuery.builder().messageIdFrom(3).limit(5).pageToken("t").build());
          break;
        case "getChatMessage":
          stub.ok(ChatsClientOperationsTest.MESSAGE_JSON);
          client.message(1001, 5, 11);
          break;
        case "sendMessageToChat":
          stub.ok(null);
          client.sendMessage(1001, 5, "hi");
          break;
        case "sendFileToChat":
          stub.ok(null);
          client.sendFile(1001, 5, FileUpload.of("a.pdf", new byte[] {1}));
          break;
        default:
          throw new AssertionError("the spec has an operation the client lacks: " + operationId);
      }
    }
    return stub.take();
  }

  private void assertConforms(JsonNode spec, PathStyle style, int expectedOperations) {
    int checked = 0;
    for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        JsonNode op = method.getValue();
        String operationId = op.get("operationId").asText();
        RecordedRequest r = call(operationId, style);
        String target = r.getTarget();
        String sentPath = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;

        assertThat(r.getMethod()).as(operationId).isEqualToIgnoringCase(method.getKey());
        assertThat(sentPath)
            .as(operationId)
            .isEqualTo(path.getKey().replace("{businessId}", "1001"));

        Set<String> declared = new HashSet<>();
        for (JsonNode p : op.path("parameters")) {
          JsonNode param = resolve(spec, p);
          if ("query".equals(param.path("in").asText())) {
            declared.add(param.get("name").asText());
            param.path("x-aliases").forEach(a -> declared.add(a.asText()));
            if (param.path("required").asBoolean()) {
              assertThat(r.getUrl().queryParameter(param.get("name").asText()))
                  .as(operationId + " required query parameter " + param.get("name"))
                  .isNotNull();
            }
          }
        }
        assertThat(r.getUrl().queryParameterNames()).as(operationId).isSubsetOf(declared);

        JsonNode content = op.path("requestBody").path("content");
        if (content.isMissingNode()) {
          assertThat(r.getBodySize()).as(operationId).isZero();
        } else {
          String mediaType = content.fieldNames().next();
          assertThat(r.getHeaders().get("Content-Type")).as(operationId).startsWith(mediaType);
          JsonNode schema = resolve(spec, content.get(mediaType).get("schema"));
          if (mediaType.equals("application/json")) {
            JsonNode body = ChatsClientOperationsTest.json(Stub.body(r));
            for (JsonNode required : schema.path("required")) {
              assertThat(body.has(required.asText()))
                  .as(operationId + " body has " + required)
                  .isTrue();
            }
            body.fieldNames()
                .forEachRemaining(
                    f ->
                        assertThat(schema.path("properties").has(f))
                            .as(operationId + " field " + f)
                            .isTrue());
          } else {
            for (JsonNode required : schema.path("required")) {
              assertThat(Stub.body(r)).contains("name=\"" + required.asText() + "\"");
            }
          }
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(expectedOperations);
  }

  @Test
  void v2Requests_matchTheCurrentSpec() throws IOException {
    assertConforms(load("chats-openapi.yaml"), PathStyle.V2, 7);
  }

  @Test
  void legacyRequests_matchTheSeedEraSpec() throws IOException {
    assertConforms(load("chats-openapi-seed-era.yaml"), PathStyle.LEGACY, 5);
  }

  @Test
  void validationLimits_matchTheSpec() throws IOException {
    JsonNode spec = load("chats-openapi.yaml");
    JsonNode params = spec.get("components").get("parameters");
    assertThat(params.get("PageLimit20").get("schema").get("maximum").asInt())
        .isEqualTo(ChatsQuery.MAX_LIMIT);
    assertThat(params.get("PageLimit100").get("schema").get("maximum").asInt())
        .isEqualTo(HistoryQuery.MAX_LIMIT);
    JsonNode message =
        spec.get("components")
            .get("schemas")
            .get("SendMessageToChatRequest")
            .get("properties")
            .get("message");
    assertThat(message.get("maxLength").asInt()).isEqualTo(Validation.MAX_MESSAGE_LENGTH);
    assertThat(message.get("minLength").asInt()).isEqualTo(1);
  }
}
