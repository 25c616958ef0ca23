package dev.ymchat.sandbox;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.api.AdminApi;
import dev.ymchat.sandbox.api.BodyReader;
import dev.ymchat.sandbox.api.ChatSnapshot;
import dev.ymchat.sandbox.api.ChatsApi;
import dev.ymchat.sandbox.api.ErrorEnvelope;
import dev.ymchat.sandbox.api.JsonErrorHandler;
import dev.ymchat.sandbox.api.StateDump;
import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.faults.FaultInjector;
import dev.ymchat.sandbox.faults.FaultStats;
import dev.ymchat.sandbox.limits.RateLimiter;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.WebhookDispatcher;
import dev.ymchat.sandbox.market.WebhookFaults;
import dev.ymchat.sandbox.market.WebhookNotifier;
import dev.ymchat.sandbox.stats.CallOutcome;
import dev.ymchat.sandbox.stats.CallStats;
import dev.ymchat.sandbox.store.ChatFilter;
import dev.ymchat.sandbox.store.ChatRow;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.SandboxStore;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful local emulator of the Yandex Market chats API: the seven operations on both path
 * styles, H2 state that survives restarts, Market's auth, limits and errors, and the Market side
 * (buyers, support, disputes) through {@link #market()} and {@code /sandbox/…}.
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.builder().port(0).inMemory().seedDemo(true).build().start()) {
 *   String url = sandbox.baseUrl();
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

  /** The largest request body the sandbox reads (files up to 5 MB plus the multipart framing). */
  private static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

  /**
   * How many request bodies are read at once. Each read holds a server thread (of at most 250)
   * until the body is in or its deadline passes; the rest stay free for everyone else.
   */
  static final int MAX_BODY_READERS = 64;

  /** How long a client may pause while the unread rest of its body is drained. */
  private static final Duration DRAIN_PAUSE = Duration.ofSeconds(2);

  /** The idle timeout applied to open connections while the connection limit is reached. */
  private static final Duration LIMIT_IDLE_TIMEOUT = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.ymchat.sandbox.access");
  static final String ATTR_ENVELOPED = "ymchat.enveloped";

  private final Builder config;
  private final String adminToken;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CallStats callStats = new CallStats();
  private final Object drained = new Object();
  private volatile boolean closing;
  private boolean started;
  private boolean closed;
  private SandboxStore store;
  private MarketSimulator market;
  private StateDump stateDump;
  private Javalin app;
  private WebhookDispatcher webhooks;
  private FaultInjector faults;
  private String baseUrl;
  private boolean seededNow;
  private Thread shutdownHook;

  private SandboxServer(Builder config) {
    this.config = config;
    if (config.adminToken != null) {
      this.adminToken = config.adminToken;
    } else if (config.seedDemo) {
      this.adminToken = SandboxDemo.ADMIN_TOKEN;
    } else {
      this.adminToken = "adm-" + SandboxStore.randomKey();
    }
  }

  /**
   * Starts configuring a sandbox.
   *
   * @return a builder with the defaults (127.0.0.1:8080, data in ./ymchat-sandbox-data)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the database, seeds demo data when asked and starts serving.
   *
   * @return this sandbox, running
   * @throws IllegalStateException when it was started before, the port or data directory cannot be
   *     used, or the host is not loopback while demo credentials would be served (see {@link
   *     Builder#allowDemoCredentialsOnNetwork(boolean)})
   */
  public synchronized SandboxServer start() {
    if (started) {
      throw new IllegalStateException(
          "This sandbox was already started; build a new one to start again");
    }
    started = true;
    boolean network = !config.loopback.test(config.host);
    if (network && !config.allowDemoCredentialsOnNetwork) {
      if (config.seedDemo) {
        throw demoCredentialsRefused(
            "--seed-demo loads the demo API keys and the demo admin token");
      }
      if (SandboxDemo.ADMIN_TOKEN.equals(adminToken)) {
        throw demoCredentialsRefused("the admin token is the demo admin token");
      }
    }
    store =
        config.inMemory
            ? SandboxStore.openInMemory(config.clock)
            : SandboxStore.openFile(config.dataDir, config.clock);
    try {
      if (network && !config.allowDemoCredentialsOnNetwork && holdsDemoCredentials(store)) {
        throw demoCredentialsRefused(
            "the data directory holds the demo API keys from an earlier --seed-demo");
      }
      ChatEventListener listener = config.eventListener;
      if (config.webhookUrl != null) {
        webhooks =
            WebhookDispatcher.builder()
                .url(URI.create(config.webhookUrl))
                .faults(config.webhookFaults)
                .build();
        listener = listener.andThen(new WebhookNotifier(webhooks));
      }
      market = new MarketSimulator(store);
      stateDump = new StateDump(store, () -> baseUrl);
      if (config.seedDemo) {
        seededNow = SandboxDemo.seed(store, market);
      }
      // After seeding: demo data stands for chats that existed before, not news to push.
      store.setListener(listener);
      RateLimiter limiter = new RateLimiter(config.rateLimits);
      BodyReader bodies = new BodyReader(config.bodyReadTimeout, MAX_BODY_READERS);
      ChatsApi chats = new ChatsApi(store, limiter, () -> baseUrl, config.requestHook, bodies);
      AdminApi admin =
          new AdminApi(
              store, market, adminToken, bodies, callStats, stateDump, webhooks, this::faultStats);
      app =
          Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.startupWatcherEnabled = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                // Market's router answers 404 to /chats/ as to any unknown path.
                cfg.router.ignoreTrailingSlashes = false;
                cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
                cfg.requestLogger.http(this::logRequest);
                cfg.jetty.modifyServer(
                    server -> {
                      server.setErrorHandler(new JsonErrorHandler());
                      server.insertHandler(
                          new UnreadBodyDrain(
                              MAX_REQUEST_BYTES, config.bodyReadTimeout, DRAIN_PAUSE));
                      // Connections are bounded; at the bound, the idle ones are closed quickly
                      // so that new clients (and /health) get in.
                      NetworkConnectionLimit limit =
                          new NetworkConnectionLimit(config.maxConnections, server);
                      limit.setEndPointIdleTimeout(LIMIT_IDLE_TIMEOUT.toMillis());
                      server.addBean(limit);
                    });
                cfg.jetty.addConnector(
                    (server, http) -> {
                      ServerConnector connector =
                          new ServerConnector(server, new HttpConnectionFactory(http));
                      connector.setHost(config.host);
                      connector.setPort(config.port);
                      connector.setIdleTimeout(config.idleTimeout.toMillis());
                      return connector;
                    });
                cfg.jetty.modifyServletContextHandler(
                    handler -> {
                      handler.setErrorHandler(new JsonErrorHandler());
                      handler.addFilter(
                          new FilterHolder(new InFlightFilter()),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST));
                    });
                routes(cfg.routes, chats, admin);
              });
      app.start();
      String host =
          config.host.equals("0.0.0.0") || config.host.equals("::") ? "127.0.0.1" : config.host;
      baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
      LOG.info("ymchat sandbox listening on {}", baseUrl);
      if (config.closeOnShutdown) {
        shutdownHook = new Thread(this::close, "ymchat-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
      return this;
    } catch (RuntimeException e) {
      if (app != null) {
        app.stop();
      }
      if (webhooks != null) {
        webhooks.close();
      }
      store.close();
      throw e;
    }
  }

  private void routes(RoutesConfig routes, ChatsApi chats, AdminApi admin) {
    if (config.faults.isActive()) {
      // Before the API's own handlers, on API paths only: the admin surface and health stay
      // reliable.
      faults = new FaultInjector(config.faults);
      faults.install(
          routes,
          path -> path.startsWith("/v2/businesses/") || path.startsWith("/businesses/"),
          (ctx, kind) -> count(ctx.req(), 0));
    }
    chats.register(routes);
    admin.register(routes);
    routes.exception(
        SandboxException.class, (e, ctx) -> envelope(ctx, e.status(), e.code(), e.getMessage()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 404 || e.getStatus() == 405) {
            notFoundOrWrongMethod(ctx);
          } else {
            envelope(
                ctx,
                e.getStatus() >= 500 ? 500 : e.getStatus(),
                e.getStatus() >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST",
                "The request could not be handled ("
                    + e.getMessage()
                    + "); check the method, path and body");
          }
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
          envelope(
              ctx,
              500,
              "INTERNAL_ERROR",
              "The sandbox failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); this is a sandbox bug, please report it with the request that caused it");
        });
    routes.error(404, this::notFoundOrWrongMethod);
    // After-handlers run once the status is final and before Javalin writes the answer, so a
    // client that has its answer finds its call counted.
    routes.after(
        ctx -> {
          if (ctx.attribute(FaultInjector.ATTR_FAULT) == null) {
            count(ctx.req(), ctx.statusCode());
          }
        });
  }

  /** Whether the address to bind is a loopback one (a name is resolved; unknown counts as not). */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean holdsDemoCredentials(SandboxStore store) {
    for (String key :
        List.of(
            SandboxDemo.ALL_METHODS_KEY,
            SandboxDemo.READ_ONLY_KEY,
            SandboxDemo.COMMUNICATION_KEY,
            SandboxDemo.OTHER_BUSINESS_KEY)) {
      if (store.accounts().findCredential(CredentialKind.API_KEY, key).isPresent()) {
        return true;
      }
    }
    return store
        .accounts()
        .findCredential(CredentialKind.OAUTH, SandboxDemo.OAUTH_TOKEN)
        .isPresent();
  }

  private IllegalStateException demoCredentialsRefused(String why) {
    // The demo values are public (README, banner); the message names them without quoting them.
    return new IllegalStateException(
        "Refusing to serve demo credentials on "
            + config.host
            + ", an address other machines can reach: "
            + why
            + ", and their values are public, so anyone who can reach this port could read and"
            + " write the chats. Listen on 127.0.0.1 (the default); or leave out --seed-demo, set"
            + " your own --admin-token and use a data directory without demo data; or, if the"
            + " network is yours alone, pass --allow-demo-credentials-on-network"
            + " (SandboxServer.Builder.allowDemoCredentialsOnNetwork(true))");
  }

  /**
   * Counts requests in flight for graceful shutdown and refuses new ones while closing. The count
   * drops only after the response is flushed, so stopping Jetty never cuts an answer short.
   */
  private final class InFlightFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      inFlight.incrementAndGet();
      try {
        if (closing) {
          HttpServletResponse http = (HttpServletResponse) response;
          http.setStatus(503);
          count((HttpServletRequest) request, 503);
          http.setContentType("application/json; charset=utf-8");
          http.getOutputStream()
              .write(
                  ErrorEnvelope.bytes(
                      "SERVICE_UNAVAILABLE",
                      "The sandbox is shutting down; retry against a running sandbox"));
          http.flushBuffer();
          return;
        }
        chain.doFilter(request, response);
        completeResponse(response);
      } finally {
        if (inFlight.decrementAndGet() == 0 && closing) {
          synchronized (drained) {
            drained.notifyAll();
          }
        }
      }
    }
  }

  /** Counts an API call once its outcome is known and before its answer is written. */
  private void count(HttpServletRequest request, int status) {
    ChatsApi.classify(request.getMethod(), request.getRequestURI())
        .ifPresent(
            call ->
                callStats.record(
                    call.businessId(),
                    call.operation(),
                    request.getAttribute(FaultInjector.ATTR_FAULT) != null
                        ? CallOutcome.FAULT
                        : CallOutcome.of(status)));
  }

  /**
   * Completes the answer (the last chunk included) before the request stops counting as in flight,
   * so a shutdown that waits for the count never cuts a chunked answer short.
   */
  private static void completeResponse(ServletResponse response) throws IOException {
    try {
      response.getOutputStream().close();
    } catch (IllegalStateException writerInUse) {
      response.getWriter().close();
    }
  }

  private static void envelope(Context ctx, int status, String code, String message) {
    ctx.attribute(ATTR_ENVELOPED, Boolean.TRUE);
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(ErrorEnvelope.bytes(code, message));
  }

  private void notFoundOrWrongMethod(Context ctx) {
    if (ctx.attribute(ATTR_ENVELOPED) != null) {
      return;
    }
    String path = ctx.path();
    Set<String> allowed = ChatsApi.allowedMethods(path);
    Set<String> adminAllowed = adminMethods(path);
    allowed = new java.util.TreeSet<>(allowed);
    allowed.addAll(adminAllowed);
    if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) {
      ctx.header("Allow", String.join(", ", allowed));
      envelope(
          ctx,
          405,
          "METHOD_NOT_ALLOWED",
          "Method "
              + ctx.method().name()
              + " is not allowed on this path; use "
              + String.join(" or ", allowed));
      return;
    }
    envelope(
        ctx,
        404,
        "NOT_FOUND",
        "No API method at this path; the chat methods live under /v2/businesses/{businessId}/…"
            + " (or /businesses/{businessId}/…)");
  }

  private static Set<String> adminMethods(String path) {
    Set<String> allowed = new java.util.TreeSet<>();
    for (var entry : adminPaths()) {
      if (path.matches(entry[0])) {
        allowed.add(entry[1]);
      }
    }
    return allowed;
  }

  private static List<String[]> adminPaths() {
    return List.of(
        new String[] {"/sandbox/businesses", "POST"},
        new String[] {"/sandbox/businesses/[^/]+/(campaigns|credentials|orders|returns)", "POST"},
        new String[] {"/sandbox/businesses/[^/]+/chats/direct", "POST"},
        new String[] {
          "/sandbox/businesses/[^/]+/chats/[^/]+/(messages|files|dispute|dispute/finish|finish)",
          "POST"
        },
        new String[] {"/sandbox/(ping|generate|stats/reset|webhook-faults)", "POST"},
        new String[] {"/sandbox/(state|stats)", "GET"},
        new String[] {"/sandbox/files/[^/]+/[^/]+", "GET"},
        new String[] {"/health", "GET"});
  }

  private void logRequest(Context ctx, Float millis) {
    // Never the Api-Key or Authorization values: only what identifies the call.
    Object business = ctx.attribute(ChatsApi.ATTR_BUSINESS);
    Object operation = ctx.attribute(ChatsApi.ATTR_OPERATION);
    ACCESS.info(
        "method={} path={} status={} durationMs={} businessId={} operation={}",
        ctx.method().name(),
        sanitize(ctx.path()),
        ctx.statusCode(),
        String.format(java.util.Locale.ROOT, "%.1f", millis),
        business == null ? "-" : business,
        operation == null ? "-" : operation);
  }

  private static String sanitize(String path) {
    // Download keys are the secret of a file URL: keep them out of the log too.
    String clean =
        path.replaceAll("[\\p{Cntrl}\\s]", "?")
            .replaceAll("^/sandbox/files/[^/]+/", "/sandbox/files/***/");
    return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
  }

  /**
   * The URL the sandbox serves on.
   *
   * @return such as {@code http://127.0.0.1:54321}
   * @throws IllegalStateException before {@link #start()}
   */
  public String baseUrl() {
    requireStarted();
    return baseUrl;
  }

  /**
   * The port the sandbox listens on (the free port chosen when configured with 0).
   *
   * @return the port
   * @throws IllegalStateException before {@link #start()}
   */
  public int port() {
    requireStarted();
    return app.port();
  }

  /**
   * The token for the admin surface (header {@code X-Sandbox-Admin-Token}).
   *
   * @return the configured token, {@code demo-admin-token} with demo data, or a random one
   */
  public String adminToken() {
    return adminToken;
  }

  /**
   * The Market side from Java: buyers, Market's notices, support, disputes, demo data.
   *
   * @return the simulator
   * @throws IllegalStateException before {@link #start()}
   */
  public MarketSimulator market() {
    requireStarted();
    return market;
  }

  /**
   * The URL push notifications should go to, as configured (the webhook sender uses it).
   *
   * @return the URL, or empty when none was configured
   */
  public Optional<String> webhookUrl() {
    return Optional.ofNullable(config.webhookUrl);
  }

  /**
   * The configured rate limits.
   *
   * @return the limits
   */
  public SandboxRateLimits rateLimits() {
    return config.rateLimits;
  }

  /**
   * The sender of push notifications, for its delivery counts.
   *
   * @return the sender, or empty when no webhook URL is configured
   */
  public Optional<WebhookDispatcher> webhooks() {
    return Optional.ofNullable(webhooks);
  }

  /**
   * The API calls received so far, per business and operation, by outcome (also {@code GET
   * /sandbox/stats}); {@link CallStats#reset()} starts again from zero.
   *
   * @return the live counters
   */
  public CallStats callStats() {
    return callStats;
  }

  /**
   * Hands every chat of every business, with all its messages, to {@code action}: in the API's own
   * records (the chat as getChat returns it, the messages as getChatHistory does), ordered by
   * business id, chat id and message id, read from one consistent snapshot, one chat in memory at a
   * time. {@code GET /sandbox/state} gives the same as JSON.
   *
   * @param action what to do with each chat
   * @throws IllegalStateException before {@link #start()}
   */
  public void forEachChat(Consumer<ChatSnapshot> action) {
    requireStarted();
    stateDump.forEachChat(action);
  }

  /**
   * Writes the state as {@code GET /sandbox/state} answers it, streamed.
   *
   * @param out where the JSON goes (left open)
   * @throws IllegalStateException before {@link #start()}
   */
  public void writeState(OutputStream out) {
    requireStarted();
    stateDump.write(out);
  }

  /**
   * What fault injection has done so far.
   *
   * @return the counts, or empty when fault injection is off
   */
  public Optional<FaultStats> faultStats() {
    return Optional.ofNullable(faults).map(FaultInjector::stats);
  }

  /**
   * A description for people: URL, data location, admin token, demo businesses, keys and chats.
   *
   * @return several lines of text
   * @throws IllegalStateException before {@link #start()}
   */
  public String startupBanner() {
    requireStarted();
    StringBuilder b = new StringBuilder();
    String nl = System.lineSeparator();
    b.append("ymchat sandbox — a local emulator of the Yandex Market chats API").append(nl);
    if (config.allowDemoCredentialsOnNetwork
        && !config.loopback.test(config.host)
        && (config.seedDemo
            || SandboxDemo.ADMIN_TOKEN.equals(adminToken)
            || holdsDemoCredentials(store))) {
      b.append("  WARNING      : the demo credentials (public values) are served on ")
          .append(config.host)
          .append(", reachable from the network: anyone who can reach this port can read and")
          .append(" write these chats (allowed by --allow-demo-credentials-on-network)")
          .append(nl);
    }
    b.append("  API base URL : ")
        .append(baseUrl)
        .append("   (paths /v2/businesses/… and /businesses/…)")
        .append(nl);
    b.append("  data         : ")
        .append(config.inMemory ? "in memory (lost on exit)" : config.dataDir.toAbsolutePath())
        .append(nl);
    b.append("  admin token  : ")
        .append(adminToken)
        .append("   (header ")
        .append(AdminApi.ADMIN_HEADER)
        .append(", endpoints under ")
        .append(baseUrl)
        .append("/sandbox/…)")
        .append(nl);
    b.append("  webhook      : ")
        .append(config.webhookUrl == null ? "none" : config.webhookUrl)
        .append(
            webhooks != null && webhooks.faults().isActive()
                ? " (faults " + webhooks.faults().toSpec() + ")"
                : "")
        .append(nl);
    b.append("  faults       : ")
        .append(config.faults.isActive() ? config.faults.toSpec() : "none")
        .append(nl);
    b.append("  rate limits  : ")
        .append(
            config.rateLimits.enabled()
                ? "on ("
                    + config.rateLimits.maxParallel()
                    + " parallel per business, hourly quotas per operation"
                    + (config.rateLimits.window().equals(Duration.ofHours(1))
                        ? ""
                        : ", window " + config.rateLimits.window())
                    + ")"
                : "off")
        .append(nl);
    if (config.seedDemo) {
      b.append("  demo data    : ")
          .append(seededNow ? "created now" : "already present, kept")
          .append(nl);
      b.append("    business ")
          .append(SandboxDemo.BUSINESS_ID)
          .append(" (campaign ")
          .append(SandboxDemo.CAMPAIGN_ID)
          .append(")")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.ALL_METHODS_KEY)
          .append("      scope all-methods")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.READ_ONLY_KEY)
          .append("        scope all-methods:read-only")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.COMMUNICATION_KEY)
          .append("    scope communication")
          .append(nl);
      b.append("      Authorization: Bearer ").append(SandboxDemo.OAUTH_TOKEN).append(nl);
      b.append("    business ")
          .append(SandboxDemo.OTHER_BUSINESS_ID)
          .append(" (campaign ")
          .append(SandboxDemo.OTHER_CAMPAIGN_ID)
          .append(")  Api-Key ")
          .append(SandboxDemo.OTHER_BUSINESS_KEY)
          .append(nl);
      b.append("    chats of business ").append(SandboxDemo.BUSINESS_ID).append(':').append(nl);
      for (ChatRow chat : store.chats().chats(SandboxDemo.BUSINESS_ID, ChatFilter.NONE, null, 12)) {
        b.append("      chat ")
            .append(chat.id())
            .append("  ")
            .append(chat.contextType())
            .append(chat.orderId() == null ? "" : " order " + chat.orderId())
            .append(chat.returnId() == null ? "" : " return " + chat.returnId())
            .append("  ")
            .append(chat.type())
            .append('/')
            .append(chat.status())
            .append(nl);
      }
      List<Long> free = store.orders().ordersWithoutChat(SandboxDemo.BUSINESS_ID, 10);
      if (!free.isEmpty()) {
        b.append("    orders without a chat (try createChat): ").append(free).append(nl);
      }
    }
    return b.toString();
  }

  private void requireStarted() {
    if (!started || app == null) {
      throw new IllegalStateException("The sandbox is not started; call start() first");
    }
  }

  /**
   * Stops gracefully: refuses new requests (503), waits for the ones in flight (up to the shutdown
   * timeout), stops the HTTP server and closes the database. Idempotent. Unless configured
   * otherwise ({@link Builder#closeOnShutdown(boolean)}), it also runs when the JVM shuts down
   * (SIGTERM, Ctrl-C), in place of H2's own hook, which would close the database under requests
   * still in flight.
   */
  @Override
  public synchronized void close() {
    if (closed || !started) {
      closed = true;
      return;
    }
    closed = true;
    closing = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmShuttingDown) {
        // The hook runs (or ran) anyway; this close does the work and the hook's returns at once.
      }
    }
    long deadline = System.nanoTime() + config.shutdownTimeout.toNanos();
    synchronized (drained) {
      long left;
      while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          drained.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (inFlight.get() > 0) {
      LOG.warn(
          "{} request(s) still in flight after {}; stopping anyway",
          inFlight.get(),
          config.shutdownTimeout);
    }
    if (app != null) {
      app.stop();
    }
    if (webhooks != null) {
      // Give notifications of the last requests a moment to go out before stopping the sender.
      webhooks.awaitIdle(Duration.ofSeconds(2));
      webhooks.close();
    }
    store.close();
    LOG.info("ymchat sandbox stopped");
  }

  /** Configures a {@link SandboxServer}; every option has a default. */
  public static final class Builder {
    private int port = 8080;
    private String host = "127.0.0.1";
    private Path dataDir = Path.of("ymchat-sandbox-data");
    private boolean inMemory;
    private boolean seedDemo;
    private String webhookUrl;
    private SandboxRateLimits rateLimits = SandboxRateLimits.defaults();
    private String adminToken;
    private ChatEventListener eventListener = ChatEventListener.NO_OP;
    private Clock clock = Clock.systemUTC();
    private BiConsumer<Long, ApiOperation> requestHook;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private FaultConfig faults = FaultConfig.none();
    private WebhookFaults webhookFaults = WebhookFaults.none();
    private Duration bodyReadTimeout = Duration.ofSeconds(20);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 1000;
    private boolean closeOnShutdown = true;
    private boolean allowDemoCredentialsOnNetwork;
    private java.util.function.Predicate<String> loopback = SandboxServer::isLoopback;

    private Builder() {}

    /** Tests only: which hosts count as loopback, so the network case is tried on 127.0.0.1. */
    Builder loopbackCheck(java.util.function.Predicate<String> loopback) {
      this.loopback = Objects.requireNonNull(loopback, "loopback");
      return this;
    }

    /**
     * Allows the demo credentials (whose values are public) on an address other than loopback;
     * without it, {@link SandboxServer#start()} refuses a non-loopback host together with demo data
     * or the demo admin token, and the banner warns when it is allowed (default false).
     *
     * @param allow true to serve the demo credentials to the network anyway
     * @return this builder
     */
    public Builder allowDemoCredentialsOnNetwork(boolean allow) {
      this.allowDemoCredentialsOnNetwork = allow;
      return this;
    }

    /**
     * Whether {@link SandboxServer#close()} runs when the JVM shuts down (SIGTERM, Ctrl-C), so that
     * requests in flight finish and the database is closed cleanly (default true). Turn it off only
     * when the embedding program closes the sandbox from a shutdown hook of its own.
     *
     * @param closeOnShutdown false to leave closing to the caller
     * @return this builder
     */
    public Builder closeOnShutdown(boolean closeOnShutdown) {
      this.closeOnShutdown = closeOnShutdown;
      return this;
    }

    /**
     * How long a request's whole body may take to arrive (default 20 s); a body still arriving then
     * gets 408 {@code REQUEST_TIMEOUT} and nothing is stored. A request holds no parallel slot
     * while its body arrives.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder bodyReadTimeout(Duration timeout) {
      this.bodyReadTimeout = positive("bodyReadTimeout", timeout);
      return this;
    }

    /**
     * How long a connection may stay silent, between requests or within one (default 30 s).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /**
     * The most connections open at once (default 1000). At the limit the sandbox accepts no more
     * until one closes, and closes connections that are silent for a second.
     *
     * @param maxConnections at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections must be at least 1, was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
      }
      return value;
    }

    /**
     * Opt-in fault injection on the API paths: latency, 500/503 answers, forced 420s, dropped
     * connections, all decided by a seeded sequence so tests are repeatable.
     *
     * @param faults the faults, e.g. {@code FaultConfig.parse("seed=42,503=0.1,drop=0.05")}
     * @return this builder
     */
    public Builder faults(FaultConfig faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * The share of push notifications delivered twice, as Market sometimes does (default 0); the
     * rest of {@link #webhookFaults(WebhookFaults)} is kept.
     *
     * @param rate from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException when out of range, or above 1 together with the loss share
     */
    public Builder webhookDuplicateRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException(
            "webhookDuplicateRate must be between 0 and 1, was " + rate);
      }
      this.webhookFaults =
          new WebhookFaults(
              webhookFaults.lossRate(),
              rate,
              webhookFaults.maxDuplicateDelay(),
              webhookFaults.seed());
      return this;
    }

    /**
     * How push notifications misbehave: a share lost (never delivered, counted), a share delivered
     * twice (the copy later, possibly after newer notifications of its chat), seeded (default:
     * none). Changeable while running through {@code POST /sandbox/webhook-faults} or {@link
     * WebhookDispatcher#setFaults(WebhookFaults)}.
     *
     * @param faults e.g. {@code WebhookFaults.parse("loss=0.2,duplicate=0.1,seed=7")}
     * @return this builder
     */
    public Builder webhookFaults(WebhookFaults faults) {
      this.webhookFaults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param port 0 for a free port, else 1 to 65535 (default 8080)
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(
            "port must be 0 (any free port) or 1 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to bind.
     *
     * @param host such as 127.0.0.1 (default; loopback only) or 0.0.0.0 (every interface)
     * @return this builder
     */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException(
            "host must not be empty; use 127.0.0.1 for loopback only");
      }
      this.host = host.trim();
      return this;
    }

    /**
     * Keeps the state in H2 files in this directory (the default, {@code ./ymchat-sandbox-data}).
     *
     * @param dataDir the directory, created if missing
     * @return this builder
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      this.inMemory = false;
      return this;
    }

    /**
     * Keeps the state in memory only, lost on close (for tests).
     *
     * @return this builder
     */
    public Builder inMemory() {
      this.inMemory = true;
      return this;
    }

    /**
     * Whether to create the demo businesses, keys and chats of {@link SandboxDemo} (kept on
     * restart).
     *
     * @param seedDemo true to seed
     * @return this builder
     */
    public Builder seedDemo(boolean seedDemo) {
      this.seedDemo = seedDemo;
      return this;
    }

    /**
     * Where push notifications should be delivered (stored for the webhook sender).
     *
     * @param webhookUrl an http or https URL, or null for none
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public Builder webhookUrl(String webhookUrl) {
      if (webhookUrl != null) {
        URI uri;
        try {
          uri = URI.create(webhookUrl.trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "webhookUrl is not a valid URL; use e.g. http://127.0.0.1:9999/notification", e);
        }
        if (uri.getScheme() == null
            || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
            || uri.getHost() == null) {
          throw new IllegalArgumentException(
              "webhookUrl must be an absolute http(s) URL such as http://127.0.0.1:9999/notification");
        }
        this.webhookUrl = uri.toString();
      } else {
        this.webhookUrl = null;
      }
      return this;
    }

    /**
     * The rate limits (default: Market's documented ones).
     *
     * @param rateLimits the limits, e.g. {@link SandboxRateLimits#disabled()}
     * @return this builder
     */
    public Builder rateLimits(SandboxRateLimits rateLimits) {
      this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
      return this;
    }

    /**
     * The token of the admin surface (default: {@code demo-admin-token} with demo data, else
     * random).
     *
     * @param adminToken at least 8 characters
     * @return this builder
     * @throws IllegalArgumentException when too short
     */
    public Builder adminToken(String adminToken) {
      if (adminToken == null || adminToken.length() < 8 || adminToken.isBlank()) {
        throw new IllegalArgumentException("adminToken must have at least 8 characters");
      }
      this.adminToken = adminToken;
      return this;
    }

    /**
     * Who hears about chat events (for push notifications); default: nobody.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder eventListener(ChatEventListener listener) {
      this.eventListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The clock for timestamps (tests inject a fixed one). Rate-limit windows use the clock of
     * {@link SandboxRateLimits}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A test hook called for every API request inside its parallel slot: after authentication, the
     * body and rate limiting, before the work; a hook that blocks holds the request in flight.
     *
     * @param hook receives the businessId and operation; null for none
     * @return this builder
     */
    public Builder requestHook(BiConsumer<Long, ApiOperation> hook) {
      this.requestHook = hook;
      return this;
    }

    /**
     * How long {@link SandboxServer#close()} waits for requests in flight (default 10 s).
     *
     * @param timeout the wait
     * @return this builder
     */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must be zero or positive");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Builds the sandbox (not yet started: call {@link SandboxServer#start()}).
     *
     * @return the sandbox
     */
    public SandboxServer build() {
      return new SandboxServer(this);
    }
  }
}
