package dev.ymchat.inbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The list's filters, parsed from the query string; unknown values are refused with the allowed
 * ones named.
 *
 * @param view needs (answer) or all
 * @param business one business, or null for every granted one
 * @param context all, order, return or direct
 * @param type all, chat or dispute
 * @param assignee all, me or unassigned
 * @param status open, pending, resolved, snoozed or all
 * @param text the text searched, or empty
 * @param sort oldest (waiting longest first) or newest (latest message first)
 */
record Filters(
    String view,
    Long business,
    String context,
    String type,
    String assignee,
    String status,
    String text,
    String sort) {

  /** The facets and their values, in the order the page shows them. */
  static final Map<String, List<String>> FACETS =
      Map.of(
          "view", List.of("needs", "all"),
          "context", List.of("all", "order", "return", "direct"),
          "type", List.of("all", "chat", "dispute"),
          "assignee", List.of("all", "me", "unassigned"),
          "status", List.of("open", "pending", "resolved", "snoozed", "all"),
          "sort", List.of("oldest", "newest"));

  static final Filters DEFAULT =
      new Filters("needs", null, "all", "all", "all", "open", "", "oldest");

  /**
   * Parses the filters.
   *
   * @param param the query parameter by name, null when absent
   * @return the filters
   * @throws BadRequest when a value is not allowed
   */
  static Filters parse(Function<String, String> param) {
    String b = param.apply("business");
    Long business = null;
    if (b != null && !b.isBlank() && !b.equals("all")) {
      try {
        business = Long.parseLong(b.strip());
      } catch (NumberFormatException e) {
        throw new BadRequest("business must be a business id or 'all', not '" + b + "'");
      }
    }
    String text = param.apply("q");
    text = text == null ? "" : text.strip();
    if (text.length() > 200) {
      throw new BadRequest("the search text is longer than 200 characters; shorten it");
    }
    return new Filters(
        one(param, "view"),
        business,
        one(param, "context"),
        one(param, "type"),
        one(param, "assignee"),
        one(param, "status"),
        text,
        one(param, "sort"));
  }

  private static String one(Function<String, String> param, String name) {
    List<String> allowed = FACETS.get(name);
    String v = param.apply(name);
    if (v == null || v.isBlank()) {
      return allowed.get(0);
    }
    v = v.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new BadRequest(
          name + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
    }
    return v;
  }

  /** Returns these filters with one facet changed. */
  Filters with(String facet, String value) {
    Map<String, String> m = asMap();
    m.put(facet, value);
    return parse(m::get);
  }

  /** The filters as query parameters, in a fixed order. */
  Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("view", view);
    m.put("business", business == null ? "all" : business.toString());
    m.put("context", context);
    m.put("type", type);
    m.put("assignee", assignee);
    m.put("status", status);
    m.put("q", text);
    m.put("sort", sort);
    return m;
  }

  /** The query string of these filters. */
  String query() {
    StringBuilder s = new StringBuilder();
    asMap()
        .forEach(
            (k, v) -> {
              if (s.length() > 0) {
                s.append('&');
              }
              s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            });
    return s.toString();
  }
}
