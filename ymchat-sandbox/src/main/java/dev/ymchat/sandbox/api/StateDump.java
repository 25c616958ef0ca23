package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sandbox.store.ChatRow;
import dev.ymchat.sandbox.store.MessageRow;
import dev.ymchat.sandbox.store.SandboxStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole state of the sandbox (every business's chats and their messages) in the API's own
 * shapes and in a fixed order (business id, chat id, message id ascending), read from one snapshot
 * of the database a page at a time: a test compares a mirror against it field by field, and a
 * hundred thousand messages need no more memory than a page.
 */
public final class StateDump {

  private static final int CHAT_PAGE = 200;
  private static final int MESSAGE_PAGE = 500;

  private final SandboxStore store;
  private final Supplier<String> baseUrl;

  /**
   * Creates the dump.
   *
   * @param store the state
   * @param baseUrl the sandbox's base URL (for file URLs)
   */
  public StateDump(SandboxStore store, Supplier<String> baseUrl) {
    this.store = Objects.requireNonNull(store, "store");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** A step over one row; may fail as the database or the output does. */
  @FunctionalInterface
  private interface RowAction<T> {
    void accept(T row) throws IOException;
  }

  /**
   * Hands every chat with its messages to {@code action}, one chat in memory at a time.
   *
   * @param action what to do with each chat
   */
  public void forEachChat(Consumer<ChatSnapshot> action) {
    String base = baseUrl.get();
    snapshot(
        c -> {
          for (long businessId : c.businessIds()) {
            forEachChat(
                c,
                businessId,
                chat -> {
                  List<ChatMessage> messages = new ArrayList<>();
                  forEachMessage(c, chat.id(), m -> messages.add(ChatsApi.message(m, base)));
                  action.accept(new ChatSnapshot(businessId, ChatsApi.chat(chat), messages));
                });
          }
        });
  }

  /**
   * Writes the state as {@code GET /sandbox/state} answers it: {@code {"status":"OK","result":
   * {"businesses":[{"businessId":…,"chats":[{…getChat's fields…,"messages":[…]}]}]}}}, streamed.
   *
   * @param out where the JSON goes (not closed)
   * @throws UncheckedIOException when writing fails
   */
  public void write(OutputStream out) {
    String base = baseUrl.get();
    try (JsonGenerator json = Http.MAPPER.getFactory().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      snapshot(
          c -> {
            json.writeStartObject();
            json.writeStringField("status", "OK");
            json.writeObjectFieldStart("result");
            json.writeArrayFieldStart("businesses");
            for (long businessId : c.businessIds()) {
              json.writeStartObject();
              json.writeNumberField("businessId", businessId);
              json.writeArrayFieldStart("chats");
              forEachChat(c, businessId, chat -> writeChat(json, c, chat, base));
              json.writeEndArray();
              json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeChat(
      JsonGenerator json, SandboxStore.SnapshotReader c, ChatRow chat, String base)
      throws IOException {
    json.writeStartObject();
    JsonNode fields = Http.MAPPER.valueToTree(ChatsApi.chat(chat));
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      json.writeFieldName(field.getKey());
      json.writeTree(field.getValue());
    }
    json.writeArrayFieldStart("messages");
    forEachMessage(c, chat.id(), m -> json.writeObject(ChatsApi.message(m, base)));
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
  }

  private void snapshot(RowAction<SandboxStore.SnapshotReader> work) {
    store.snapshot(
        c -> {
          try {
            work.accept(c);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return null;
        });
  }

  private static void forEachChat(
      SandboxStore.SnapshotReader c, long businessId, RowAction<ChatRow> action)
      throws IOException {
    long after = 0;
    while (true) {
      List<ChatRow> page = c.chatsAfter(businessId, after, CHAT_PAGE);
      for (ChatRow chat : page) {
        action.accept(chat);
      }
      if (page.size() < CHAT_PAGE) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private static void forEachMessage(
      SandboxStore.SnapshotReader c, long chatId, RowAction<MessageRow> action) throws IOException {
    long from = 1;
    while (true) {
      List<MessageRow> page = c.messagesFrom(chatId, from, MESSAGE_PAGE);
      for (MessageRow message : page) {
        action.accept(message);
      }
      if (page.size() < MESSAGE_PAGE) {
        return;
      }
      from = page.get(page.size() - 1).id() + 1;
    }
  }
}
