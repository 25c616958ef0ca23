package dev.ymchat.inbox;

import dev.ymchat.sync.ChatSync;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' web inbox on a running {@link ChatSync}: it reads the mirror and its events and
 * writes only through the outbox.
 */
public final class Inbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final Builder config;
  private Projector projector;
  private LiveHub hub;
  private Javalin app;
  private ScheduledExecutorService waker;
  private Operators operators;

  private Inbox(Builder config) {
    this.config = config;
  }

  /**
   * Starts building an inbox.
   *
   * @param sync the started sync whose mirror it shows
   * @return the builder
   */
  public static Builder builder(ChatSync sync) {
    return new Builder(sync);
  }

  /**
   * Migrates the inbox's tables, catches up with the events and starts serving.
   *
   * @return this inbox
   * @throws IllegalStateException when the tables cannot be migrated or the port is taken
   */
  public synchronized Inbox start() {
    ChatSync sync = config.sync;
    Schema.migrate(sync.dataSource());
    operators = new Operators(sync.jdbi(), config.clock);
    hub = new LiveHub(config.maxSubscribers, config.heartbeat.toMillis());
    projector = new Projector(sync.jdbi(), config.clock, hub::changed);
    while (projector.catchUp() > 0) {
      // the backlog first, so the first page shows every chat of the mirror
    }
    projector.start();
    sync.addListener(e -> projector.signal());
    WebApp web =
        new WebApp(
            sync,
            config.clock,
            operators,
            new Sessions(sync.jdbi(), config.clock, config.sessionLifetime),
            new LoginThrottle(config.clock, Duration.ofMinutes(15), 5, 30),
            hub,
            config.secureCookies);
    waker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ymchat-inbox-snooze");
              t.setDaemon(true);
              return t;
            });
    waker.scheduleWithFixedDelay(
        () -> {
          try {
            for (long[] c : web.queue().wake()) {
              hub.listChanged(c[0], c[1]);
            }
          } catch (RuntimeException e) {
            LOG.warn("waking snoozed chats failed: {}", e.toString());
          }
        },
        config.wakeEvery.toMillis(),
        config.wakeEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      app = web.create(config.host, config.port).start();
    } catch (RuntimeException e) {
      close();
      throw new IllegalStateException(
          "the inbox could not listen on "
              + config.host
              + ":"
              + config.port
              + ": "
              + e.getMessage());
    }
    return this;
  }

  /**
   * Returns the port it listens on.
   *
   * @return the port
   */
  public int port() {
    return app.port();
  }

  /**
   * Returns the address of its start page.
   *
   * @return for example http://127.0.0.1:8090/
   */
  public String url() {
    String host = config.host.equals("0.0.0.0") ? "127.0.0.1" : config.host;
    return "http://" + host + ":" + port() + "/";
  }

  /**
   * Returns the operator accounts.
   *
   * @return the accounts
   */
  public Operators operators() {
    return operators;
  }

  /**
   * Returns how many live pages are connected.
   *
   * @return the number of event streams open
   */
  public int liveSubscribers() {
    return hub.size();
  }

  /** Stops serving, closes the live streams and the projection; the sync stays up. */
  @Override
  public synchronized void close() {
    if (waker != null) {
      waker.shutdownNow();
    }
    // the live streams end first, while the server can still finish their requests
    if (hub != null) {
      hub.close();
    }
    if (app != null) {
      app.stop();
      app = null;
    }
    if (projector != null) {
      projector.close();
    }
  }

  @Override
  public String toString() {
    return "Inbox[" + config.host + ":" + (app == null ? config.port : app.port()) + "]";
  }

  /** Settings of an inbox. */
  public static final class Builder {
    private final ChatSync sync;
    private String host = "127.0.0.1";
    private int port = 8090;
    private Clock clock = Clock.systemUTC();
    private boolean secureCookies;
    private Duration sessionLifetime = Duration.ofHours(12);
    private Duration heartbeat = Duration.ofSeconds(15);
    private Duration wakeEvery = Duration.ofSeconds(5);
    private int maxSubscribers = 500;

    private Builder(ChatSync sync) {
      this.sync = Objects.requireNonNull(sync, "sync");
    }

    /**
     * Sets the address and port (0 for any free port).
     *
     * @param host the address, 127.0.0.1 by default
     * @param port the port, 8090 by default
     * @return this builder
     */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /**
     * Sets the clock of sessions, snoozes and response clocks.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Marks the cookies Secure (when the inbox is served over HTTPS, through a proxy).
     *
     * @param secure whether the cookies are sent over HTTPS only
     * @return this builder
     */
    public Builder secureCookies(boolean secure) {
      this.secureCookies = secure;
      return this;
    }

    /**
     * Sets how long a session lasts after sign-in.
     *
     * @param lifetime the lifetime, 12 hours by default
     * @return this builder
     */
    public Builder sessionLifetime(Duration lifetime) {
      this.sessionLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * Sets how often idle live streams get a heartbeat and snoozes are checked.
     *
     * @param heartbeat the heartbeat, 15 s by default
     * @param wakeEvery the snooze check, 5 s by default
     * @return this builder
     */
    public Builder intervals(Duration heartbeat, Duration wakeEvery) {
      this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      this.wakeEvery = Objects.requireNonNull(wakeEvery, "wakeEvery");
      return this;
    }

    /**
     * Sets how many live pages may be connected at once.
     *
     * @param max the bound, 500 by default
     * @return this builder
     */
    public Builder maxLiveSubscribers(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxLiveSubscribers must be at least 1, got " + max);
      }
      this.maxSubscribers = max;
      return this;
    }

    /**
     * Builds the inbox; {@link Inbox#start()} serves it.
     *
     * @return the inbox
     */
    public Inbox build() {
      return new Inbox(this);
    }
  }
}
