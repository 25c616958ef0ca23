package dev.ymchat.sync.events;

import dev.ymchat.sync.sql.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Appends events to the {@code events} table and reads them by cursor.
 *
 * <p>An event is written in the same transaction as the change it describes, so a reader never sees
 * one without the other. Its position ({@code event_seq}) must also grow in <em>commit</em> order,
 * or a reader that keeps "the last position I read" would skip an event that got a lower number but
 * committed later. A database sequence does not give that. So positions come from the single row of
 * {@code event_position}: a writer bumps it with an UPDATE, which holds that row's lock until its
 * transaction ends; the next writer waits on the lock and reads the bumped value only after the
 * first committed (or rolled back, which frees the numbers). Positions are therefore handed out in
 * commit order and without gaps. The cost is that event-writing transactions commit one at a time;
 * {@link #append} is called last in each of them, so the lock is held only for the inserts and the
 * commit.
 */
public final class EventLog {

  private EventLog() {}

  /** An event to append. */
  public record NewEvent(
      long businessId, long chatId, EventType type, long messageId, long replyId, String detail) {}

  /**
   * Appends events in the caller's transaction; call it last in the transaction.
   *
   * @param handle a handle in a transaction
   * @param events the events, in order
   * @param now the time to stamp them with
   */
  public static void append(Handle handle, List<NewEvent> events, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    handle
        .createUpdate("UPDATE event_position SET last_seq = last_seq + :n WHERE id = 1")
        .bind("n", events.size())
        .execute();
    long last =
        handle
            .createQuery("SELECT last_seq FROM event_position WHERE id = 1")
            .mapTo(Long.class)
            .one();
    long seq = last - events.size();
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO events (event_seq, business_id, chat_id, event_type, message_id, reply_id,"
                + " detail, occurred_at) VALUES (:seq, :business, :chat, :type, :message, :reply,"
                + " :detail, :at)");
    for (NewEvent e : events) {
      batch
          .bind("seq", ++seq)
          .bind("business", e.businessId())
          .bind("chat", e.chatId() == 0 ? null : e.chatId())
          .bind("type", e.type().name())
          .bind("message", e.messageId() == 0 ? null : e.messageId())
          .bind("reply", e.replyId() == 0 ? null : e.replyId())
          .bind("detail", clip(e.detail()))
          .bind("at", Times.db(now))
          .add();
    }
    batch.execute();
  }

  /**
   * Appends one event in the caller's transaction; call it last in the transaction.
   *
   * @param handle a handle in a transaction
   * @param event the event
   * @param now the time to stamp it with
   */
  public static void append(Handle handle, NewEvent event, Instant now) {
    append(handle, List.of(event), now);
  }

  /**
   * Reads the events after a position, oldest first.
   *
   * @param handle a handle
   * @param afterSeq the last position already read (0 for the start)
   * @param limit the most events to return
   * @return the events
   */
  public static List<SyncEvent> read(Handle handle, long afterSeq, int limit) {
    return new ArrayList<>(
        handle
            .createQuery(
                "SELECT event_seq, business_id, chat_id, event_type, message_id, reply_id, detail,"
                    + " occurred_at FROM events WHERE event_seq > :after ORDER BY event_seq"
                    + " LIMIT :limit")
            .bind("after", afterSeq)
            .bind("limit", limit)
            .map(
                (rs, ctx) ->
                    new SyncEvent(
                        rs.getLong("event_seq"),
                        rs.getLong("business_id"),
                        rs.getLong("chat_id"),
                        EventType.valueOf(rs.getString("event_type")),
                        rs.getLong("message_id"),
                        rs.getLong("reply_id"),
                        rs.getString("detail"),
                        Times.instant(rs, "occurred_at")))
            .list());
  }

  /**
   * Returns the position of the newest committed event.
   *
   * @param handle a handle
   * @return the position, 0 when there is none
   */
  public static long lastSeq(Handle handle) {
    return handle
        .createQuery("SELECT COALESCE(MAX(event_seq), 0) FROM events")
        .mapTo(Long.class)
        .one();
  }

  private static String clip(String detail) {
    if (detail == null || detail.length() <= 2000) {
      return detail;
    }
    return detail.substring(0, 1997) + "...";
  }
}
