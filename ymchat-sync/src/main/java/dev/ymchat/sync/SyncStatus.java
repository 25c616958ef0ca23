package dev.ymchat.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.sync.planner.Budget;
import dev.ymchat.sync.sql.Columns;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The health of a mirror, per business, read from the database (so another process, such as {@code
 * ymchat sync status}, sees the same).
 *
 * @param at when it was read
 * @param businesses one entry per business
 */
public record SyncStatus(Instant at, List<BusinessStatus> businesses) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Copies the list.
   *
   * @param at when it was read
   * @param businesses the businesses
   */
  public SyncStatus {
    businesses = List.copyOf(businesses);
  }

  /**
   * Reads the status of every business in a mirror.
   *
   * @param database the database
   * @param clock the clock
   * @return the status
   */
  public static SyncStatus read(Database database, Clock clock) {
    return read(database, clock, Map.of());
  }

  /**
   * Reads the status, with fresher budgets from this process's planner in place of the stored.
   *
   * @param database the database
   * @param clock the clock
   * @param live budgets by business, then by operation id
   * @return the status
   */
  static SyncStatus read(Database database, Clock clock, Map<Long, Map<String, Budget>> live) {
    Instant now = clock.instant();
    return database.withHandle(
        h -> {
          List<Long> ids =
              h.createQuery("SELECT business_id FROM businesses ORDER BY business_id")
                  .mapTo(Long.class)
                  .list();
          List<BusinessStatus> out = new ArrayList<>();
          for (long id : ids) {
            out.add(business(h, id, now, live.getOrDefault(id, Map.of())));
          }
          return new SyncStatus(now, out);
        });
  }

  private static long count(Handle h, String sql, long business) {
    return h.createQuery(sql).bind("b", business).mapTo(Long.class).one();
  }

  private static BusinessStatus business(
      Handle h, long business, Instant now, Map<String, Budget> live) {
    record Row(String backfill, long listed, Instant ok, String error) {}
    Row row =
        h.createQuery(
                "SELECT backfill_state, chats_listed, last_sync_ok_at, last_sync_error"
                    + " FROM businesses WHERE business_id = :b")
            .bind("b", business)
            .map(
                (rs, ctx) ->
                    new Row(
                        rs.getString("backfill_state"),
                        rs.getLong("chats_listed"),
                        Times.instant(rs, "last_sync_ok_at"),
                        rs.getString("last_sync_error")))
            .one();
    Duration lag =
        h.createQuery(
                "SELECT created_at, ingested_at FROM messages WHERE business_id = :b"
                    + " ORDER BY created_at DESC, message_id DESC LIMIT 1")
            .bind("b", business)
            .map(
                (rs, ctx) -> {
                  Instant created = Times.instant(rs, "created_at");
                  Instant ingested = Times.instant(rs, "ingested_at");
                  return created == null ? null : Duration.between(created, ingested);
                })
            .findOne()
            .orElse(null);
    Map<String, Budget> quota = new LinkedHashMap<>();
    h.createQuery(
            "SELECT op_name, quota_limit, remaining, resets_at, blocked_until, observed_at"
                + " FROM quota WHERE business_id = :b ORDER BY op_name")
        .bind("b", business)
        .map(
            (rs, ctx) ->
                new Budget(
                    rs.getString("op_name"),
                    Columns.longOrNull(rs, "quota_limit"),
                    Columns.longOrNull(rs, "remaining"),
                    Times.instant(rs, "resets_at"),
                    Times.instant(rs, "blocked_until"),
                    Times.instant(rs, "observed_at")))
        .list()
        .forEach(b -> quota.put(b.operation(), b));
    quota.putAll(live);
    return new BusinessStatus(
        business,
        row.backfill(),
        row.listed(),
        count(h, "SELECT COUNT(*) FROM chats WHERE business_id = :b", business),
        count(
            h,
            "SELECT COUNT(*) FROM chat_cursors WHERE business_id = :b AND history_complete = TRUE",
            business),
        count(h, "SELECT COUNT(*) FROM messages WHERE business_id = :b", business),
        count(
            h,
            "SELECT COUNT(*) FROM chat_cursors WHERE business_id = :b AND read_wanted = TRUE",
            business),
        row.ok(),
        row.ok() == null ? null : Duration.between(row.ok(), now),
        lag,
        count(
            h,
            "SELECT COUNT(*) FROM outbox WHERE business_id = :b AND reply_state = 'QUEUED'",
            business),
        count(
            h,
            "SELECT COUNT(*) FROM outbox WHERE business_id = :b AND reply_state = 'BLOCKED'",
            business),
        count(
            h,
            "SELECT COUNT(*) FROM outbox WHERE business_id = :b AND reply_state = 'SENT'",
            business),
        row.error(),
        quota);
  }

  /**
   * Returns the status as the JSON of {@code /health} and {@code ymchat sync status --output json}.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "UP");
    root.put("at", at.toString());
    ArrayNode list = root.putArray("businesses");
    for (BusinessStatus b : businesses) {
      ObjectNode n = list.addObject();
      n.put("businessId", b.businessId());
      n.put("backfill", b.backfill());
      n.put("chatsListed", b.chatsListed());
      n.put("chatsMirrored", b.chatsMirrored());
      n.put("chatsWithHistory", b.chatsWithHistory());
      n.put("messagesMirrored", b.messagesMirrored());
      n.put("readsWanted", b.readsWanted());
      putTime(n, "lastSyncOkAt", b.lastSyncOkAt());
      putDuration(n, "secondsSinceLastSync", b.sinceLastSync());
      putDuration(n, "newestMessageLagSeconds", b.newestMessageLag());
      n.put("outboxDepth", b.outboxDepth());
      n.put("blockedReplies", b.blockedReplies());
      n.put("sentReplies", b.sentReplies());
      if (b.lastError() == null) {
        n.putNull("lastError");
      } else {
        n.put("lastError", b.lastError());
      }
      ObjectNode quota = n.putObject("quota");
      for (Budget budget : b.quota().values()) {
        ObjectNode q = quota.putObject(budget.operation());
        putLong(q, "limit", budget.limit());
        putLong(q, "remaining", budget.remaining());
        putTime(q, "resetsAt", budget.resetsAt());
        putTime(q, "blockedUntil", budget.blockedUntil());
      }
    }
    return root.toString();
  }

  private static void putTime(ObjectNode n, String name, Instant t) {
    if (t == null) {
      n.putNull(name);
    } else {
      n.put(name, t.toString());
    }
  }

  private static void putDuration(ObjectNode n, String name, Duration d) {
    if (d == null) {
      n.putNull(name);
    } else {
      n.put(name, d.toMillis() / 1000.0);
    }
  }

  private static void putLong(ObjectNode n, String name, Long v) {
    if (v == null) {
      n.putNull(name);
    } else {
      n.put(name, v);
    }
  }
}
