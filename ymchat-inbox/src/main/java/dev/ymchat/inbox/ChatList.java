package dev.ymchat.inbox;

import dev.ymchat.sync.sql.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The list and its counters, from one SQL statement: window sums over the operator's chats give
 * each facet value's count under the other facets, so the counters cannot disagree with the list.
 */
final class ChatList {

  /** Chats shown at most on one page. */
  static final int PAGE = 200;

  /** A response clock is at risk when it is due within this. */
  static final Duration AT_RISK = Duration.ofMinutes(15);

  /**
   * One chat of the list.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param contextType ORDER, RETURN, DIRECT or null
   * @param orderId the order, or null
   * @param returnId the return, or null
   * @param customer the buyer's name, or null
   * @param chatType CHAT or ARBITRAGE (a dispute)
   * @param marketStatus Market's status of the chat
   * @param lastMessageAt the newest message's time
   * @param lastSender who wrote it
   * @param lastText its preview
   * @param needsAnswer whether the buyer waits for an answer
   * @param waitingSince since when the buyer waits
   * @param answeredOnce whether the chat was answered before (next-response clock) or not (first)
   * @param responseDue when the running clock is due
   * @param assignee the operator who has it, or null
   * @param status the inbox status
   * @param snoozeUntil until when it sleeps
   */
  record Row(
      long businessId,
      long chatId,
      String contextType,
      Long orderId,
      Long returnId,
      String customer,
      String chatType,
      String marketStatus,
      Instant lastMessageAt,
      String lastSender,
      String lastText,
      boolean needsAnswer,
      Instant waitingSince,
      boolean answeredOnce,
      Instant responseDue,
      String assignee,
      String status,
      Instant snoozeUntil) {}

  /**
   * The rows and the counters of one request.
   *
   * @param rows the chats, at most {@link #PAGE}
   * @param total how many chats match the filters
   * @param counts per "facet:value", the chats matching the other facets and that value
   * @param atRisk matching chats whose clock is due within {@link #AT_RISK}
   * @param breached matching chats whose clock is past due
   */
  record Result(List<Row> rows, long total, Map<String, Long> counts, long atRisk, long breached) {}

  private final Jdbi jdbi;

