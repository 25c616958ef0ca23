package dev.ymchat.inbox.view;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers of the templates for query strings. */
public final class Queries {

  private Queries() {}

  /**
   * Returns the parameters of a query string except one, to carry them as hidden inputs.
   *
   * @param query the query string
   * @param except the parameter left out
   * @return name and value pairs, decoded
   */
  public static List<Map.Entry<String, String>> hidden(String query, String except) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
      if (!name.equals(except)) {
        out.add(
            new AbstractMap.SimpleImmutableEntry<>(
                name, URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)));
      }
    }
    return out;
  }
}
