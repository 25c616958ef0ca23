package dev.ymchat.inbox;

import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.testing.TestDatabases;
import java.time.Instant;

/** Writes mirror rows and their events by hand, as the sync would; for projection tests. */
final class Mirror {

  private final Database db;
  private long nextMessage = 1;

  Mirror(Database db) {
    this.db = db;
  }

  /** Opens a fresh database (the sync's test databases) with the inbox's tables added. */
  static Database database(Dialect dialect) {
    Database db = TestDatabases.open(dialect);
    Schema.migrate(db.dataSource());
    return db;
  }

  void chat(long business, long chat, String context, String type, String status, Instant at) {
    db.inTransaction(
        h -> {
          h.createUpdate("DELETE FROM chats WHERE business_id = :b AND chat_id = :c")
              .bind("b", business)
              .bind("c", chat)
              .execute();
          h.createUpdate(
                  "INSERT INTO chats (business_id, chat_id, order_id, has_context, context_type,"
                      + " has_customer, customer_name, context_order_id, context_return_id,"
                      + " chat_type, status, created_at, created_offset, updated_at,"
                      + " updated_offset, mirrored_at) VALUES (:b, :c, :o, TRUE, :ctx, TRUE, :n,"
                      + " :o, :r, :t, :s, :at, 0, :at, 0, :at)")
              .bind("b", business)
              .bind("c", chat)
              .bind("o", "DIRECT".equals(context) ? null : chat * 10)
              .bind("r", "RETURN".equals(context) ? chat * 100 : null)
              .bind("ctx", context)
              .bind("n", "Buyer " + chat)
              .bind("t", type)
              .bind("s", status)
              .bind("at", Times.db(at))
              .execute();
          EventLog.append(
              h, new EventLog.NewEvent(business, chat, EventType.CHAT_CREATED, 0, 0, null), at);
          return null;
        });
  }

  long message(long business, long chat, String sender, String text, Instant at) {
    long id = nextMessage++;
    db.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO messages (business_id, chat_id, message_id, created_at,"
                      + " created_offset, sender, body_text, file_count, ingested_at)"
                      + " VALUES (:b, :c, :m, :at, 0, :s, :t, 0, :at)")
              .bind("b", business)
              .bind("c", chat)
              .bind("m", id)
              .bind("at", Times.db(at))
              .bind("s", sender)
              .bind("t", text)
              .execute();
          EventType type =
              "CUSTOMER".equals(sender)
                  ? EventType.BUYER_MESSAGE_RECEIVED
                  : "PARTNER".equals(sender)
                      ? EventType.PARTNER_MESSAGE_MIRRORED
                      : EventType.MESSAGE_RECEIVED;
          EventLog.append(h, new EventLog.NewEvent(business, chat, type, id, 0, null), at);
          return null;
        });
    return id;
  }
}
