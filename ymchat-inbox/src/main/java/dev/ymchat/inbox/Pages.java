package dev.ymchat.inbox;

import dev.ymchat.inbox.view.Views;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns query results into what the templates show. */
final class Pages {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  private Pages() {}

  static Views.ListPage list(
      Views.Frame frame, Filters f, ChatList.Result r, Set<Long> granted, Instant now) {
    List<Views.Facet> facets = new ArrayList<>();
    facets.add(facet("view", List.of("needs", "all"), f, r.counts()));
    List<String> businesses = new ArrayList<>();
    businesses.add("all");
    granted.stream().sorted().forEach(b -> businesses.add(String.valueOf(b)));
    if (granted.size() > 1) {
      facets.add(facet("business", businesses, f, r.counts()));
    }
    for (String name : List.of("context", "type", "assignee", "status")) {
      facets.add(facet(name, Filters.FACETS.get(name), f, r.counts()));
    }
    List<Views.Row> rows = new ArrayList<>();
    for (ChatList.Row c : r.rows()) {
      rows.add(
          new Views.Row(
              "chat-" + c.businessId() + "-" + c.chatId(),
              chatHref(c.businessId(), c.chatId()),
              head(c),
              nz(c.lastText()),
              sender(c.lastSender()),
              c.needsAnswer() && c.waitingSince() != null
                  ? "waiting " + duration(Duration.between(c.waitingSince(), now))
                  : "",
              clock(c.responseDue(), c.answeredOnce(), now),
              clockState(c.responseDue(), now),
              nz(c.assignee()),
              c.status().toLowerCase(Locale.ROOT)
                  + (c.snoozeUntil() != null ? " until " + time(c.snoozeUntil(), MOSCOW) : ""),
              c.needsAnswer(),
              c.waitingSince() == null ? 0 : c.waitingSince().toEpochMilli()));
    }
    return new Views.ListPage(
        frame,
        f.query(),
        facets,
        rows,
        r.total(),
        r.atRisk(),
        r.breached(),
        f.text(),
        r.total() > rows.size());
  }

  private static Views.Facet facet(
      String name, List<String> values, Filters f, Map<String, Long> counts) {
    String current =
        name.equals("business")
            ? (f.business() == null ? "all" : f.business().toString())
            : f.asMap().get(name);
    List<Views.Option> options = new ArrayList<>();
    for (String v : values) {
      options.add(
          new Views.Option(
              v,
              "/?" + f.with(name, v).query(),
              counts.getOrDefault(name + ":" + v, 0L),
              v.equals(current)));
    }
    return new Views.Facet(name, options);
  }

  static Views.ChatHead head(ChatList.Row c) {
    return new Views.ChatHead(
        c.businessId(),
        c.chatId(),
        customer(c.customer()),
        context(c.contextType(), c.orderId(), c.returnId()),
        "ARBITRAGE".equals(c.chatType()),
        nz(c.marketStatus()));
  }

  static String chatHref(long business, long chat) {
    return "/chats/" + business + "/" + chat;
  }

  static String customer(String name) {
    return name == null || name.isBlank() ? "Buyer" : name;
  }

  static String context(String type, Long order, Long ret) {
    if ("ORDER".equals(type)) {
      return "order " + (order == null ? "?" : order);
    }
    if ("RETURN".equals(type)) {
      return "return " + (ret == null ? "?" : ret) + (order == null ? "" : " of order " + order);
    }
    if ("DIRECT".equals(type)) {
      return "direct";
    }
    return type == null ? "" : type.toLowerCase(Locale.ROOT);
  }

  static String sender(String sender) {
    if (sender == null) {
      return "";
    }
    switch (sender) {
      case "CUSTOMER":
        return "buyer";
      case "PARTNER":
        return "you";
      case "MARKET":
        return "Market";
      case "SUPPORT":
        return "support";
      default:
        return sender.toLowerCase(Locale.ROOT);
    }
  }

  static String clock(Instant due, boolean answeredOnce, Instant now) {
    if (due == null) {
      return "";
    }
    String kind = answeredOnce ? "next response" : "first response";
    Duration left = Duration.between(now, due);
    return left.isNegative()
        ? kind + " breached " + duration(left.negated()) + " ago"
        : kind + " due in " + duration(left);
  }

  static String clockState(Instant due, Instant now) {
    if (due == null) {
      return "";
    }
    if (due.isBefore(now)) {
      return "breach";
    }
    return due.isBefore(now.plus(ChatList.AT_RISK)) ? "risk" : "ok";
  }

  static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) {
      return "<1 min";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 48 * 60) {
      return minutes / 60 + " h " + minutes % 60 + " min";
    }
    return minutes / (24 * 60) + " days";
  }

  static String time(Instant t, ZoneId zone) {
    return t == null ? "" : TIME.format(t.atZone(zone));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return bytes / 1024 + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
