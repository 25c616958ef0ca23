package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatRules;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The messages of chats; a new message moves its chat's status by {@link ChatRules}. */
public final class MessageStore {

  private static final String COLUMNS = "id, chat_id, sender, body, created_at";
  private static final RowMapper<MessageRow> MESSAGE_ROW =
      (rs, ctx) ->
          new MessageRow(
              rs.getLong("id"),
              rs.getLong("chat_id"),
              Sender.valueOf(rs.getString("sender")),
              rs.getString("body"),
              rs.getObject("created_at", OffsetDateTime.class),
              List.of());

  private final Database db;

  MessageStore(Database db) {
    this.db = db;
  }

  /**
   * Adds a message to a chat of the business and moves the chat's status.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param sender who writes
   * @param text the text, or null when a file is given
   * @param file a file to attach, or null
   * @return the message id
   * @throws SandboxException 404 for an unknown chat, 423 CHAT_FINISHED for a finished chat
   */
  public long addMessage(long businessId, long chatId, Sender sender, String text, NewFile file) {
    return db.write(tx -> insertMessage(tx, businessId, chatId, sender, text, file, db.now()));
  }

  static long insertMessage(
      Tx tx,
      long businessId,
      long chatId,
      Sender sender,
      String text,
      NewFile file,
      OffsetDateTime at) {
    Handle h = tx.handle();
    ChatRow chat =
        ChatStore.findChat(h, businessId, chatId)
            .orElseThrow(() -> ChatRules.chatNotFound(businessId, chatId));
    ChatRules.requireOpenForMessages(chat);
    long messageId = tx.allocate(IdCounter.MESSAGE, 1);
    h.createUpdate(
            "INSERT INTO message (id, chat_id, sender, body, created_at)"
                + " VALUES (:id, :chat, :sender, :body, :at)")
        .bind("id", messageId)
        .bind("chat", chatId)
        .bind("sender", sender)
        .bind("body", text)
        .bind("at", at)
        .execute();
    if (file != null) {
      FileStore.insert(tx, messageId, file);
    }
    h.createUpdate("UPDATE chat SET status = :status, updated_at = :at WHERE id = :id")
        .bind("status", ChatRules.afterMessage(chat.type(), chat.status(), sender))
        .bind("at", at)
        .bind("id", chatId)
        .execute();
    tx.afterCommit(l -> l.messageSent(businessId, chatId, messageId, sender, at));
    return messageId;
  }

  /**
   * Messages of a chat in id order (oldest first), starting at an id.
   *
   * @param chatId the chat (already checked to belong to the caller's business)
   * @param fromMessageId the lowest message id to return
   * @param limit at most this many
   * @return the messages with their files
   */
  public List<MessageRow> messages(long chatId, long fromMessageId, int limit) {
    return db.read(h -> messagesFrom(h, chatId, fromMessageId, limit));
  }

  static List<MessageRow> messagesFrom(Handle h, long chatId, long fromMessageId, int limit) {
    return withFiles(
        h,
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM message WHERE chat_id = :chat AND id >= :from ORDER BY id LIMIT :limit")
            .bind("chat", chatId)
            .bind("from", fromMessageId)
            .bind("limit", limit)
            .map(MESSAGE_ROW)
            .list());
  }

  /**
   * One message of a chat.
   *
   * @param chatId the chat (already checked to belong to the caller's business)
   * @param messageId the message
   * @return the message, or empty when the chat has no such message
   */
  public Optional<MessageRow> message(long chatId, long messageId) {
    return db.read(
        h ->
            withFiles(
                    h,
                    h.createQuery(
                            "SELECT "
                                + COLUMNS
                                + " FROM message WHERE chat_id = :chat AND id = :id")
                        .bind("chat", chatId)
                        .bind("id", messageId)
                        .map(MESSAGE_ROW)
                        .list())
                .stream()
                .findFirst());
  }

  private static List<MessageRow> withFiles(Handle h, List<MessageRow> rows) {
    Map<Long, List<FileRow>> files =
        FileStore.filesOf(h, rows.stream().map(MessageRow::id).toList());
    return rows.stream()
        .map(
            m ->
                files.containsKey(m.id())
                    ? new MessageRow(
                        m.id(), m.chatId(), m.sender(), m.text(), m.createdAt(), files.get(m.id()))
                    : m)
        .toList();
  }
}
