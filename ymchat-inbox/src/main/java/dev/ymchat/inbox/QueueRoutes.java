package dev.ymchat.inbox;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Working the queue: take, assign, status, resolve-and-next and snooze. */
final class QueueRoutes {

  /** The longest snooze. */
  static final Duration MAX_SNOOZE = Duration.ofDays(30);

  private final WebParts parts;
  private final ConversationRoutes conversation;

  QueueRoutes(WebParts parts, ConversationRoutes conversation) {
    this.parts = parts;
    this.conversation = conversation;
  }

  void take(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    Queue.Take t = parts.queue.take(ref.business(), ref.chat(), parts.operator(ctx).login());
    parts.hub.listChanged(ref.business(), ref.chat());
    conversation.thread(
        ctx,
        t.won()
            ? "You have this chat."
            : "Taken by " + (t.holder() == null ? "someone else" : t.holder()) + ".");
  }

  void assign(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    String to = Optional.ofNullable(ctx.formParam("to")).orElse("").strip();
    String login = null;
    if (!to.isEmpty()) {
      Optional<Operators.Operator> target = parts.operators.find(to);
      if (target.isEmpty() || !target.get().businesses().contains(ref.business())) {
        throw new BadRequest("No operator '" + to + "' works on business " + ref.business() + ".");
      }
      login = to;
    }
    parts.queue.assign(ref.business(), ref.chat(), parts.operator(ctx).login(), login);
    parts.hub.listChanged(ref.business(), ref.chat());
    conversation.thread(ctx, login == null ? "Unassigned." : "Assigned to " + login + ".");
  }

  private static String statusParam(Context ctx) {
    String to = Optional.ofNullable(ctx.queryParam("to")).orElse(ctx.formParam("to"));
    if (to == null) {
      throw new BadRequest("Say which status: open, pending or resolved.");
    }
    switch (to.toLowerCase(Locale.ROOT)) {
      case "open":
      case "pending":
      case "resolved":
        return to.toUpperCase(Locale.ROOT);
      default:
        throw new BadRequest("The status must be open, pending or resolved, not '" + to + "'.");
    }
  }

  void status(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    String to = statusParam(ctx);
    parts.queue.status(ref.business(), ref.chat(), parts.operator(ctx).login(), to);
    parts.hub.listChanged(ref.business(), ref.chat());
    conversation.thread(ctx, "Marked " + to.toLowerCase(Locale.ROOT) + ".");
  }

  void resolveNext(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    Operators.Operator op = parts.operator(ctx);
    parts.queue.status(ref.business(), ref.chat(), op.login(), "RESOLVED");
    parts.hub.listChanged(ref.business(), ref.chat());
    List<ChatList.Row> rows =
        parts
            .list
            .query(Filters.DEFAULT, op.login(), op.businesses(), parts.clock.instant())
            .rows();
    ctx.redirect(rows.isEmpty() ? "/" : WebParts.href(rows.get(0)));
  }

  void snooze(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    ZoneId zone = parts.settings.of(ref.business()).hours().zone();
    Instant now = parts.clock.instant();
    Instant until = snoozeUntil(ctx.formParam("until"), ctx.formParam("for"), zone, now);
    parts.queue.snooze(ref.business(), ref.chat(), parts.operator(ctx).login(), until);
    parts.hub.listChanged(ref.business(), ref.chat());
    conversation.thread(
        ctx, "Snoozed until " + Pages.time(until, zone) + "; a buyer's reply wakes it.");
  }

  /**
   * The end of a snooze: a local date and time in the business's zone ({@code until}, as a {@code
   * datetime-local} input sends it) or a number of minutes from now ({@code for}).
   */
  static Instant snoozeUntil(String untilParam, String forParam, ZoneId zone, Instant now) {
    Instant until;
    if (untilParam != null && !untilParam.isBlank()) {
      try {
        until = LocalDateTime.parse(untilParam.strip()).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new BadRequest("Snooze until when? Give a date and time like 2026-12-24T09:00.");
      }
      if (!until.isAfter(now)) {
        throw new BadRequest("Snooze until a time in the future; that one has passed.");
      }
    } else {
      long m;
      try {
        m = Long.parseLong(forParam == null ? "" : forParam.strip());
      } catch (NumberFormatException e) {
        throw new BadRequest("Snooze for how long? Give minutes, 1 to 43200, or a date and time.");
      }
      if (m < 1 || m > MAX_SNOOZE.toMinutes()) {
        throw new BadRequest("Snooze for 1 minute to 30 days, not " + m + " minutes.");
      }
      until = now.plus(Duration.ofMinutes(m));
    }
    if (until.isAfter(now.plus(MAX_SNOOZE))) {
      throw new BadRequest("Snooze for at most 30 days.");
    }
    return until;
  }
}
