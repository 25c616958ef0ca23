package dev.ymchat.inbox;

import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.inbox.view.Views;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import io.javalin.http.UploadedFile;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The inbox's routes: pages, fragments for htmx, the live stream and the actions. */
final class WebApp {

  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
  static final String SESSION_COOKIE = "ymchat_session";
  static final String LOGIN_CSRF_COOKIE = "ymchat_login_csrf";
  private static final String ATTR_SESSION = "inbox.session";
  private static final String ATTR_OPERATOR = "inbox.operator";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
          + " object-src 'none'";

  private final ChatSync sync;
  private final Clock clock;
  private final Operators operators;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final ChatList list;
  private final Queue queue;
  private final Settings settings;
  private final LiveHub hub;
  private final boolean secureCookies;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  WebApp(
      ChatSync sync,
      Clock clock,
      Operators operators,
      Sessions sessions,
      LoginThrottle throttle,
      LiveHub hub,
      boolean secureCookies) {
    this.sync = sync;
    this.clock = clock;
    this.operators = operators;
    this.sessions = sessions;
    this.throttle = throttle;
    this.hub = hub;
    this.secureCookies = secureCookies;
    this.list = new ChatList(sync.jdbi());
    this.queue = new Queue(sync.jdbi(), clock);
    this.settings = new Settings(sync.jdbi());
  }

