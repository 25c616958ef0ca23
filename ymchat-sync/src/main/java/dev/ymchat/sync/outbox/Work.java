package dev.ymchat.sync.outbox;

import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Times;
import java.time.Instant;
import java.util.Optional;

/** A stored reply with what delivery needs. */
record Work(
    long replyId,
    long businessId,
    long chatId,
    String kind,
    String text,
    String fileName,
    String contentType,
    byte[] content,
    Long fileSize,
    String state,
    int attempts,
    boolean inDoubt,
    Long watermark,
    Instant queuedAt) {

  boolean isFile() {
    return kind.equals("FILE");
  }

  /** This reply with its watermark fixed. */
  Work withWatermark(long mark) {
    return with(attempts, inDoubt, mark);
  }

  /** This reply as it is once an attempt was recorded: one more attempt, in doubt. */
  Work attempted(long mark) {
    return with(attempts + 1, true, mark);
  }

  private Work with(int attempts, boolean inDoubt, Long mark) {
    return new Work(
        replyId,
        businessId,
        chatId,
        kind,
        text,
        fileName,
        contentType,
        content,
        fileSize,
        state,
        attempts,
        inDoubt,
        mark,
        queuedAt);
  }

  /** Loads a reply of the outbox. */
  static Optional<Work> load(Database database, long replyId) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT reply_id, business_id, chat_id, kind, body_text, file_name,"
                        + " file_content_type, file_content, file_size, reply_state, attempts,"
                        + " in_doubt, watermark_message_id, created_at FROM outbox"
                        + " WHERE reply_id = :id")
                .bind("id", replyId)
                .map(
                    (rs, ctx) -> {
                      long watermark = rs.getLong("watermark_message_id");
                      Long mark = rs.wasNull() ? null : watermark;
                      long size = rs.getLong("file_size");
                      Long fileSize = rs.wasNull() ? null : size;
                      return new Work(
                          rs.getLong("reply_id"),
                          rs.getLong("business_id"),
                          rs.getLong("chat_id"),
                          rs.getString("kind"),
                          rs.getString("body_text"),
                          rs.getString("file_name"),
                          rs.getString("file_content_type"),
                          rs.getBytes("file_content"),
                          fileSize,
                          rs.getString("reply_state"),
                          rs.getInt("attempts"),
                          rs.getBoolean("in_doubt"),
                          mark,
                          Times.instant(rs, "created_at"));
                    })
                .findOne());
  }
}
