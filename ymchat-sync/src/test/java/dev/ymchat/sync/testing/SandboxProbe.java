package dev.ymchat.sync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.OpenEnum;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sync.ChatSync;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's own observation end points, read over HTTP as any tool would: {@code GET
 * /sandbox/state} (every chat and message) to compare the mirror with, field by field, and {@code
 * GET /sandbox/stats} (the API calls per business and operation, and what became of the webhooks).
 */
public final class SandboxProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_HEADER = "X-Sandbox-Admin-Token";

  private final SandboxServer sandbox;
  private final HttpClient http = HttpClient.newHttpClient();

  public SandboxProbe(SandboxServer sandbox) {
    this.sandbox = sandbox;
  }

  private JsonNode call(String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header(ADMIN_HEADER, sandbox.adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(200);
      return JSON.readTree(response.body()).path("result");
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The calls the sandbox counted for a business and operation ({@code GET /sandbox/stats}). */
  public long calls(long business, ApiOperation op) {
    for (JsonNode row : call("GET", "/sandbox/stats").path("calls")) {
      if (row.path("businessId").asLong() == business
          && row.path("operation").asText().equals(op.operationId())) {
        return row.path("calls").asLong();
      }
    }
    return 0;
  }

  /** A webhook counter of {@code GET /sandbox/stats}: delivered, lost, duplicated, failed. */
  public long webhooks(String counter) {
    JsonNode value = call("GET", "/sandbox/stats").path("webhooks").path(counter);
    assertThat(value.isNumber()).as("webhooks.%s in /sandbox/stats", counter).isTrue();
    return value.asLong();
  }

  /** Starts the sandbox's call counters again from zero ({@code POST /sandbox/stats/reset}). */
  public void resetStats() {
    call("POST", "/sandbox/stats/reset");
  }

  /**
   * Asserts that the mirror holds exactly the business's chats and messages of {@code GET
   * /sandbox/state}, field by field.
   */
  public void assertMirrorEqualsState(ChatSync sync, long business) {
    JsonNode chats = null;
    for (JsonNode b : call("GET", "/sandbox/state").path("businesses")) {
      if (b.path("businessId").asLong() == business) {
        chats = b.path("chats");
      }
    }
    assertThat(chats).as("business %d in /sandbox/state", business).isNotNull();
    List<Chat> mirrored = sync.chats(business);
    assertThat(mirrored.stream().map(Chat::chatId).toList())
        .as("chat ids of business %d", business)
        .containsExactlyElementsOf(ids(chats, "chatId"));
    for (int i = 0; i < mirrored.size(); i++) {
      JsonNode state = chats.get(i);
      Chat chat = mirrored.get(i);
      String where = "business " + business + ", chat " + chat.chatId();
      assertChat(where, state, chat);
      List<ChatMessage> messages = sync.messages(business, chat.chatId());
      JsonNode stateMessages = state.path("messages");
      assertThat(messages.stream().map(ChatMessage::messageId).toList())
          .as("message ids of %s", where)
          .containsExactlyElementsOf(ids(stateMessages, "messageId"));
      for (int m = 0; m < messages.size(); m++) {
        assertMessage(
            where + ", message " + messages.get(m).messageId(),
            stateMessages.get(m),
            messages.get(m));
      }
    }
  }

  private static List<Long> ids(JsonNode array, String field) {
    List<Long> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.path(field).asLong()));
    return ids;
  }

  private static void assertChat(String where, JsonNode state, Chat chat) {
    assertThat(longOrNull(state.get("orderId")))
        .as("orderId of %s", where)
        .isEqualTo(chat.orderId());
    assertThat(text(state.get("type"))).as("type of %s", where).isEqualTo(value(chat.type()));
    assertThat(text(state.get("status"))).as("status of %s", where).isEqualTo(value(chat.status()));
    assertTime(where + " createdAt", state.get("createdAt"), chat.createdAt());
    assertTime(where + " updatedAt", state.get("updatedAt"), chat.updatedAt());
    JsonNode context = state.get("context");
    ChatFullContext mirrored = chat.context();
    if (context == null || context.isNull()) {
      assertThat(mirrored).as("context of %s", where).isNull();
      return;
    }
    assertThat(mirrored).as("context of %s", where).isNotNull();
    assertThat(text(context.get("type")))
        .as("context type of %s", where)
        .isEqualTo(value(mirrored.type()));
    assertThat(longOrNull(context.get("orderId")))
        .as("context orderId of %s", where)
        .isEqualTo(mirrored.orderId());
    assertThat(longOrNull(context.get("returnId")))
        .as("context returnId of %s", where)
        .isEqualTo(mirrored.returnId());
    assertThat(longOrNull(context.get("campaignId")))
        .as("context campaignId of %s", where)
        .isEqualTo(mirrored.campaignId());
    JsonNode customer = context.get("customer");
    if (customer == null || customer.isNull()) {
      assertThat(mirrored.customer()).as("customer of %s", where).isNull();
    } else {
      assertThat(mirrored.customer()).as("customer of %s", where).isNotNull();
      assertThat(text(customer.get("name")))
          .as("customer name of %s", where)
          .isEqualTo(mirrored.customer().name());
      assertThat(text(customer.get("publicId")))
          .as("customer publicId of %s", where)
          .isEqualTo(mirrored.customer().publicId());
    }
  }

  private static void assertMessage(String where, JsonNode state, ChatMessage message) {
    assertTime(where + " createdAt", state.get("createdAt"), message.createdAt());
    assertThat(text(state.get("sender")))
        .as("sender of %s", where)
        .isEqualTo(value(message.sender()));
    assertThat(text(state.get("message"))).as("text of %s", where).isEqualTo(message.message());
    List<MessagePayload> files = message.payload();
    JsonNode stateFiles = state.path("payload");
    assertThat(files).as("files of %s", where).hasSize(stateFiles.size());
    for (int f = 0; f < files.size(); f++) {
      JsonNode file = stateFiles.get(f);
      assertThat(text(file.get("name")))
          .as("file %d name of %s", f, where)
          .isEqualTo(files.get(f).name());
      assertThat(file.path("size").asLong())
          .as("file %d size of %s", f, where)
          .isEqualTo(files.get(f).size());
      assertThat(text(file.get("url")))
          .as("file %d url of %s", f, where)
          .isEqualTo(files.get(f).url());
    }
  }

  /** The same instant and the same offset as the API wrote it. */
  private static void assertTime(String what, JsonNode state, OffsetDateTime mirrored) {
    if (state == null || state.isNull()) {
      assertThat(mirrored).as(what).isNull();
      return;
    }
    OffsetDateTime expected = OffsetDateTime.parse(state.asText());
    assertThat(mirrored).as(what).isNotNull();
    assertThat(mirrored.toInstant()).as(what).isEqualTo(expected.toInstant());
    assertThat(mirrored.getOffset()).as(what + " offset").isEqualTo(expected.getOffset());
  }

  private static String value(OpenEnum<?> e) {
    return e == null ? null : e.value();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Long longOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }
}
