package dev.ymchat.sandbox;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.Sleeper;
import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.market.WebhookDispatcher;
import dev.ymchat.sandbox.market.WebhookFaults;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * How a {@link SandboxServer} is set up; made by {@link SandboxServer#builder()}, whose setters
 * check each value.
 *
 * @param port the port, 0 for a free one
 * @param host the address to bind
 * @param dataDir where the H2 files live (unused when {@code inMemory})
 * @param inMemory whether the state is kept in memory only
 * @param seedDemo whether the demo data is created
 * @param webhookUrl where push notifications go, or null for none
 * @param rateLimits the rate limits
 * @param adminToken the admin surface's token, or null for the default
 * @param eventListener who hears about chat events
 * @param clock the clock for timestamps
 * @param requestHook the test hook run inside a request's parallel slot, or null
 * @param shutdownTimeout how long closing waits for requests in flight
 * @param faults the fault injection on the API paths
 * @param webhookFaults how push notifications misbehave
 * @param webhookSleeper what waits out the webhooks' retry backoffs and duplicate delays
 * @param bodyReadTimeout how long a request body may take to arrive
 * @param idleTimeout how long a connection may stay silent
 * @param maxConnections the most connections open at once
 * @param closeOnShutdown whether closing runs when the JVM shuts down
 * @param allowDemoCredentialsOnNetwork whether demo credentials may be served off loopback
 * @param loopback which hosts count as loopback
 */
public record SandboxConfig(
    int port,
    String host,
    Path dataDir,
    boolean inMemory,
    boolean seedDemo,
    String webhookUrl,
    SandboxRateLimits rateLimits,
    String adminToken,
    ChatEventListener eventListener,
    Clock clock,
    BiConsumer<Long, ApiOperation> requestHook,
    Duration shutdownTimeout,
    FaultConfig faults,
    WebhookFaults webhookFaults,
    Sleeper webhookSleeper,
    Duration bodyReadTimeout,
    Duration idleTimeout,
    int maxConnections,
    boolean closeOnShutdown,
    boolean allowDemoCredentialsOnNetwork,
    Predicate<String> loopback) {

  /**
   * Whether the host to bind counts as loopback for this configuration.
   *
   * @return true for a loopback address
   */
  public boolean onLoopback() {
    return loopback.test(host);
  }

  /** Whether the address to bind is a loopback one (a name is resolved; unknown counts as not). */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    // The admin token is a secret, and a webhook URL's query may hold the seller's.
    return "SandboxConfig[host="
        + host
        + ", port="
        + port
        + ", data="
        + (inMemory ? "memory" : dataDir)
        + ", seedDemo="
        + seedDemo
        + ", webhook="
        + (webhookUrl == null ? "none" : WebhookDispatcher.safeUrl(URI.create(webhookUrl)))
        + ", faults="
        + (faults.isActive() ? faults.toSpec() : "none")
        + "]";
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
    private Sleeper webhookSleeper = Sleeper.system();
    private Duration bodyReadTimeout = Duration.ofSeconds(20);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 1000;
    private boolean closeOnShutdown = true;
    private boolean allowDemoCredentialsOnNetwork;
    private Predicate<String> loopback = SandboxConfig::isLoopback;

    Builder() {}

    /** Tests only: which hosts count as loopback, so the network case is tried on 127.0.0.1. */
    Builder loopbackCheck(Predicate<String> loopback) {
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
     * What waits out the webhooks' retry backoffs and the duplicates' delays (default: {@link
     * Sleeper#system()}, real time); tests inject one whose time they advance by hand. The
     * webhooks' delivery records take their timestamps from {@link #clock(Clock)}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder webhookSleeper(Sleeper sleeper) {
      this.webhookSleeper = Objects.requireNonNull(sleeper, "sleeper");
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
      return new SandboxServer(config());
    }

    /**
     * The configuration as set so far.
     *
     * @return the configuration record
     */
    public SandboxConfig config() {
      return new SandboxConfig(
          port,
          host,
          dataDir,
          inMemory,
          seedDemo,
          webhookUrl,
          rateLimits,
          adminToken,
          eventListener,
          clock,
          requestHook,
          shutdownTimeout,
          faults,
          webhookFaults,
          webhookSleeper,
          bodyReadTimeout,
          idleTimeout,
          maxConnections,
          closeOnShutdown,
          allowDemoCredentialsOnNetwork,
          loopback);
    }
  }
}
