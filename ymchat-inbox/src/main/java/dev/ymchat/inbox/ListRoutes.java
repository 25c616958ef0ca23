package dev.ymchat.inbox;

import dev.ymchat.inbox.view.Views;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.Map;

/** The list (the page and its live fragment) and the server-sent-events stream. */
final class ListRoutes {

  private final WebParts parts;

  ListRoutes(WebParts parts) {
    this.parts = parts;
  }

  void page(Context ctx) {
    ctx.html(parts.render("list.jte", Map.of("p", listPage(ctx))));
  }

  void fragment(Context ctx) {
    ctx.html(parts.render("rows.jte", Map.of("p", listPage(ctx))));
  }

  private Views.ListPage listPage(Context ctx) {
    Filters f = Filters.parse(ctx::queryParam);
    Operators.Operator op = parts.operator(ctx);
    long version = parts.hub.version(op.businesses());
    if (f.business() != null && !op.businesses().contains(f.business())) {
      throw new BadRequest(404, "No business " + f.business() + " in your inbox.");
    }
    Instant now = parts.clock.instant();
    ChatList.Result r = parts.list.query(f, op.login(), op.businesses(), now);
    return Pages.list(parts.liveFrame(ctx, "Inbox", version), f, r, op.businesses(), now);
  }

  /**
   * Streams the live events of the operator's businesses. The page's {@code v} is the hub's version
   * when it was drawn: when the version moved since (a change before the stream connected, or while
   * it was down and reconnecting), the stream starts with "resync" and the page fetches again.
   */
  void events(SseClient client) {
    Operators.Operator op = client.ctx().attribute(WebParts.ATTR_OPERATOR);
    if (op == null || !parts.hub.subscribe(client, op.login(), op.businesses(), drawnAt(client))) {
      client.ctx().status(503);
      client.close();
      return;
    }
    client.keepAlive();
  }

  /**
   * Refuses a request for the stream that does not accept one (Javalin would answer it an empty 200
   * and open nothing).
   */
  static void requireEventStream(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new BadRequest(
          406, "The live stream at /events is for a browser page (Accept: text/event-stream).");
    }
  }

  /** The version a page was drawn at; -1 (always resync) when it is missing or not a number. */
  private static long drawnAt(SseClient client) {
    try {
      return Long.parseLong(String.valueOf(client.ctx().queryParam("v")));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
