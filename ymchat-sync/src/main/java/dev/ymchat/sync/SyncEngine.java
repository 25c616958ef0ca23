package dev.ymchat.sync;

import dev.ymchat.client.ChatsClient;
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
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Claims;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.worker.WorkerParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a {@link ChatSync}: the database and the components on it, the worker
 * threads with their wake-up signals, the notification endpoint, the heartbeat, and the orderly
 * stop that drains them and releases the claims.
 */
final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  final ChatSyncOptions<?> settings;
  final Map<Long, ChatsClient> clients;
  final Clock clock;
  final String workerId;
  final Database database;
  final QuotaPlanner planner;
  final Claims claims;
  final Mirror mirror;
  final Outbox outbox;
  private final WorkerParts parts;
  private final Metrics metrics;
  private final Signal readSignal = new Signal();
  private final Signal sendSignal = new Signal();
  private final Signal eventSignal = new Signal();
  private final List<SyncEventListener> listeners;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private PushEndpoint endpoint;
  private boolean eventThread;

  /** Opens (and migrates) the database and registers the businesses and this worker. */
  SyncEngine(
      ChatSyncOptions<?> settings,
      String workerId,
      Metrics metrics,
      List<SyncEventListener> listeners) {
    this.settings = settings;
    this.clients = Map.copyOf(settings.clients);
    this.clock = settings.clock;
    this.workerId = workerId;
    this.metrics = metrics;
    this.listeners = listeners;
    this.database =
        settings.dataSource != null
            ? Database.of(settings.dataSource, settings.dialect)
            : Database.open(settings.url, settings.user, settings.password, settings.poolSize());
    this.mirror = new Mirror(database.dialect());
    this.planner = new QuotaPlanner(clock, settings.maxInFlight);
    this.claims = new Claims(database, workerId, clock);
    this.outbox = new Outbox(database, clock, sendSignal::signal);
    this.parts = new WorkerParts(database, mirror, claims, planner, clients, clock);
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
  }

  /** Starts the worker threads and the endpoint; {@code health} answers {@code GET /health}. */
  void start(Supplier<byte[]> health) {
    running.set(true);
    if (settings.ingest) {
      startIngest(health);
    }
    if (settings.deliver) {
      OutboxWorker worker =
          new OutboxWorker(
              parts,
              new OutboxWorker.Settings(
                  settings.maxAttempts, settings.lease, settings.retryBackoff, settings.maxBackoff),
              metrics,
              readSignal::signal);
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

  private void startIngest(Supplier<byte[]> health) {
    ChatReader reader =
        new ChatReader(parts, settings.lease, settings.retryBackoff, metrics::messagesIngested);
    ListingPass pass = new ListingPass(parts, settings.lease, settings.sweepInterval);
    for (int i = 0; i < settings.readers; i++) {
      loop("read-" + (i + 1), readSignal, () -> woke(reader.readNext(1) > 0));
    }
    loop("pass", readSignal, () -> woke(pass.runNext()));
    if (settings.webhookPort < 0) {
      return;
    }
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
              health);
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

  boolean running() {
    return running.get();
  }

  /** Wakes the readers and the sweep at once (after a sweep was made due). */
  void wakeReaders() {
    readSignal.signal();
  }

  PushEndpoint endpoint() {
    return endpoint;
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
    Duration idle = name.equals("heartbeat") ? Duration.ofSeconds(1) : settings.pollInterval;
    Thread t = new Thread(() -> runLoop(name, signal, step, idle), "ymchat-sync-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void runLoop(String name, Signal signal, Step step, Duration idle) {
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
  }

  /** Starts the thread that hands committed events to the listeners, once. */
  void startEventThread() {
    if (eventThread || !running.get()) {
      return;
    }
    eventThread = true;
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
    String upsert =
        database
            .dialect()
            .upsert(
                "quota",
                new String[] {"business_id", "op_name"},
                new String[] {
                  "quota_limit", "remaining", "resets_at", "blocked_until", "observed_at"
                });
    database.inTransaction(
        h -> {
          h.createUpdate("UPDATE workers SET heartbeat_at = :now WHERE worker_id = :id")
              .bind("now", Times.db(now))
              .bind("id", workerId)
              .execute();
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
   * Stops: no new notifications, the threads finish their work (up to the drain timeout), the
   * claims still held are released, and the pool closes.
   */
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    running.set(false);
    readSignal.signal();
    sendSignal.signal();
    eventSignal.signal();
    joinThreads();
    try {
      heartbeat();
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
    database.close();
  }

  private void joinThreads() {
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
}
