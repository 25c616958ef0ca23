package dev.ymchat.inbox;

import dev.ymchat.inbox.view.Views;
import dev.ymchat.sync.ChatSync;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * What the route classes share: the mirror, the clock, the list query, the settings, the live hub,
 * the templates, and the signed-in operator and chat of a request (set by {@link WebApp}'s guard).
 */
final class WebParts {

  static final String ATTR_SESSION = "inbox.session";
  static final String ATTR_OPERATOR = "inbox.operator";

  final ChatSync sync;
  final Clock clock;
  final Operators operators;
  final ChatList list;
  final Queue queue;
  final Settings settings;
  final LiveHub hub;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  WebParts(ChatSync sync, Clock clock, Operators operators, LiveHub hub) {
    this.sync = sync;
    this.clock = clock;
    this.operators = operators;
    this.hub = hub;
    this.list = new ChatList(sync.jdbi());
    this.queue = new Queue(sync.jdbi(), clock);
    this.settings = new Settings(sync.jdbi());
  }

  /** A chat of the request's path, checked against the operator's businesses. */
  record ChatRef(long business, long chat, ChatList.Row row) {
    String base() {
      return Pages.chatHref(business, chat);
    }
  }

  Operators.Operator operator(Context ctx) {
    return ctx.attribute(ATTR_OPERATOR);
  }

  Sessions.Session session(Context ctx) {
    return ctx.attribute(ATTR_SESSION);
  }

  Views.Frame frame(Context ctx, String title) {
    return frame(ctx, title, "");
  }

  /**
   * The frame of a live page drawn from what the mirror held at {@code version} (read from the hub
   * before the page's queries).
   */
  Views.Frame liveFrame(Context ctx, String title, long version) {
    return frame(ctx, title, "/events?v=" + version);
  }

  private Views.Frame frame(Context ctx, String title, String events) {
    Sessions.Session s = session(ctx);
    return new Views.Frame(title, s == null ? null : s.login(), s == null ? "" : s.csrf(), events);
  }

  /** The chat named by the path's {b} and {c}; a 404 when it is not in the operator's inbox. */
  ChatRef chat(Context ctx) {
    long business = id(ctx.pathParam("b"), "business");
    long chat = id(ctx.pathParam("c"), "chat");
    if (!operator(ctx).businesses().contains(business)) {
      throw new BadRequest(404, "No such chat in your inbox.");
    }
    ChatList.Row row =
        list
            .query(
                Filters.DEFAULT.with("view", "all").with("status", "all"),
                operator(ctx).login(),
                Set.of(business),
                clock.instant(),
                chat)
            .rows()
            .stream()
            .findFirst()
            .orElseThrow(() -> new BadRequest(404, "No such chat in your inbox."));
    return new ChatRef(business, chat, row);
  }

  static long id(String s, String what) {
    try {
      long v = Long.parseLong(s);
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRequest(404, "'" + s + "' is not a " + what + " id.");
    }
  }

  /** Compares two tokens in constant time; false when either is missing. */
  static boolean sameToken(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String href(ChatList.Row r) {
    return Pages.chatHref(r.businessId(), r.chatId());
  }

  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    return out.toString();
  }
}
