package dev.ymchat.sync;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.sync.events.SyncEventListener;
import dev.ymchat.sync.store.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The settings of a {@link ChatSync} with their defaults and checks; {@link ChatSync.Builder} is
 * the public face of this class (its setters return the builder itself).
 *
 * @param <B> the builder type the setters return
 */
abstract class ChatSyncOptions<B extends ChatSyncOptions<B>> {
  String url = ChatSync.DEFAULT_DATABASE;
  String user;
  String password;
  DataSource dataSource;
  Dialect dialect;
  final Map<Long, ChatsClient> clients = new LinkedHashMap<>();
  String webhookHost = "127.0.0.1";
  int webhookPort = -1;
  Clock clock = Clock.systemUTC();
  String workerId;
  int readers = 2;
  int senders = 2;
  int maxInFlight = 4;
  Duration lease = Duration.ofSeconds(60);
  Duration sweepInterval = Duration.ofMinutes(5);
  Duration pollInterval = Duration.ofMillis(250);
  Duration retryBackoff = Duration.ofSeconds(2);
  Duration maxBackoff = Duration.ofMinutes(5);
  Duration drainTimeout = Duration.ofSeconds(30);
  int maxAttempts = 5;
  long fileSizeCap = 5L * 1024 * 1024;
  boolean ingest = true;
  boolean deliver = true;
  Object meterRegistry;
  final List<SyncEventListener> listeners = new ArrayList<>();

  /**
   * Sets the database by JDBC URL (default {@value ChatSync#DEFAULT_DATABASE}).
   *
   * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}
   * @return this builder
   * @throws IllegalArgumentException for another database
   */
  public final B database(String jdbcUrl) {
    Dialect.of(jdbcUrl);
    this.url = jdbcUrl;
    this.dataSource = null;
    return self();
  }

  /**
   * Sets the database by JDBC URL with a user and password.
   *
   * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}
   * @param user the user
   * @param password the password; never logged
   * @return this builder
   */
  public final B database(String jdbcUrl, String user, String password) {
    database(jdbcUrl);
    this.user = user;
    this.password = password;
    return self();
  }

