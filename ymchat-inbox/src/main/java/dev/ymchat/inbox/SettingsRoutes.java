package dev.ymchat.inbox;

import dev.ymchat.inbox.view.Views;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The settings page: response targets, business hours and canned replies per business. */
final class SettingsRoutes {

  private final WebParts parts;

  SettingsRoutes(WebParts parts) {
    this.parts = parts;
  }

  void page(Context ctx) {
    page(ctx, "");
  }

  private void page(Context ctx, String saved) {
    List<Views.BusinessForm> forms = new ArrayList<>();
    for (long b : new TreeSet<>(parts.operator(ctx).businesses())) {
      BusinessSettings s = parts.settings.of(b);
      StringBuilder canned = new StringBuilder();
      for (Settings.Canned c : parts.settings.canned(b)) {
        canned.append(c.name()).append(": ").append(c.text()).append('\n');
      }
      forms.add(
          new Views.BusinessForm(
              b,
              (int) s.firstResponse().toMinutes(),
              (int) s.nextResponse().toMinutes(),
              s.hours().start().toString(),
              s.hours().end().toString(),
              s.hours().zone().getId(),
              canned.toString()));
    }
    ctx.html(
        parts.render(
            "settings.jte",
            Map.of("p", new Views.SettingsPage(parts.frame(ctx, "Settings"), forms, saved))));
  }

  void save(Context ctx) {
    long b = WebParts.id(ctx.pathParam("b"), "business");
    if (!parts.operator(ctx).businesses().contains(b)) {
      throw new BadRequest(404, "No business " + b + " in your inbox.");
    }
    int first = minutes(ctx.formParam("first"), "first response target");
    int next = minutes(ctx.formParam("next"), "next response target");
    BusinessHours hours;
    try {
      hours =
          new BusinessHours(
              LocalTime.parse(Pages.nz(ctx.formParam("start")).strip()),
              LocalTime.parse(Pages.nz(ctx.formParam("end")).strip()),
              ZoneId.of(Pages.nz(ctx.formParam("zone")).strip()));
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new BadRequest(
          "Business hours are HH:MM to HH:MM in a time zone such as Europe/Moscow ("
              + e.getMessage()
              + ").");
    }
    Map<String, String> canned = canned(Pages.nz(ctx.formParam("canned")));
    parts.settings.save(
        new BusinessSettings(b, Duration.ofMinutes(first), Duration.ofMinutes(next), hours));
    parts.settings.saveCanned(b, canned);
    Projector.recomputeClocks(parts.sync.jdbi(), b, parts.clock.instant());
    parts.hub.listChanged(b, 0);
    page(ctx, "Saved business " + b + ".");
  }

  private static Map<String, String> canned(String form) {
    Map<String, String> canned = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (String line : form.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String text = colon < 0 ? "" : line.substring(colon + 1).strip();
      if (!name.matches("[a-z0-9_-]{1,32}") || text.isEmpty() || text.length() > 4096) {
        throw new BadRequest(
            "Each canned reply is a line 'name: text', the name 1 to 32 of a-z, 0-9, '-', '_'"
                + " (not: '"
                + (line.length() > 60 ? line.substring(0, 60) + "…" : line)
                + "').");
      }
      if (!seen.add(name)) {
        throw new BadRequest("The canned reply /" + name + " is given twice.");
      }
      canned.put(name, text);
    }
    return canned;
  }

  private static int minutes(String s, String what) {
    try {
      int m = Integer.parseInt(Pages.nz(s).strip());
      if (m >= 1 && m <= 10_080) {
        return m;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw new BadRequest("The " + what + " must be 1 to 10080 minutes.");
  }
}
