package dev.ymchat.sandbox;

import dev.ymchat.sandbox.api.AdminApi;
import dev.ymchat.sandbox.api.ApiRoutes;
import dev.ymchat.sandbox.api.BodyReader;
import dev.ymchat.sandbox.api.ChatSnapshot;
import dev.ymchat.sandbox.api.ChatsApi;
import dev.ymchat.sandbox.api.JsonErrorHandler;
import dev.ymchat.sandbox.api.StateDump;
import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.faults.FaultInjector;
import dev.ymchat.sandbox.faults.FaultStats;
import dev.ymchat.sandbox.limits.RateLimiter;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.market.WebhookDispatcher;
import dev.ymchat.sandbox.market.WebhookNotifier;
import dev.ymchat.sandbox.stats.CallOutcome;
import dev.ymchat.sandbox.stats.CallStats;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.SandboxStore;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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

  private final SandboxConfig config;
  private final String adminToken;
  private final InFlightFilter inFlight = new InFlightFilter(this::count);
  private final CallStats callStats = new CallStats();
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

  SandboxServer(SandboxConfig config) {
    this.config = config;
    if (config.adminToken() != null) {
      this.adminToken = config.adminToken();
    } else if (config.seedDemo()) {
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
  public static SandboxConfig.Builder builder() {
    return new SandboxConfig.Builder();
  }

  /**
   * Opens the database, seeds demo data when asked and starts serving.
   *
   * @return this sandbox, running
   * @throws IllegalStateException when it was started before, the port or data directory cannot be
   *     used, or the host is not loopback while demo credentials would be served (see {@link
   *     SandboxConfig.Builder#allowDemoCredentialsOnNetwork(boolean)})
   */
  public synchronized SandboxServer start() {
    if (started) {
      throw new IllegalStateException(
          "This sandbox was already started; build a new one to start again");
    }
    started = true;
    boolean network = !config.onLoopback();
    if (network && !config.allowDemoCredentialsOnNetwork()) {
      if (config.seedDemo()) {
        throw demoCredentialsRefused(
            "--seed-demo loads the demo API keys and the demo admin token");
      }
      if (SandboxDemo.ADMIN_TOKEN.equals(adminToken)) {
        throw demoCredentialsRefused("the admin token is the demo admin token");
      }
    }
    store =
        config.inMemory()
            ? SandboxStore.openInMemory(config.clock())
            : SandboxStore.openFile(config.dataDir(), config.clock());
    try {
      if (network && !config.allowDemoCredentialsOnNetwork() && holdsDemoCredentials(store)) {
        throw demoCredentialsRefused(
            "the data directory holds the demo API keys from an earlier --seed-demo");
      }
      ChatEventListener listener = config.eventListener();
      if (config.webhookUrl() != null) {
        webhooks =
            WebhookDispatcher.builder()
                .url(URI.create(config.webhookUrl()))
                .faults(config.webhookFaults())
                .sleeper(config.webhookSleeper())
                .clock(config.clock())
                .build();
        listener = listener.andThen(new WebhookNotifier(webhooks));
      }
      market = new MarketSimulator(store);
      stateDump = new StateDump(store, () -> baseUrl);
      if (config.seedDemo()) {
        seededNow = SandboxDemo.seed(store, market);
      }
      // After seeding: demo data stands for chats that existed before, not news to push.
      store.setListener(listener);
      RateLimiter limiter = new RateLimiter(config.rateLimits());
      BodyReader bodies = new BodyReader(config.bodyReadTimeout(), MAX_BODY_READERS);
      ChatsApi chats = new ChatsApi(store, limiter, () -> baseUrl, config.requestHook(), bodies);
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
                // Javalin's route table answers 405 with the methods a path takes.
                cfg.http.prefer405over404 = true;
                cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
                cfg.requestLogger.http(AccessLog::log);
                cfg.jetty.modifyServer(
                    server -> {
                      server.setErrorHandler(new JsonErrorHandler(inFlight::closing));
                      server.insertHandler(
                          new UnreadBodyDrain(
                              MAX_REQUEST_BYTES, config.bodyReadTimeout(), DRAIN_PAUSE));
                      // Connections are bounded; at the bound, the idle ones are closed quickly
                      // so that new clients (and /health) get in.
                      NetworkConnectionLimit limit =
                          new NetworkConnectionLimit(config.maxConnections(), server);
                      limit.setEndPointIdleTimeout(LIMIT_IDLE_TIMEOUT.toMillis());
                      server.addBean(limit);
                    });
                cfg.jetty.addConnector(
                    (server, http) -> {
                      ServerConnector connector =
                          new ServerConnector(server, new HttpConnectionFactory(http));
                      connector.setHost(config.host());
                      connector.setPort(config.port());
                      connector.setIdleTimeout(config.idleTimeout().toMillis());
                      return connector;
                    });
                cfg.jetty.modifyServletContextHandler(
                    handler -> {
                      handler.setErrorHandler(new JsonErrorHandler(inFlight::closing));
                      handler.addFilter(
                          new FilterHolder(inFlight), "/*", EnumSet.of(DispatcherType.REQUEST));
                    });
                routes(cfg.routes, chats, admin);
              });
      app.start();
      String host =
          config.host().equals("0.0.0.0") || config.host().equals("::")
              ? "127.0.0.1"
              : config.host();
      baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
      LOG.info("ymchat sandbox listening on {}", baseUrl);
      if (config.closeOnShutdown()) {
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
    if (config.faults().isActive()) {
      // Before the API's own handlers, on API paths only: the admin surface and health stay
      // reliable.
      faults = new FaultInjector(config.faults());
      faults.install(
          routes,
          path -> path.startsWith("/v2/businesses/") || path.startsWith("/businesses/"),
          (ctx, kind) -> count(ctx.req(), 0));
    }
    chats.register(routes);
    admin.register(routes);
    ErrorMapping.install(routes, inFlight::closing);
    // After-handlers run once the status is final and before Javalin writes the answer, so a
    // client that has its answer finds its call counted.
    routes.after(
        ctx -> {
          if (ctx.attribute(FaultInjector.ATTR_FAULT) == null) {
            count(ctx.req(), ctx.statusCode());
          }
        });
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
            + config.host()
            + ", an address other machines can reach: "
            + why
            + ", and their values are public, so anyone who can reach this port could read and"
            + " write the chats. Listen on 127.0.0.1 (the default); or leave out --seed-demo, set"
            + " your own --admin-token and use a data directory without demo data; or, if the"
            + " network is yours alone, pass --allow-demo-credentials-on-network"
            + " (SandboxServer.builder().allowDemoCredentialsOnNetwork(true))");
  }

  /** Counts an API call once its outcome is known and before its answer is written. */
  private void count(HttpServletRequest request, int status) {
    ApiRoutes.classify(request.getMethod(), request.getRequestURI())
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
    return Optional.ofNullable(config.webhookUrl());
  }

  /**
   * The configured rate limits.
   *
   * @return the limits
   */
  public SandboxRateLimits rateLimits() {
    return config.rateLimits();
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
    boolean demoOnNetwork =
        config.allowDemoCredentialsOnNetwork()
            && !config.onLoopback()
            && (config.seedDemo()
                || SandboxDemo.ADMIN_TOKEN.equals(adminToken)
                || holdsDemoCredentials(store));
    return new Banner(config, adminToken, baseUrl, webhooks, store).text(demoOnNetwork, seededNow);
  }

  private void requireStarted() {
    if (!started || app == null) {
      throw new IllegalStateException("The sandbox is not started; call start() first");
    }
  }

  /**
   * Stops gracefully: refuses new requests (503), waits for the ones in flight (up to the shutdown
   * timeout), stops the HTTP server and closes the database. Idempotent. Unless configured
   * otherwise ({@link SandboxConfig.Builder#closeOnShutdown(boolean)}), it also runs when the JVM
   * shuts down (SIGTERM, Ctrl-C), in place of H2's own hook, which would close the database under
   * requests still in flight.
   */
  @Override
  public synchronized void close() {
    if (closed || !started) {
      closed = true;
      return;
    }
    closed = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmShuttingDown) {
        // The hook runs (or ran) anyway; this close does the work and the hook's returns at once.
      }
    }
    int left = inFlight.closeAndAwait(config.shutdownTimeout());
    if (left > 0) {
      LOG.warn(
          "{} request(s) still in flight after {}; stopping anyway",
          left,
          config.shutdownTimeout());
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
}
