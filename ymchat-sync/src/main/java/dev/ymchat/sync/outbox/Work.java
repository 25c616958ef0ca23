package dev.ymchat.sync.outbox;

import dev.ymchat.sync.sql.Columns;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.ReplyLinks;
import java.time.Instant;
import java.util.Optional;

/** A stored reply with what delivery needs. */
record Work(
    long replyId,
    long businessId,
    long chatId,
    ReplyBody body,
    Long fileSize,
    String state,
    int attempts,
    boolean inDoubt,
    Long watermark,
    Instant queuedAt) {

  boolean isFile() {
    return body.isFile();
  }

  /** This reply as the mirror is searched for its message. */
  ReplyLinks.SentReply asSent() {
    return new ReplyLinks.SentReply(
        replyId,
        body.kind(),
        body.text(),
        body.fileName(),
        fileSize,
        watermark == null ? 0 : watermark);
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
        replyId, businessId, chatId, body, fileSize, state, attempts, inDoubt, mark, queuedAt);
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
                      return new Work(
                          rs.getLong("reply_id"),
                          rs.getLong("business_id"),
                          rs.getLong("chat_id"),
                          new ReplyBody(
                              rs.getString("kind"),
                              rs.getString("body_text"),
                              rs.getString("file_name"),
                              rs.getString("file_content_type"),
                              rs.getBytes("file_content")),
                          Columns.longOrNull(rs, "file_size"),
                          rs.getString("reply_state"),
                          rs.getInt("attempts"),
                          rs.getBoolean("in_doubt"),
                          Columns.longOrNull(rs, "watermark_message_id"),
                          Times.instant(rs, "created_at"));
                    })
                .findOne());
  }
}
