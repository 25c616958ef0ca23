package dev.ymchat.sync;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.SyncEvent;
import dev.ymchat.sync.events.SyncEventListener;
import dev.ymchat.sync.ingest.ChatReader;
import dev.ymchat.sync.ingest.ListingPass;
import dev.ymchat.sync.ingest.PushEndpoint;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.outbox.OutboxWorker;
import dev.ymchat.sync.planner.Budget;
import dev.ymchat.sync.planner.QuotaPlanner;
import dev.ymchat.sync.store.Claims;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.store.Times;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every business's chats mirrored in a database and sends every reply of its outbox exactly
 * once, in order within each chat.
 *
 * <pre>{@code
 * try (ChatSync sync = ChatSync.builder()
 *         .database("jdbc:h2:file:./mirror")                 // or jdbc:postgresql://...
 *         .business(12345678L, ChatsClient.fromEnv())
 *         .webhook("127.0.0.1", 8181)                        // Market's notifications
 *         .build()
 *         .start()) {
 *   long reply = sync.outbox().send(12345678L, chatId, "Здравствуйте!");
 * }
 * }</pre>
 *
 * <p>Several processes may share one PostgreSQL database: they share the work through claims with
 * leases. On H2 the same code runs with several threads in one process.
 */
public final class ChatSync implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSync.class);

  /** The default database: an H2 file under the working directory. */
  public static final String DEFAULT_DATABASE = "jdbc:h2:file:./ymchat-sync-data/mirror";

  private final Builder settings;
  private final Map<Long, ChatsClient> clients;
  private final Clock clock;
  private final String workerId;
  private final Metrics metrics;
  private final Signal readSignal = new Signal();
  private final Signal sendSignal = new Signal();
  private final Signal eventSignal = new Signal();
  private final List<SyncEventListener> listeners;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final Object lifecycle = new Object();

  private Database database;
  private QuotaPlanner planner;
  private Claims claims;
  private Mirror mirror;
  private Outbox outbox;
  private PushEndpoint endpoint;
  private boolean started;
  private boolean closed;

  private ChatSync(Builder b) {
    this.settings = b;
    this.clients = Map.copyOf(b.clients);
    this.clock = b.clock;
    this.workerId = b.workerId != null ? b.workerId : defaultWorkerId();
    this.metrics = Metrics.create(b.meterRegistry);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
  }

  private static String defaultWorkerId() {
    String host = ManagementFactory.getRuntimeMXBean().getName();
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Starts building a sync.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the database (migrating it), registers the businesses and starts the workers and the
   * notification endpoint.
   *
   * @return this sync, running
   * @throws IllegalStateException when it was started before or the database cannot be opened
   * @throws UncheckedIOException when the webhook port cannot be bound
   */
  public ChatSync start() {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException("This ChatSync was started already; build a new one");
      }
      started = true;
      try {
        startInside();
      } catch (RuntimeException e) {
        closed = false;
        close();
        throw e;
      }
      return this;
    }
  }

  private void startInside() {
    {
      database =
          settings.dataSource != null
              ? Database.of(settings.dataSource, settings.dialect)
              : Database.open(settings.url, settings.user, settings.password, settings.poolSize());
      mirror = new Mirror(database.dialect());
      planner = new QuotaPlanner(clock, settings.maxInFlight);
      claims = new Claims(database, workerId, clock);
      outbox = new Outbox(database, clock, sendSignal::signal);
      Instant now = clock.instant();
      database.inTransaction(
          h -> {
            for (long business : clients.keySet()) {
              mirror.ensureBusiness(h, business, now);
            }
            h.createUpdate(
                    database
                        .dialect()
                        .upsert(
                            "workers",
                            new String[] {"worker_id"},
                            new String[] {"started_at", "heartbeat_at"}))
                .bind("worker_id", workerId)
                .bind("started_at", Times.db(now))
                .bind("heartbeat_at", Times.db(now))
                .execute();
            return null;
          });
      running.set(true);
      for (long business : clients.keySet()) {
        metrics.gauge(
            "ymchat.sync.outbox.depth." + business, this, s -> s.statusOf(business).outboxDepth());
        metrics.gauge(
            "ymchat.sync.outbox.blocked." + business,
            this,
            s -> s.statusOf(business).blockedReplies());
      }
      if (settings.ingest) {
        ChatReader reader =
            new ChatReader(
                database,
                mirror,
                claims,
                planner,
                clients,
                clock,
                settings.lease,
                settings.retryBackoff,
                metrics::messagesIngested);
        ListingPass pass =
            new ListingPass(
                database,
                mirror,
                claims,
                planner,
                clients,
                clock,
                settings.lease,
                settings.sweepInterval);
        for (int i = 0; i < settings.readers; i++) {
          loop("read-" + (i + 1), readSignal, () -> woke(reader.readNext(1) > 0));
        }
        loop("pass", readSignal, () -> woke(pass.runNext()));
        if (settings.webhookPort >= 0) {
          try {
            endpoint =
                new PushEndpoint(
                    settings.webhookHost,
                    settings.webhookPort,
                    database,
                    mirror,
                    clients.keySet(),
                    clock,
                    readSignal::signal,
                    () -> healthJson().getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot listen for notifications on "
                    + settings.webhookHost
                    + ":"
                    + settings.webhookPort
                    + ": "
                    + e.getMessage()
                    + "; choose another port with webhook(host, port)",
                e);
          }
        }
      }
      if (settings.deliver) {
        OutboxWorker worker =
            new OutboxWorker(
                database,
                mirror,
                claims,
                planner,
                clients,
                clock,
                new OutboxWorker.Settings(
                    settings.maxAttempts,
                    settings.lease,
                    settings.retryBackoff,
                    settings.maxBackoff));
        for (int i = 0; i < settings.senders; i++) {
          loop("send-" + (i + 1), sendSignal, worker::deliverNext);
        }
      }
      if (!listeners.isEmpty()) {
        startEventThread();
      }
      loop(
          "heartbeat",
          new Signal(),
          () -> {
            heartbeat();
            return false;
          });
    }
  }

  /**
   * Wakes the event thread after a step that may have committed events, so listeners hear of a
   * pushed message at once instead of after the next poll interval.
   */
  private boolean woke(boolean didWork) {
    if (didWork) {
      eventSignal.signal();
    }
    return didWork;
  }

  /** A unit of work of a worker thread: true when it did something (look for more at once). */
  @FunctionalInterface
  private interface Step {
    boolean run() throws Exception;
  }

  private void loop(String name, Signal signal, Step step) {
    Thread t =
        new Thread(
            () -> {
              Duration idle =
                  name.equals("heartbeat") ? Duration.ofSeconds(1) : settings.pollInterval;
              int failures = 0;
              while (running.get()) {
                try {
                  if (!step.run()) {
                    signal.await(idle);
                  }
                  failures = 0;
                } catch (InterruptedException e) {
                  if (!running.get()) {
                    return;
                  }
                } catch (Exception e) {
                  failures++;
                  LOG.warn("Sync worker {} failed (will go on): {}", name, e.toString());
                  try {
                    signal.await(Duration.ofMillis(Math.min(5000, 100L << Math.min(failures, 6))));
                  } catch (InterruptedException interrupted) {
                    return;
                  }
                }
              }
            },
            "ymchat-sync-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void startEventThread() {
    long[] cursor = {database.withHandle(EventLog::lastSeq)};
    loop(
        "events",
        eventSignal,
        () -> {
          List<SyncEvent> batch = database.withHandle(h -> EventLog.read(h, cursor[0], 500));
          for (SyncEvent event : batch) {
            for (SyncEventListener listener : listeners) {
              try {
                listener.onEvent(event);
              } catch (RuntimeException e) {
                LOG.warn("Event listener failed on event {}: {}", event.seq(), e.toString());
              }
            }
            cursor[0] = event.seq();
          }
          return !batch.isEmpty();
        });
  }

  private void heartbeat() {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          h.createUpdate("UPDATE workers SET heartbeat_at = :now WHERE worker_id = :id")
              .bind("now", Times.db(now))
              .bind("id", workerId)
              .execute();
          String upsert =
              database
                  .dialect()
                  .upsert(
                      "quota",
                      new String[] {"business_id", "op_name"},
                      new String[] {
                        "quota_limit", "remaining", "resets_at", "blocked_until", "observed_at"
                      });
          for (long business : clients.keySet()) {
            for (Budget b : planner.budgets(business).values()) {
              h.createUpdate(upsert)
                  .bind("business_id", business)
                  .bind("op_name", b.operation())
                  .bind("quota_limit", b.limit())
                  .bind("remaining", b.remaining())
                  .bind("resets_at", Times.db(b.resetsAt()))
                  .bind("blocked_until", Times.db(b.blockedUntil()))
                  .bind("observed_at", Times.db(b.observedAt()))
                  .execute();
            }
          }
          return null;
        });
    eventSignal.signal();
  }

  /**
   * Returns the outbox, to queue replies and to retry, edit or cancel them.
   *
   * @return the outbox
   * @throws IllegalStateException before {@link #start()}
   */
  public Outbox outbox() {
    requireStarted();
    return outbox;
  }

  /**
   * Returns Jdbi over the sync's pool, to read the mirror's tables or queue replies in one's own
   * transaction.
   *
   * @return the Jdbi instance
   * @throws IllegalStateException before {@link #start()}
   */
  public Jdbi jdbi() {
    requireStarted();
    return database.jdbi();
  }

  /**
   * Returns the sync's pool.
   *
   * @return the data source
   * @throws IllegalStateException before {@link #start()}
   */
  public DataSource dataSource() {
    requireStarted();
    return database.dataSource();
  }

  /**
   * Returns the database's dialect.
   *
   * @return H2 or PostgreSQL
   * @throws IllegalStateException before {@link #start()}
   */
  public Dialect dialect() {
    requireStarted();
    return database.dialect();
  }

  /**
   * Returns the chats of a business as mirrored.
   *
   * @param businessId the business
   * @return the chats by id
   */
  public List<dev.ymchat.client.model.Chat> chats(long businessId) {
    requireStarted();
    return database.withHandle(h -> mirror.chats(h, businessId));
  }

  /**
   * Returns a chat as mirrored.
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the chat, or empty when the mirror does not have it
   */
  public Optional<dev.ymchat.client.model.Chat> chat(long businessId, long chatId) {
    requireStarted();
    return database.withHandle(h -> mirror.chat(h, businessId, chatId));
  }

  /**
   * Returns the messages of a chat as mirrored, oldest first.
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the messages
   */
  public List<ChatMessage> messages(long businessId, long chatId) {
    requireStarted();
    return database.withHandle(h -> mirror.messages(h, businessId, chatId));
  }

  /**
   * Reads events after a position, oldest first.
   *
   * @param afterSeq the last position already read; 0 for the start
   * @param limit the most events, 1 to 10 000
   * @return the events
   */
  public List<SyncEvent> events(long afterSeq, int limit) {
    requireStarted();
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10000, got " + limit);
    }
    return database.withHandle(h -> EventLog.read(h, afterSeq, limit));
  }

  /**
   * Adds a listener that gets every event committed from now on, in order.
   *
   * @param listener the listener
   */
  public void addListener(SyncEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lifecycle) {
      boolean first = listeners.isEmpty();
      listeners.add(listener);
      if (first && started && running.get()) {
        startEventThread();
      }
    }
  }

  /**
   * Makes a business's next reconcile sweep due now.
   *
   * @param businessId the business
   */
  public void sweepNow(long businessId) {
    requireStarted();
    database.inTransaction(
        h ->
            h.createUpdate("UPDATE businesses SET next_pass_at = :now WHERE business_id = :b")
                .bind("now", Times.db(clock.instant()))
                .bind("b", businessId)
                .execute());
    readSignal.signal();
  }

  /**
   * Returns the health of every business of the mirror.
   *
   * @return the status
   */
  public SyncStatus status() {
    requireStarted();
    Map<Long, Map<String, Budget>> live = new LinkedHashMap<>();
    for (long business : clients.keySet()) {
      live.put(business, planner.budgets(business));
    }
    return SyncStatus.read(database, clock, live);
  }

  private BusinessStatus statusOf(long business) {
    return status().businesses().stream()
        .filter(b -> b.businessId() == business)
        .findFirst()
        .orElseThrow();
  }

  private String healthJson() {
    return status().toJson();
  }

  /**
   * Returns the calls this process made per business and operation, by operation id.
   *
   * @param businessId the business
   * @return the counts
   */
  public Map<String, Integer> apiCalls(long businessId) {
    requireStarted();
    return new LinkedHashMap<>(planner.calls(businessId));
  }

  /**
   * Returns the port of the notification endpoint.
   *
   * @return the port
   * @throws IllegalStateException when the sync runs without one
   */
  public int webhookPort() {
    requireStarted();
    if (endpoint == null) {
      throw new IllegalStateException("This sync runs without a webhook endpoint");
    }
    return endpoint.port();
  }

  /**
   * Returns this worker's id, unique among the processes sharing the database.
   *
   * @return the id
   */
  public String workerId() {
    return workerId;
  }

  /**
   * Downloads a file of a mirrored message, once: the bytes are kept in the mirror. Files over the
   * size cap are refused without being fetched.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param messageId the message
   * @param fileIndex the file's index in the message, from 0
   * @return the bytes
   * @throws java.util.NoSuchElementException when the mirror has no such file
   * @throws IllegalArgumentException when the sync does not serve the business
   * @throws IllegalStateException when the file is over the size cap
   * @throws dev.ymchat.client.error.YmChatException when the download fails
   */
  public byte[] download(long businessId, long chatId, long messageId, int fileIndex) {
    requireStarted();
    if (!clients.containsKey(businessId)) {
      throw new IllegalArgumentException("business " + businessId + " is not served by this sync");
    }
    Optional<byte[]> stored =
        database.withHandle(
            h ->
                h.createQuery(
                        "SELECT content FROM downloaded_files WHERE business_id = :b"
                            + " AND chat_id = :c AND message_id = :m AND file_index = :i")
                    .bind("b", businessId)
                    .bind("c", chatId)
                    .bind("m", messageId)
                    .bind("i", fileIndex)
                    .mapTo(byte[].class)
                    .findOne());
    if (stored.isPresent()) {
      return stored.get();
    }
    MessagePayload file =
        database
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT file_name, file_url, size_bytes FROM message_files"
                                + " WHERE business_id = :b AND chat_id = :c AND message_id = :m"
                                + " AND file_index = :i")
                        .bind("b", businessId)
                        .bind("c", chatId)
                        .bind("m", messageId)
                        .bind("i", fileIndex)
                        .map(
                            (rs, ctx) ->
                                new MessagePayload(
                                    rs.getString("file_name"),
                                    rs.getString("file_url"),
                                    rs.getLong("size_bytes")))
                        .findOne())
            .orElseThrow(
                () ->
                    new java.util.NoSuchElementException(
                        "The mirror has no file "
                            + fileIndex
                            + " in message "
                            + messageId
                            + " of chat "
                            + chatId));
    long cap = settings.fileSizeCap;
    if (file.size() > cap) {
      throw new IllegalStateException(
          "File "
              + file.name()
              + " is "
              + file.size()
              + " bytes, over the sync's cap of "
              + cap
              + " bytes; raise fileSizeCap(...) to keep it");
    }
    byte[] bytes;
    try (InputStream in = clients.get(businessId).openDownload(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Download of " + file.name() + " failed: " + e.getMessage(), e);
    }
    if (bytes.length > cap) {
      throw new IllegalStateException(
          "File " + file.name() + " is over the sync's cap of " + cap + " bytes; not kept");
    }
    Instant now = clock.instant();
    database.inTransaction(
        h ->
            h.createUpdate(
                    database
                        .dialect()
                        .insertIfAbsent(
                            "downloaded_files",
                            new String[] {"business_id", "chat_id", "message_id", "file_index"},
                            new String[] {"content", "size_bytes", "downloaded_at"}))
                .bind("business_id", businessId)
                .bind("chat_id", chatId)
                .bind("message_id", messageId)
                .bind("file_index", fileIndex)
                .bind("content", bytes)
                .bind("size_bytes", (long) bytes.length)
                .bind("downloaded_at", Times.db(now))
                .execute());
    return bytes;
  }

  private void requireStarted() {
    if (!started || database == null) {
      throw new IllegalStateException("Call start() first");
    }
  }

  /**
   * Stops cleanly: no new notifications, the work in progress finishes (up to the drain timeout),
   * claims still held are released for other workers, and the pool closes.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed || !started) {
        closed = true;
        return;
      }
      if (database == null) {
        closed = true;
        return;
      }
      closed = true;
      if (endpoint != null) {
        endpoint.close();
      }
      running.set(false);
      readSignal.signal();
      sendSignal.signal();
      eventSignal.signal();
      long deadline = System.nanoTime() + settings.drainTimeout.toNanos();
      for (Thread t : threads) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try {
          t.join(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      for (Thread t : threads) {
        if (t.isAlive()) {
          t.interrupt();
        }
      }
      for (Thread t : threads) {
        try {
          t.join(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      try {
        if (planner != null) {
          heartbeat();
        }
        int released = claims.releaseAll();
        if (released > 0) {
          LOG.info("Released {} claims on stop", released);
        }
        database.inTransaction(
            h ->
                h.createUpdate("DELETE FROM workers WHERE worker_id = :id")
                    .bind("id", workerId)
                    .execute());
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not release the claims on stop (their leases will run out): {}", e.toString());
      }
      if (endpoint == null && threads.isEmpty()) {
        LOG.debug("Stopped before any worker started");
      }
      database.close();
    }
  }

  @Override
  public String toString() {
    return "ChatSync{worker=" + workerId + ", businesses=" + clients.keySet() + "}";
  }

  /** Wakes a waiting worker thread early. */
  private static final class Signal {
    private boolean pending;

    synchronized void signal() {
      pending = true;
      notifyAll();
    }

    synchronized void await(Duration timeout) throws InterruptedException {
      if (!pending) {
        wait(Math.max(1, timeout.toMillis()));
      }
      pending = false;
    }
  }

  /** Builds a {@link ChatSync}. */
  public static final class Builder {
    private String url = DEFAULT_DATABASE;
    private String user;
    private String password;
    private DataSource dataSource;
    private Dialect dialect;
    private final Map<Long, ChatsClient> clients = new LinkedHashMap<>();
    private String webhookHost = "127.0.0.1";
    private int webhookPort = -1;
    private Clock clock = Clock.systemUTC();
    private String workerId;
    private int readers = 2;
    private int senders = 2;
    private int maxInFlight = 4;
    private Duration lease = Duration.ofSeconds(60);
    private Duration sweepInterval = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration retryBackoff = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 5;
    private long fileSizeCap = 5L * 1024 * 1024;
    private boolean ingest = true;
    private boolean deliver = true;
    private Object meterRegistry;
    private final List<SyncEventListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the database by JDBC URL (default {@value ChatSync#DEFAULT_DATABASE}).
     *
     * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}
     * @return this builder
     * @throws IllegalArgumentException for another database
     */
    public Builder database(String jdbcUrl) {
      Dialect.of(jdbcUrl);
      this.url = jdbcUrl;
      this.dataSource = null;
      return this;
    }

    /**
     * Sets the database by JDBC URL with a user and password.
     *
     * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}
     * @param user the user
     * @param password the password; never logged
     * @return this builder
     */
    public Builder database(String jdbcUrl, String user, String password) {
      database(jdbcUrl);
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * Uses a data source the caller owns and closes.
     *
     * @param dataSource the data source
     * @param dialect its database
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource, Dialect dialect) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Adds a business to mirror, with the client that reads and writes its chats. Give the client
     * no rate limiter of its own: the sync plans the calls.
     *
     * @param businessId the business id, at least 1
     * @param client its client
     * @return this builder
     */
    public Builder business(long businessId, ChatsClient client) {
      if (businessId < 1) {
        throw new IllegalArgumentException("businessId must be at least 1, got " + businessId);
      }
      clients.put(businessId, Objects.requireNonNull(client, "client"));
      return this;
    }

    /**
     * Serves Market's notifications ({@code POST /notification}) and {@code GET /health}.
     *
     * @param host the address to bind, such as 127.0.0.1 (the default) or 0.0.0.0
     * @param port the port, 0 for any free one
     * @return this builder
     */
    public Builder webhook(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("webhook port must be 0 to 65535, got " + port);
      }
      this.webhookHost = Objects.requireNonNull(host, "host");
      this.webhookPort = port;
      return this;
    }

    /**
     * Sets the clock of leases, schedules and event times.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Names this worker (default: process name and a random suffix).
     *
     * @param workerId 1 to 60 characters
     * @return this builder
     */
    public Builder workerId(String workerId) {
      if (workerId == null || workerId.isBlank() || workerId.length() > 60) {
        throw new IllegalArgumentException("workerId must be 1 to 60 characters");
      }
      this.workerId = workerId;
      return this;
    }

    /**
     * Sets the threads that read chats (default 2) and that deliver replies (default 2).
     *
     * @param readers 1 to 32
     * @param senders 1 to 32
     * @return this builder
     */
    public Builder threads(int readers, int senders) {
      if (readers < 1 || readers > 32 || senders < 1 || senders > 32) {
        throw new IllegalArgumentException("threads must be 1 to 32 each");
      }
      this.readers = readers;
      this.senders = senders;
      return this;
    }

    /**
     * Sets the most API calls in flight per business in this process (default 4, the API's cap).
     * With several processes on one database, split the 4 between them.
     *
     * @param maxInFlight 1 to 4
     * @return this builder
     */
    public Builder maxInFlightPerBusiness(int maxInFlight) {
      if (maxInFlight < 1 || maxInFlight > 4) {
        throw new IllegalArgumentException("maxInFlightPerBusiness must be 1 to 4");
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * Sets how long a claim lasts without renewal (default 60 s); a killed worker's work waits this
     * long. Keep it well above the client's request timeout.
     *
     * @param lease at least 1 s
     * @return this builder
     */
    public Builder lease(Duration lease) {
      if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("lease must be at least 1 s");
      }
      this.lease = lease;
      return this;
    }

    /**
     * Sets the time between two reconcile sweeps of a business (default 5 min; longer when the
     * budget runs low).
     *
     * @param interval at least 100 ms
     * @return this builder
     */
    public Builder sweepInterval(Duration interval) {
      if (interval.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("sweepInterval must be at least 100 ms");
      }
      this.sweepInterval = interval;
      return this;
    }

    /**
     * Sets how often idle workers look for work that other processes made (default 250 ms); work
     * made in this process wakes them at once.
     *
     * @param interval at least 10 ms
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      if (interval.compareTo(Duration.ofMillis(10)) < 0) {
        throw new IllegalArgumentException("pollInterval must be at least 10 ms");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Sets the wait after a failed attempt (doubling each time) and its cap (defaults 2 s, 5 min).
     *
     * @param first the first wait
     * @param max the longest wait
     * @return this builder
     */
    public Builder retryBackoff(Duration first, Duration max) {
      if (first.isNegative() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("retryBackoff needs 0 <= first <= max");
      }
      this.retryBackoff = first;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets the attempts after which a reply is BLOCKED (default 5).
     *
     * @param maxAttempts 1 to 100
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 100");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the largest file {@link ChatSync#download} keeps (default 5 MB).
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder fileSizeCap(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("fileSizeCap must be 1 byte to 2 GB");
      }
      this.fileSizeCap = bytes;
      return this;
    }

    /**
     * Sets how long {@link ChatSync#close()} lets work in progress finish (default 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Chooses what this process does: mirror (reads, sweeps, notifications) and deliver replies;
     * both by default.
     *
     * @param ingest whether to mirror
     * @param deliver whether to deliver replies
     * @return this builder
     */
    public Builder roles(boolean ingest, boolean deliver) {
      this.ingest = ingest;
      this.deliver = deliver;
      return this;
    }

    /**
     * Adds a listener for the events committed while the sync runs.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SyncEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Publishes metrics to a Micrometer registry; Micrometer must be on the class path.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}
     * @return this builder
     */
    public Builder metrics(Object meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    int poolSize() {
      return Math.max(4, readers + senders + 4);
    }

    /**
     * Builds the sync; {@link ChatSync#start()} starts it.
     *
     * @return the sync
     * @throws IllegalStateException when no business was added
     */
    public ChatSync build() {
      if (clients.isEmpty()) {
        throw new IllegalStateException(
            "Add at least one business with business(id, client) before build()");
      }
      if (lease.compareTo(pollInterval.multipliedBy(4)) < 0) {
        throw new IllegalStateException("lease must be at least 4 poll intervals");
      }
      Metrics.create(meterRegistry);
      return new ChatSync(this);
    }

    @Override
    public String toString() {
      return "ChatSync.Builder{database="
          + Dialect.redact(url)
          + ", businesses="
          + clients.keySet()
          + "}";
    }
  }
}
