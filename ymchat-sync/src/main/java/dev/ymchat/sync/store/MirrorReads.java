package dev.ymchat.sync.store;

import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatCustomer;
import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sync.sql.Columns;
import dev.ymchat.sync.sql.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The reads of the mirror: chats and messages as the API's records, as they were written. */
public final class MirrorReads {

  private MirrorReads() {}

  /**
   * Reads a chat from the mirror.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @return the chat, or empty
   */
  public static Optional<Chat> chat(Handle h, long businessId, long chatId) {
    return h.createQuery("SELECT * FROM chats WHERE business_id = :business AND chat_id = :chat")
        .bind("business", businessId)
        .bind("chat", chatId)
        .map((rs, ctx) -> readChat(rs))
        .findOne();
  }

  /**
   * Reads every chat of a business, by chat id.
   *
   * @param h a handle
   * @param businessId the business
   * @return the chats
   */
  public static List<Chat> chats(Handle h, long businessId) {
    return h.createQuery("SELECT * FROM chats WHERE business_id = :business ORDER BY chat_id")
        .bind("business", businessId)
        .map((rs, ctx) -> readChat(rs))
        .list();
  }

  private static Chat readChat(ResultSet rs) throws SQLException {
    ChatFullContext context = null;
    if (rs.getBoolean("has_context")) {
      ChatCustomer customer =
          rs.getBoolean("has_customer")
              ? new ChatCustomer(rs.getString("customer_name"), rs.getString("customer_public_id"))
              : null;
      String type = rs.getString("context_type");
      context =
          new ChatFullContext(
              type == null ? null : ChatContextType.of(type),
              customer,
              Columns.longOrNull(rs, "campaign_id"),
              Columns.longOrNull(rs, "context_order_id"),
              Columns.longOrNull(rs, "context_return_id"));
    }
    String type = rs.getString("chat_type");
    String status = rs.getString("status");
    return new Chat(
        rs.getLong("chat_id"),
        Columns.longOrNull(rs, "order_id"),
        context,
        type == null ? null : ChatType.of(type),
        status == null ? null : ChatStatus.of(status),
        Times.read(rs, "created_at", "created_offset"),
        Times.read(rs, "updated_at", "updated_offset"));
  }

  /**
   * Reads a chat's messages, oldest first, with their files.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @return the messages
   */
  public static List<ChatMessage> messages(Handle h, long businessId, long chatId) {
    Map<Long, List<MessagePayload>> files = new HashMap<>();
    h.createQuery(
            "SELECT message_id, file_name, file_url, size_bytes FROM message_files"
                + " WHERE business_id = :business AND chat_id = :chat"
                + " ORDER BY message_id, file_index")
        .bind("business", businessId)
        .bind("chat", chatId)
        .map(
            (rs, ctx) -> {
              files
                  .computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>())
                  .add(
                      new MessagePayload(
                          rs.getString("file_name"),
                          rs.getString("file_url"),
                          rs.getLong("size_bytes")));
              return 0;
            })
        .list();
    return h.createQuery(
            "SELECT message_id, created_at, created_offset, sender, body_text FROM messages"
                + " WHERE business_id = :business AND chat_id = :chat ORDER BY message_id")
        .bind("business", businessId)
        .bind("chat", chatId)
        .map(
            (rs, ctx) -> {
              String sender = rs.getString("sender");
              long id = rs.getLong("message_id");
              return new ChatMessage(
                  id,
                  Times.read(rs, "created_at", "created_offset"),
                  sender == null ? null : MessageSender.of(sender),
                  rs.getString("body_text"),
                  files.getOrDefault(id, List.of()));
            })
        .list();
  }
}