  /**
   * Uses a data source the caller owns and closes.
   *
   * @param dataSource the data source
   * @param dialect its database
   * @return this builder
   */
  public final B dataSource(DataSource dataSource, Dialect dialect) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    return self();
  }

  /**
   * Adds a business to mirror, with the client that reads and writes its chats. Give the client no
   * rate limiter of its own: the sync plans the calls.
   *
   * @param businessId the business id, at least 1
   * @param client its client
   * @return this builder
   */
  public final B business(long businessId, ChatsClient client) {
    if (businessId < 1) {
      throw new IllegalArgumentException("businessId must be at least 1, got " + businessId);
    }
    clients.put(businessId, Objects.requireNonNull(client, "client"));
    return self();
  }

  /**
   * Serves Market's notifications ({@code POST /notification}) and {@code GET /health}.
   *
   * @param host the address to bind, such as 127.0.0.1 (the default) or 0.0.0.0
   * @param port the port, 0 for any free one
   * @return this builder
   */
  public final B webhook(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("webhook port must be 0 to 65535, got " + port);
    }
    this.webhookHost = Objects.requireNonNull(host, "host");
    this.webhookPort = port;
    return self();
  }

  /**
   * Sets the clock of leases, schedules and event times.
   *
   * @param clock the clock
   * @return this builder
   */
  public final B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * Names this worker (default: process name and a random suffix).
   *
   * @param workerId 1 to 60 characters
   * @return this builder
   */
  public final B workerId(String workerId) {
    if (workerId == null || workerId.isBlank() || workerId.length() > 60) {
      throw new IllegalArgumentException("workerId must be 1 to 60 characters");
    }
    this.workerId = workerId;
    return self();
  }

  /**
   * Sets the threads that read chats (default 2) and that deliver replies (default 2).
   *
   * @param readers 1 to 32
   * @param senders 1 to 32
   * @return this builder
   */
  public final B threads(int readers, int senders) {
    if (readers < 1 || readers > 32 || senders < 1 || senders > 32) {
      throw new IllegalArgumentException("threads must be 1 to 32 each");
    }
    this.readers = readers;
    this.senders = senders;
    return self();
  }

  /**
   * Sets the most API calls in flight per business in this process (default 4, the API's cap). With
   * several processes on one database, split the 4 between them.
   *
   * @param maxInFlight 1 to 4
   * @return this builder
   */
  public final B maxInFlightPerBusiness(int maxInFlight) {
    if (maxInFlight < 1 || maxInFlight > 4) {
      throw new IllegalArgumentException("maxInFlightPerBusiness must be 1 to 4");
    }
    this.maxInFlight = maxInFlight;
    return self();
  }

  /**
   * Sets how long a claim lasts without renewal (default 60 s); a killed worker's work waits this
   * long. Keep it well above the client's request timeout.
   *
   * @param lease at least 1 s
   * @return this builder
   */
  public final B lease(Duration lease) {
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least 1 s");
    }
    this.lease = lease;
    return self();
  }

  /**
   * Sets the time between two reconcile sweeps of a business (default 5 min; longer when the budget
   * runs low).
   *
   * @param interval at least 100 ms
   * @return this builder
   */
  public final B sweepInterval(Duration interval) {
    if (interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("sweepInterval must be at least 100 ms");
    }
    this.sweepInterval = interval;
    return self();
  }

  /**
   * Sets how often idle workers look for work that other processes made (default 250 ms); work made
   * in this process wakes them at once.
   *
   * @param interval at least 10 ms
   * @return this builder
   */
  public final B pollInterval(Duration interval) {
    if (interval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException("pollInterval must be at least 10 ms");
    }
    this.pollInterval = interval;
    return self();
  }

  /**
   * Sets the wait after a failed attempt (doubling each time) and its cap (defaults 2 s, 5 min).
   *
   * @param first the first wait
   * @param max the longest wait
   * @return this builder
   */
  public final B retryBackoff(Duration first, Duration max) {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("retryBackoff needs 0 <= first <= max");
    }
    this.retryBackoff = first;
    this.maxBackoff = max;
    return self();
  }

  /**
   * Sets the attempts after which a reply is BLOCKED (default 5).
   *
   * @param maxAttempts 1 to 100
   * @return this builder
   */
  public final B maxAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts must be 1 to 100");
    }
    this.maxAttempts = maxAttempts;
    return self();
  }

  /**
   * Sets the largest file {@link ChatSync#download} keeps (default 5 MB).
   *
   * @param bytes at least 1
   * @return this builder
   */
  public final B fileSizeCap(long bytes) {
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("fileSizeCap must be 1 byte to 2 GB");
    }
    this.fileSizeCap = bytes;
    return self();
  }

  /**
   * Sets how long {@link ChatSync#close()} lets work in progress finish (default 30 s).
   *
   * @param timeout the timeout
   * @return this builder
   */
  public final B drainTimeout(Duration timeout) {
    this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /**
   * Chooses what this process does: mirror (reads, sweeps, notifications) and deliver replies; both
   * by default.
   *
   * @param ingest whether to mirror
   * @param deliver whether to deliver replies
   * @return this builder
   */
  public final B roles(boolean ingest, boolean deliver) {
    this.ingest = ingest;
    this.deliver = deliver;
    return self();
  }

  /**
   * Adds a listener for the events committed while the sync runs.
   *
   * @param listener the listener
   * @return this builder
   */
  public final B listener(SyncEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * Publishes metrics to a Micrometer registry; Micrometer must be on the class path.
   *
   * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}
   * @return this builder
   */
  public final B metrics(Object meterRegistry) {
    this.meterRegistry = meterRegistry;
    return self();
  }

  int poolSize() {
    return Math.max(4, readers + senders + 4);
  }

  /** Checks the settings together, before a sync is built. */
  void validate() {
    if (clients.isEmpty()) {
      throw new IllegalStateException(
          "Add at least one business with business(id, client) before build()");
    }
    if (lease.compareTo(pollInterval.multipliedBy(4)) < 0) {
      throw new IllegalStateException("lease must be at least 4 poll intervals");
    }
    Metrics.create(meterRegistry);
  }

  abstract B self();
}
