package dev.ymchat.sync;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.SyncEvent;
import dev.ymchat.sync.events.SyncEventListener;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.planner.Budget;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.store.MirrorReads;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

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

  /** The default database: an H2 file under the working directory. */
  public static final String DEFAULT_DATABASE = "jdbc:h2:file:./ymchat-sync-data/mirror";

  private final Builder settings;
  private final String workerId;
  private final Metrics metrics;
  private final List<SyncEventListener> listeners;
  private final Object lifecycle = new Object();

  private SyncEngine engine;
  private FileDownloads files;
  private boolean started;
  private boolean closed;

  private ChatSync(Builder b) {
    this.settings = b;
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
      SyncEngine opened = new SyncEngine(settings, workerId, metrics, listeners);
      try {
        for (long business : opened.clients.keySet()) {
          metrics.outboxGauges(business, () -> statusOf(opened, business));
        }
        opened.start(() -> healthJson(opened).getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        opened.stop();
        closed = true;
        throw e;
      }
      engine = opened;
      files = new FileDownloads(opened.database, opened.clock, settings.fileSizeCap);
      return this;
    }
  }

  /**
   * Returns the outbox, to queue replies and to retry, edit or cancel them.
   *
   * @return the outbox
   * @throws IllegalStateException before {@link #start()}
   */
  public Outbox outbox() {
    requireStarted();
    return engine.outbox;
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
    return engine.database.jdbi();
  }

  /**
   * Returns the sync's pool.
   *
   * @return the data source
   * @throws IllegalStateException before {@link #start()}
   */
  public DataSource dataSource() {
    requireStarted();
    return engine.database.dataSource();
  }

  /**
   * Returns the database's dialect.
   *
   * @return H2 or PostgreSQL
   * @throws IllegalStateException before {@link #start()}
   */
  public Dialect dialect() {
    requireStarted();
    return engine.database.dialect();
  }

  /**
   * Returns the chats of a business as mirrored.
   *
   * @param businessId the business
   * @return the chats by id
   */
  public List<dev.ymchat.client.model.Chat> chats(long businessId) {
    requireStarted();
    return engine.database.withHandle(h -> MirrorReads.chats(h, businessId));
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
    return engine.database.withHandle(h -> MirrorReads.chat(h, businessId, chatId));
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
    return engine.database.withHandle(h -> MirrorReads.messages(h, businessId, chatId));
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
    return engine.database.withHandle(h -> EventLog.read(h, afterSeq, limit));
  }

  /**
   * Adds a listener that gets every event committed from now on, in order.
   *
   * @param listener the listener
   */
  public void addListener(SyncEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (lifecycle) {
      listeners.add(listener);
      if (engine != null) {
        engine.startEventThread();
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
    engine.database.inTransaction(
        h ->
            h.createUpdate("UPDATE businesses SET next_pass_at = :now WHERE business_id = :b")
                .bind("now", Times.db(engine.clock.instant()))
                .bind("b", businessId)
                .execute());
    engine.wakeReaders();
  }

  /**
   * Returns the health of every business of the mirror.
   *
   * @return the status
   */
  public SyncStatus status() {
    requireStarted();
    return status(engine);
  }

  private static SyncStatus status(SyncEngine engine) {
    Map<Long, Map<String, Budget>> live = new LinkedHashMap<>();
    for (long business : engine.clients.keySet()) {
      live.put(business, engine.planner.budgets(business));
    }
    return SyncStatus.read(engine.database, engine.clock, live);
  }

  private static BusinessStatus statusOf(SyncEngine engine, long business) {
    return status(engine).businesses().stream()
        .filter(b -> b.businessId() == business)
        .findFirst()
        .orElseThrow();
  }

  private static String healthJson(SyncEngine engine) {
    return status(engine).toJson();
  }

  /**
   * Returns the calls this process made per business and operation, by operation id.
   *
   * @param businessId the business
   * @return the counts
   */
  public Map<String, Integer> apiCalls(long businessId) {
    requireStarted();
    return new LinkedHashMap<>(engine.planner.calls(businessId));
  }

  /**
   * Returns the port of the notification endpoint.
   *
   * @return the port
   * @throws IllegalStateException when the sync runs without one
   */
  public int webhookPort() {
    requireStarted();
    if (engine.endpoint() == null) {
      throw new IllegalStateException("This sync runs without a webhook endpoint");
    }
    return engine.endpoint().port();
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
    ChatsClient client = engine.clients.get(businessId);
    if (client == null) {
      throw new IllegalArgumentException("business " + businessId + " is not served by this sync");
    }
    return files.download(client, businessId, chatId, messageId, fileIndex);
  }

  private void requireStarted() {
    if (engine == null) {
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
      if (!closed && engine != null) {
        engine.stop();
      }
      closed = true;
    }
  }

  @Override
  public String toString() {
    return "ChatSync{worker=" + workerId + ", businesses=" + settings.clients.keySet() + "}";
  }

  /** Builds a {@link ChatSync}; the settings and their defaults are described on each setter. */
  public static final class Builder extends ChatSyncOptions<Builder> {

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the sync; {@link ChatSync#start()} starts it.
     *
     * @return the sync
     * @throws IllegalStateException when no business was added
     */
    public ChatSync build() {
      validate();
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