  Queue queue() {
    return queue;
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
    r.get("/health", ctx -> ctx.result("ok"));
    r.get("/login", this::loginPage);
    r.post("/login", this::login);
    r.post("/logout", this::logout);
    r.get("/", ctx -> ctx.html(render("list.jte", Map.of("p", listPage(ctx)))));
    r.get("/list", ctx -> ctx.html(render("rows.jte", Map.of("p", listPage(ctx)))));
    r.sse("/events", this::events);
    r.get("/chats/{b}/{c}", this::chatPage);
    r.get("/chats/{b}/{c}/thread", ctx -> thread(ctx, ""));
    r.post("/chats/{b}/{c}/reply", this::reply);
    r.post("/chats/{b}/{c}/take", this::take);
    r.post("/chats/{b}/{c}/assign", this::assign);
    r.post("/chats/{b}/{c}/status", this::status);
    r.post("/chats/{b}/{c}/resolve-next", this::resolveNext);
    r.post("/chats/{b}/{c}/snooze", this::snooze);
    r.post("/chats/{b}/{c}/replies/{id}/{action}", this::replyAction);
    r.get("/chats/{b}/{c}/messages/{m}/files/{i}", this::file);
    r.get("/settings", ctx -> settingsPage(ctx, ""));
    r.post("/settings/{b}", this::saveSettings);
    r.exception(BadRequest.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage()));
    r.exception(
        HttpResponseException.class,
        (e, ctx) ->
            problem(
                ctx,
                e.getStatus() >= 500 ? 500 : e.getStatus(),
                e.getStatus() == 413
                    ? "The upload is larger than 5 MB; send a smaller file."
                    : "The request could not be handled: check the address and the form."));
    r.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("inbox failed serving {} {}", ctx.method(), ctx.path(), e);
          problem(ctx, 500, "Something went wrong on our side; try again in a moment.");
        });
    r.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            problem(ctx, 404, "There is no page at this address.");
          }
        });
    r.error(405, ctx -> problem(ctx, 405, "This address does not take that method."));
  }

  // ---- security --------------------------------------------------------------------------

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
    Optional<Operators.Operator> operator = session.flatMap(s -> operators.find(s.login()));
    if (operator.isEmpty()) {
      if (ctx.method().name().equals("GET") && ctx.header("HX-Request") == null) {
        ctx.redirect("/login");
        ctx.skipRemainingHandlers();
        return;
      }
      ctx.header("HX-Redirect", "/login");
      throw new BadRequest(401, "Your session has ended; sign in again.");
    }
    ctx.attribute(ATTR_SESSION, session.get());
    ctx.attribute(ATTR_OPERATOR, operator.get());
    if (ctx.method().name().equals("POST")) {
      String token = ctx.header("X-CSRF-Token");
      if (token == null) {
        token = ctx.formParam("_csrf");
      }
      if (!same(token, session.get().csrf())) {
        throw new BadRequest(403, "The form is stale or came from elsewhere; reload the page.");
      }
    }
  }

  private static boolean same(String a, String b) {
    return a != null
        && b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private Operators.Operator operator(Context ctx) {
    return ctx.attribute(ATTR_OPERATOR);
  }

  private Sessions.Session session(Context ctx) {
    return ctx.attribute(ATTR_SESSION);
  }

  private Views.Frame frame(Context ctx, String title) {
    Sessions.Session s = session(ctx);
    return new Views.Frame(title, s == null ? null : s.login(), s == null ? "" : s.csrf());
  }

  private void loginPage(Context ctx) {
    renderLogin(ctx, null, "", 200);
  }

  private void renderLogin(Context ctx, String error, String login, int status) {
    String csrf = ctx.cookie(LOGIN_CSRF_COOKIE);
    if (csrf == null || csrf.length() != 43) {
      csrf = Sessions.randomToken();
      ctx.cookie(cookie(LOGIN_CSRF_COOKIE, csrf, 3600));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", new Views.Frame("Sign in", null, csrf));
    params.put("error", error);
    params.put("login", login);
    ctx.status(status).html(render("login.jte", params));
  }

  private void login(Context ctx) {
    String csrf = ctx.cookie(LOGIN_CSRF_COOKIE);
    if (!same(ctx.formParam("_csrf"), csrf)) {
      renderLogin(ctx, "The sign-in form expired; try again.", "", 403);
      return;
    }
    String login = Optional.ofNullable(ctx.formParam("login")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    if (login.isEmpty() || login.length() > 64 || password.isEmpty() || password.length() > 200) {
      renderLogin(ctx, "Enter your login and password.", login.length() > 64 ? "" : login, 400);
      return;
    }
    String ip = ctx.ip();
    Duration wait = throttle.waitFor(login, ip);
    if (!wait.isZero()) {
      renderLogin(
          ctx,
          "Too many failed attempts; try again in " + Pages.duration(wait.plusSeconds(59)) + ".",
          login,
          429);
      return;
    }
    Optional<Operators.Operator> op = operators.verify(login, password);
    if (op.isEmpty()) {
      throttle.failed(login, ip);
      LOG.info("failed sign-in for a login from {}", ip);
      renderLogin(ctx, "Wrong login or password.", login, 401);
      return;
    }
    throttle.succeeded(login);
    String token = sessions.create(login);
    ctx.cookie(cookie(SESSION_COOKIE, token, (int) sessions.lifetime().toSeconds()));
    ctx.redirect("/");
  }

  private void logout(Context ctx) {
    sessions.end(session(ctx));
    ctx.cookie(cookie(SESSION_COOKIE, "", 0));
    ctx.redirect("/login");
  }

  private Cookie cookie(String name, String value, int maxAge) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.LAX);
    c.setSecure(secureCookies);
    c.setMaxAge(maxAge);
    return c;
  }

  // ---- list ------------------------------------------------------------------------------

  private Views.ListPage listPage(Context ctx) {
    Filters f = Filters.parse(ctx::queryParam);
    Operators.Operator op = operator(ctx);
    if (f.business() != null && !op.businesses().contains(f.business())) {
      throw new BadRequest(404, "No business " + f.business() + " in your inbox.");
    }
    Instant now = clock.instant();
    ChatList.Result r = list.query(f, op.login(), op.businesses(), now);
    return Pages.list(frame(ctx, "Inbox"), f, r, op.businesses(), now);
  }

  private void events(SseClient client) {
    Operators.Operator op = client.ctx().attribute(ATTR_OPERATOR);
    if (op == null || !hub.subscribe(client, op.login(), op.businesses())) {
      client.ctx().status(503);
      client.close();
      return;
    }
    client.keepAlive();
  }

  // ---- conversation -------------------------------------------------------------------------

  private record ChatRef(long business, long chat, ChatList.Row row) {
    String base() {
      return Pages.chatHref(business, chat);
    }
  }

  private ChatRef chat(Context ctx) {
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

  private void chatPage(Context ctx) {
    ChatRef ref = chat(ctx);
    ChatList.Row row = ref.row();
    Instant now = clock.instant();
    Operators.Operator op = operator(ctx);
    ChatList.Result around = list.query(Filters.DEFAULT, op.login(), op.businesses(), now);
    String next = "";
    String prev = "";
    List<ChatList.Row> rows = around.rows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).businessId() == ref.business() && rows.get(i).chatId() == ref.chat()) {
        next = i + 1 < rows.size() ? href(rows.get(i + 1)) : "";
        prev = i > 0 ? href(rows.get(i - 1)) : "";
      }
    }
    if (next.isEmpty() && prev.isEmpty() && !rows.isEmpty() && !same(rows.get(0), ref)) {
      next = href(rows.get(0));
    }
    List<Views.Canned> canned = new ArrayList<>();
    for (Settings.Canned c : settings.canned(ref.business())) {
      canned.add(new Views.Canned(c.name(), c.text()));
    }
    Views.ChatPage page =
        new Views.ChatPage(
            frame(ctx, Pages.customer(row.customer())),
            ref.business(),
            ref.chat(),
            Pages.customer(row.customer()),
            Pages.context(row.contextType(), row.orderId(), row.returnId()),
            "ARBITRAGE".equals(row.chatType()),
            Pages.nz(row.marketStatus()),
            Pages.clock(row.responseDue(), row.answeredOnce(), now),
            threadView(ctx, ref, ""),
            canned,
            "/",
            next,
            prev);
    ctx.html(render("chat.jte", Map.of("p", page)));
  }

  private static boolean same(ChatList.Row r, ChatRef ref) {
    return r.businessId() == ref.business() && r.chatId() == ref.chat();
  }

  private static String href(ChatList.Row r) {
    return Pages.chatHref(r.businessId(), r.chatId());
  }

  private Views.ThreadView threadView(Context ctx, ChatRef ref, String notice) {
    ZoneId zone = settings.of(ref.business()).hours().zone();
    List<Reply> replies = sync.outbox().replies(ref.business(), ref.chat());
    Map<Long, Reply> byMessage = new LinkedHashMap<>();
    List<Views.Reply> pending = new ArrayList<>();
    for (Reply r : replies) {
      if (r.messageId() != 0) {
        byMessage.put(r.messageId(), r);
      } else if (r.state() != ReplyState.CANCELLED) {
        String state =
            r.state() == ReplyState.BLOCKED ? "failed" : r.state().name().toLowerCase(Locale.ROOT);
        pending.add(
            new Views.Reply(
                r.replyId(),
                state,
                r.file() ? Pages.nz(r.fileName()) : Pages.nz(r.text()),
                r.state() == ReplyState.BLOCKED ? Pages.nz(r.lastError()) : "",
                r.state() == ReplyState.BLOCKED,
                r.state() == ReplyState.QUEUED && !r.inDoubt() && r.attempts() == 0));
      }
    }
    List<Views.Message> messages = new ArrayList<>();
    for (ChatMessage m : sync.messages(ref.business(), ref.chat())) {
      String sender = m.sender() == null ? null : m.sender().value();
      List<Views.File> files = new ArrayList<>();
      int i = 0;
      for (MessagePayload p : m.payload()) {
        files.add(
            new Views.File(
                Pages.nz(p.name()),
                ref.base() + "/messages/" + m.messageId() + "/files/" + i++,
                isImage(p.name()),
                Pages.size(p.size())));
      }
      Reply linked = byMessage.get(m.messageId());
      messages.add(
          new Views.Message(
              "msg-" + m.messageId(),
              Pages.sender(sender),
              sender == null ? "" : sender.toLowerCase(Locale.ROOT),
              m.createdAt() == null ? "" : Pages.time(m.createdAt().toInstant(), zone),
              Pages.nz(m.message()),
              files,
              linked == null ? "" : "sent"));
    }
    String assignee =
        sync.jdbi().withHandle(h -> Queue.assignee(h, ref.business(), ref.chat())).orElse(null);
    ChatList.Row row = ref.row();
    return new Views.ThreadView(
        ref.base(),
        session(ctx).csrf(),
        messages,
        pending,
        Pages.nz(assignee),
        row.status().toLowerCase(Locale.ROOT),
        notice,
        operator(ctx).login());
  }

  private void thread(Context ctx, String notice) {
    ChatRef ref = chat(ctx);
    ctx.html(
        render(
            "thread.jte",
            Map.of(
                "t",
                threadView(ctx, ref, notice),
                "business",
                ref.business(),
                "chatId",
                ref.chat())));
  }

  private void reply(Context ctx) throws IOException {
    ChatRef ref = chat(ctx);
    String text = Optional.ofNullable(ctx.formParam("text")).orElse("").strip();
    UploadedFile file = ctx.uploadedFile("file");
    if (file != null && file.filename().isEmpty() && file.size() == 0) {
      file = null;
    }
    if (text.isEmpty() && file == null) {
      throw new BadRequest("Write a reply or attach a file first.");
    }
    if (text.length() > Outbox.MAX_TEXT_LENGTH) {
      throw new BadRequest(
          "The reply has "
              + text.length()
              + " characters; Market takes at most "
              + Outbox.MAX_TEXT_LENGTH
              + ". Shorten it or split it.");
    }
    byte[] content = null;
    if (file != null) {
      if (file.size() > Outbox.MAX_FILE_SIZE) {
        throw new BadRequest(413, "The file is larger than 5 MB; send a smaller one.");
      }
      try (InputStream in = file.content()) {
        content = in.readNBytes((int) Outbox.MAX_FILE_SIZE + 1);
      }
      if (content.length > Outbox.MAX_FILE_SIZE) {
        throw new BadRequest(413, "The file is larger than 5 MB; send a smaller one.");
      }
    }
    String fileName = file == null ? null : safeName(file.filename());
    byte[] bytes = content;
    sync.jdbi()
        .useTransaction(
            h -> {
              if (!text.isEmpty()) {
                sync.outbox().send(h, ref.business(), ref.chat(), text);
              }
              if (bytes != null) {
                sync.outbox().sendFile(ref.business(), ref.chat(), fileName, bytes);
              }
            });
    thread(ctx, "");
  }

  private static String safeName(String name) {
    String n = name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
    if (n.isEmpty()) {
      return "file";
    }
    return n.length() > 200 ? n.substring(n.length() - 200) : n;
  }

  private void take(Context ctx) {
    ChatRef ref = chat(ctx);
    Queue.Take t = queue.take(ref.business(), ref.chat(), operator(ctx).login());
    hub.listChanged(ref.business(), ref.chat());
    thread(
        ctx,
        t.won()
            ? "You have this chat."
            : "Taken by " + (t.holder() == null ? "someone else" : t.holder()) + ".");
  }

  private void assign(Context ctx) {
    ChatRef ref = chat(ctx);
    String to = Optional.ofNullable(ctx.formParam("to")).orElse("").strip();
    String login = null;
    if (!to.isEmpty()) {
      Optional<Operators.Operator> target = operators.find(to);
      if (target.isEmpty() || !target.get().businesses().contains(ref.business())) {
        throw new BadRequest("No operator '" + to + "' works on business " + ref.business() + ".");
      }
      login = to;
    }
    queue.assign(ref.business(), ref.chat(), operator(ctx).login(), login);
    hub.listChanged(ref.business(), ref.chat());
    thread(ctx, login == null ? "Unassigned." : "Assigned to " + login + ".");
  }

  private String statusParam(Context ctx) {
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

  private void status(Context ctx) {
    ChatRef ref = chat(ctx);
    String to = statusParam(ctx);
    queue.status(ref.business(), ref.chat(), operator(ctx).login(), to);
    hub.listChanged(ref.business(), ref.chat());
    thread(ctx, "Marked " + to.toLowerCase(Locale.ROOT) + ".");
  }

  private void resolveNext(Context ctx) {
    ChatRef ref = chat(ctx);
    Operators.Operator op = operator(ctx);
    queue.status(ref.business(), ref.chat(), op.login(), "RESOLVED");
    hub.listChanged(ref.business(), ref.chat());
    List<ChatList.Row> rows =
        list.query(Filters.DEFAULT, op.login(), op.businesses(), clock.instant()).rows();
    ctx.redirect(rows.isEmpty() ? "/" : href(rows.get(0)));
  }

  private void snooze(Context ctx) {
    ChatRef ref = chat(ctx);
    String minutes = ctx.formParam("for");
    long m;
    try {
      m = Long.parseLong(minutes == null ? "" : minutes.strip());
    } catch (NumberFormatException e) {
      throw new BadRequest("Snooze for how long? Give minutes, 1 to 43200.");
    }
    if (m < 1 || m > 43_200) {
      throw new BadRequest("Snooze for 1 minute to 30 days, not " + m + " minutes.");
    }
    Instant until = clock.instant().plus(Duration.ofMinutes(m));
    queue.snooze(ref.business(), ref.chat(), operator(ctx).login(), until);
    hub.listChanged(ref.business(), ref.chat());
    thread(
        ctx,
        "Snoozed until "
            + Pages.time(until, settings.of(ref.business()).hours().zone())
            + "; a buyer's reply wakes it.");
  }

  private void replyAction(Context ctx) {
    ChatRef ref = chat(ctx);
    long id = id(ctx.pathParam("id"), "reply");
    Reply reply =
        sync.outbox()
            .reply(id)
            .filter(r -> r.businessId() == ref.business() && r.chatId() == ref.chat())
            .orElseThrow(() -> new BadRequest(404, "No such reply in this chat."));
    try {
      switch (ctx.pathParam("action")) {
        case "retry":
          sync.outbox().retry(reply.replyId());
          break;
        case "cancel":
          sync.outbox().cancel(reply.replyId());
          break;
        case "edit":
          String text = Optional.ofNullable(ctx.formParam("text")).orElse("").strip();
          if (text.isEmpty() || text.length() > Outbox.MAX_TEXT_LENGTH) {
            throw new BadRequest("The edited reply must have 1 to 4096 characters.");
          }
          sync.outbox().edit(reply.replyId(), text);
          break;
        default:
          throw new BadRequest(404, "A reply can be retried, edited or cancelled.");
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new BadRequest(409, "That is no longer possible: " + e.getMessage());
    }
    thread(ctx, "");
  }

  private void file(Context ctx) {
    ChatRef ref = chat(ctx);
    long message = id(ctx.pathParam("m"), "message");
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("i"));
    } catch (NumberFormatException e) {
      throw new BadRequest(404, "No such file.");
    }
    Optional<ChatMessage> m =
        sync.messages(ref.business(), ref.chat()).stream()
            .filter(x -> x.messageId() == message)
            .findFirst();
    if (m.isEmpty() || index < 0 || index >= m.get().payload().size()) {
      throw new BadRequest(404, "No such file in this chat.");
    }
    MessagePayload p = m.get().payload().get(index);
    byte[] bytes;
    try {
      bytes = sync.download(ref.business(), ref.chat(), message, index);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadRequest(
          413, "This file cannot be shown here (" + e.getMessage() + "); open it in Market.");
    } catch (RuntimeException e) {
      throw new BadRequest(502, "Market did not give the file now; try again in a moment.");
    }
    String name = safeName(Pages.nz(p.name()));
    ctx.contentType(isImage(name) ? imageType(name) : "application/octet-stream");
    ctx.header(
        "Content-Disposition",
        (isImage(name) ? "inline" : "attachment")
            + "; filename*=UTF-8''"
            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.result(bytes);
  }

  static boolean isImage(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png")
        || n.endsWith(".jpg")
        || n.endsWith(".jpeg")
        || n.endsWith(".gif")
        || n.endsWith(".webp");
  }

  private static String imageType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".png")) {
      return "image/png";
    }
    if (n.endsWith(".gif")) {
      return "image/gif";
    }
    if (n.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }

  // ---- settings ------------------------------------------------------------------------------

  private void settingsPage(Context ctx, String saved) {
    List<Views.BusinessForm> forms = new ArrayList<>();
    for (long b : new java.util.TreeSet<>(operator(ctx).businesses())) {
      BusinessSettings s = settings.of(b);
      StringBuilder canned = new StringBuilder();
      for (Settings.Canned c : settings.canned(b)) {
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
        render(
            "settings.jte",
            Map.of("p", new Views.SettingsPage(frame(ctx, "Settings"), forms, saved))));
  }

  private void saveSettings(Context ctx) {
    long b = id(ctx.pathParam("b"), "business");
    if (!operator(ctx).businesses().contains(b)) {
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
    } catch (java.time.DateTimeException | IllegalArgumentException e) {
      throw new BadRequest(
          "Business hours are HH:MM to HH:MM in a time zone such as Europe/Moscow ("
              + e.getMessage()
              + ").");
    }
    Map<String, String> canned = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (String line : Pages.nz(ctx.formParam("canned")).split("\\R")) {
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
    settings.save(
        new BusinessSettings(b, Duration.ofMinutes(first), Duration.ofMinutes(next), hours));
    settings.saveCanned(b, canned);
    Projector.recomputeClocks(sync.jdbi(), b, clock.instant());
    hub.listChanged(b, 0);
    settingsPage(ctx, "Saved business " + b + ".");
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

  // ---- rendering -----------------------------------------------------------------------------

  private String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    return out.toString();
  }

  private void problem(Context ctx, int status, String message) {
    Sessions.Session s = session(ctx);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put(
        "frame",
        new Views.Frame("Problem", s == null ? null : s.login(), s == null ? "" : s.csrf()));
    params.put("status", status);
    params.put("message", message);
    ctx.status(status).html(render("error.jte", params));
  }
}
