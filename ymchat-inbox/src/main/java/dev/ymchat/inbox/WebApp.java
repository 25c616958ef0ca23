package dev.ymchat.inbox;

import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.outbox.Outbox;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's web application: the Javalin set-up, the guard every request passes (security
 * headers, session, CSRF) and the route table; the routes themselves live in one class per concern.
 */
final class WebApp {

  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
  static final String SESSION_COOKIE = "ymchat_session";
  static final String LOGIN_CSRF_COOKIE = "ymchat_login_csrf";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
          + " object-src 'none'";

  private final WebParts parts;
  private final Sessions sessions;
  private final SignInRoutes signIn;
  private final ListRoutes list;
  private final ConversationRoutes conversation;
  private final QueueRoutes queue;
  private final SettingsRoutes settings;

  WebApp(
      ChatSync sync,
      Clock clock,
      Operators operators,
      Sessions sessions,
      LoginThrottle throttle,
      LiveHub hub,
      boolean secureCookies) {
    this.parts = new WebParts(sync, clock, operators, hub);
    this.sessions = sessions;
    this.signIn = new SignInRoutes(parts, sessions, throttle, secureCookies);
    this.list = new ListRoutes(parts);
    this.conversation = new ConversationRoutes(parts);
    this.queue = new QueueRoutes(parts, conversation);
    this.settings = new SettingsRoutes(parts);
  }

  Queue queue() {
    return parts.queue;
  }

  Javalin create(String host, int port) {
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.startup.startupWatcherEnabled = false;
          cfg.startup.showOldJavalinVersionWarning = false;
          cfg.http.maxRequestSize = Outbox.MAX_FILE_SIZE + 256 * 1024;
          cfg.staticFiles.enableWebjars();
          cfg.staticFiles.add(
              s -> {
                s.hostedPath = "/static";
                s.directory = "/inbox-static";
                s.location = Location.CLASSPATH;
              });
          cfg.jetty.addConnector(
              (server, http) -> {
                ServerConnector connector =
                    new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
              });
          routes(cfg.routes);
        });
  }

  private void routes(RoutesConfig r) {
    r.before(this::guard);
    r.before("/events", ListRoutes::requireEventStream);
    r.get("/health", ctx -> ctx.result("ok"));
    r.get("/login", signIn::loginPage);
    r.post("/login", signIn::login);
    r.post("/logout", signIn::logout);
    r.get("/", list::page);
    r.get("/list", list::fragment);
    r.sse("/events", list::events);
    r.get("/chats/{b}/{c}", conversation::page);
    r.get("/chats/{b}/{c}/thread", ctx -> conversation.thread(ctx, ""));
    r.post("/chats/{b}/{c}/reply", conversation::reply);
    r.post("/chats/{b}/{c}/take", queue::take);
    r.post("/chats/{b}/{c}/assign", queue::assign);
    r.post("/chats/{b}/{c}/status", queue::status);
    r.post("/chats/{b}/{c}/resolve-next", queue::resolveNext);
    r.post("/chats/{b}/{c}/snooze", queue::snooze);
    r.post("/chats/{b}/{c}/replies/{id}/{action}", conversation::replyAction);
    r.get("/chats/{b}/{c}/messages/{m}/files/{i}", conversation::file);
    r.get("/settings", settings::page);
    r.post("/settings/{b}", settings::save);
    r.exception(BadRequest.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage()));
    r.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() >= 500) {
            unavailable(ctx, e);
          } else {
            problem(
                ctx,
                e.getStatus(),
                e.getStatus() == 413
                    ? "The upload is larger than 5 MB; send a smaller file."
                    : "The request could not be handled: check the address and the form.");
          }
        });
    r.exception(Exception.class, (e, ctx) -> unavailable(ctx, e));
    r.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(ctx, 404, "There is no page at this address.");
          }
        });
    r.error(405, ctx -> problem(ctx, 405, "This address does not take that method."));
  }

  private void guard(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    String path = ctx.path();
    if (path.startsWith("/static/") || path.startsWith("/webjars/") || path.equals("/health")) {
      ctx.header("Cache-Control", "max-age=3600");
      return;
    }
    if (path.equals("/login")) {
      return;
    }
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
    Optional<Operators.Operator> operator = session.flatMap(s -> parts.operators.find(s.login()));
    if (operator.isEmpty()) {
      if (ctx.method().name().equals("GET") && ctx.header("HX-Request") == null) {
        ctx.redirect("/login");
        ctx.skipRemainingHandlers();
        return;
      }
      ctx.header("HX-Redirect", "/login");
      throw new BadRequest(401, "Your session has ended; sign in again.");
    }
    ctx.attribute(WebParts.ATTR_SESSION, session.get());
    ctx.attribute(WebParts.ATTR_OPERATOR, operator.get());
    if (ctx.method().name().equals("POST")) {
      String token = ctx.header("X-CSRF-Token");
      if (token == null) {
        token = ctx.formParam("_csrf");
      }
      if (!WebParts.sameToken(token, session.get().csrf())) {
        throw new BadRequest(403, "The form is stale or came from elsewhere; reload the page.");
      }
    }
  }

  /**
   * A failure on the inbox's side (its database away, a bug): logged with a reference the page
   * shows, answered 503 with Retry-After so browsers and proxies try again; what is stored stays.
   */
  private void unavailable(Context ctx, Exception e) {
    String reference = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    LOG.error("inbox failed serving {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
    ctx.header("Retry-After", "5");
    problem(
        ctx,
        503,
        "The inbox could not answer this time; nothing was lost. Try again in a moment"
            + " (reference "
            + reference
            + " for your administrator).");
  }

  private void problem(Context ctx, int status, String message) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", parts.frame(ctx, "Problem"));
    params.put("status", status);
    params.put("message", message);
    ctx.status(status).html(parts.render("error.jte", params));
  }
}