  ChatList(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Result query(Filters f, String me, Set<Long> granted, Instant now) {
    return query(f, me, granted, now, null);
  }

  /** The list of one chat only (its row, when the operator may see it). */
  Result query(Filters f, String me, Set<Long> granted, Instant now, Long onlyChat) {
    if (granted.isEmpty()) {
      return new Result(List.of(), 0, Map.of(), 0, 0);
    }
    Map<String, Map<String, String>> preds = predicates();
    Map<String, String> selected = new LinkedHashMap<>();
    selected.put("view", preds.get("view").get(f.view()));
    selected.put("context", preds.get("context").get(f.context()));
    selected.put("type", preds.get("type").get(f.type()));
    selected.put("assignee", preds.get("assignee").get(f.assignee()));
    selected.put("status", preds.get("status").get(f.status()));
    selected.put("business", f.business() == null ? "TRUE" : "c.business_id = :fb");
    preds.put("business", businessPredicates(granted));

    StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT c.*, ");
    String all = String.join(" AND ", selected.values());
    sql.append("CASE WHEN ").append(all).append(" THEN 1 ELSE 0 END AS m_all, ");
    sql.append("ROW_NUMBER() OVER (ORDER BY ").append(order(f, "c.")).append(") AS rn, ");
    sql.append("SUM(CASE WHEN ").append(all).append(" THEN 1 ELSE 0 END) OVER () AS n_total, ");
    sql.append("SUM(CASE WHEN ")
        .append(all)
        .append(" AND c.response_due IS NOT NULL AND c.response_due >= :now")
        .append(" AND c.response_due < :soon THEN 1 ELSE 0 END) OVER () AS n_risk, ");
    sql.append("SUM(CASE WHEN ")
        .append(all)
        .append(" AND c.response_due IS NOT NULL AND c.response_due < :now")
        .append(" THEN 1 ELSE 0 END) OVER () AS n_breach");
    List<String> counterKeys = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Map<String, String>> facet : preds.entrySet()) {
      String others =
          selected.entrySet().stream()
              .filter(e -> !e.getKey().equals(facet.getKey()))
              .map(Map.Entry::getValue)
              .collect(Collectors.joining(" AND "));
      for (Map.Entry<String, String> value : facet.getValue().entrySet()) {
        String alias = "n_" + i++;
        counterKeys.add(facet.getKey() + ":" + value.getKey());
        sql.append(", SUM(CASE WHEN ")
            .append(others)
            .append(" AND ")
            .append(value.getValue())
            .append(" THEN 1 ELSE 0 END) OVER () AS ")
            .append(alias);
      }
    }
    sql.append(" FROM inbox_chat c WHERE c.business_id IN (")
        .append(granted.stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(")");
    if (onlyChat != null) {
      sql.append(" AND c.chat_id = :cid");
    }
    if (!f.text().isEmpty()) {
      sql.append(
          " AND (c.search_text LIKE :q ESCAPE '!' OR EXISTS (SELECT 1 FROM messages m"
              + " WHERE m.business_id = c.business_id AND m.chat_id = c.chat_id"
              + " AND LOWER(m.body_text) LIKE :q ESCAPE '!'))");
    }
    sql.append(") x WHERE x.m_all = 1 OR x.rn = 1 ORDER BY ")
        .append(order(f, "x."))
        .append(" FETCH FIRST ")
        .append(PAGE + 1)
        .append(" ROWS ONLY");
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString());
          bind(q, sql, "me", me);
          bind(q, sql, "now", Times.db(now));
          bind(q, sql, "soon", Times.db(now.plus(AT_RISK)));
          if (onlyChat != null) {
            q.bind("cid", onlyChat.longValue());
          }
          if (f.business() != null) {
            q.bind("fb", f.business());
          }
          if (!f.text().isEmpty()) {
            q.bind("q", "%" + likeEscape(f.text().toLowerCase(java.util.Locale.ROOT)) + "%");
          }
          List<Row> rows = new ArrayList<>();
          long[] totals = new long[3];
          Map<String, Long> counts = new LinkedHashMap<>();
          q.map(
                  (rs, ctx) -> {
                    if (counts.isEmpty()) {
                      totals[0] = rs.getLong("n_total");
                      totals[1] = rs.getLong("n_risk");
                      totals[2] = rs.getLong("n_breach");
                      for (int k = 0; k < counterKeys.size(); k++) {
                        counts.put(counterKeys.get(k), rs.getLong("n_" + k));
                      }
                    }
                    if (rs.getInt("m_all") == 1 && rows.size() < PAGE) {
                      rows.add(
                          new Row(
                              rs.getLong("business_id"),
                              rs.getLong("chat_id"),
                              rs.getString("context_type"),
                              rs.getObject("order_id", Long.class),
                              rs.getObject("return_id", Long.class),
                              rs.getString("customer_name"),
                              rs.getString("chat_type"),
                              rs.getString("market_status"),
                              Times.instant(rs, "last_message_at"),
                              rs.getString("last_sender"),
                              rs.getString("last_text"),
                              rs.getBoolean("needs_answer"),
                              Times.instant(rs, "waiting_since"),
                              rs.getBoolean("answered_once"),
                              Times.instant(rs, "response_due"),
                              rs.getString("assignee"),
                              rs.getString("inbox_status"),
                              Times.instant(rs, "snooze_until")));
                    }
                    return Boolean.TRUE;
                  })
              .forEach(x -> {});
          return new Result(List.copyOf(rows), totals[0], counts, totals[1], totals[2]);
        });
  }

  private static void bind(Query q, CharSequence sql, String name, Object value) {
    if (sql.toString().contains(":" + name)) {
      q.bind(name, value);
    }
  }

  static String likeEscape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static String order(Filters f, String p) {
    if (f.sort().equals("newest")) {
      return "CASE WHEN "
          + p
          + "last_message_at IS NULL THEN 1 ELSE 0 END, "
          + p
          + "last_message_at DESC, "
          + p
          + "business_id, "
          + p
          + "chat_id DESC";
    }
    return "CASE WHEN "
        + p
        + "waiting_since IS NULL THEN 1 ELSE 0 END, "
        + p
        + "waiting_since, "
        + p
        + "last_message_at DESC, "
        + p
        + "business_id, "
        + p
        + "chat_id";
  }

  private static Map<String, String> businessPredicates(Set<Long> granted) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("all", "TRUE");
    granted.stream().sorted().forEach(b -> m.put(String.valueOf(b), "c.business_id = " + b));
    return m;
  }

  private static Map<String, Map<String, String>> predicates() {
    Map<String, Map<String, String>> p = new LinkedHashMap<>();
    p.put("view", Map.of("needs", "c.needs_answer = TRUE", "all", "TRUE"));
    p.put(
        "context",
        Map.of(
            "all", "TRUE",
            "order", "c.context_type = 'ORDER'",
            "return", "c.context_type = 'RETURN'",
            "direct", "c.context_type = 'DIRECT'"));
    p.put(
        "type",
        Map.of(
            "all", "TRUE",
            "chat", "c.chat_type = 'CHAT'",
            "dispute", "c.chat_type = 'ARBITRAGE'"));
    p.put(
        "assignee",
        Map.of("all", "TRUE", "me", "c.assignee = :me", "unassigned", "c.assignee IS NULL"));
    p.put(
        "status",
        Map.of(
            "all", "TRUE",
            "open", "c.inbox_status = 'OPEN'",
            "pending", "c.inbox_status = 'PENDING'",
            "resolved", "c.inbox_status = 'RESOLVED'",
            "snoozed", "c.inbox_status = 'SNOOZED'"));
    return p;
  }
}
