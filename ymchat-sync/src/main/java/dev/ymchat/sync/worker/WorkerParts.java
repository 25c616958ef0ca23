package dev.ymchat.sync.worker;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.planner.QuotaPlanner;
import dev.ymchat.sync.store.Claims;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Mirror;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the workers of one process share: the database and the mirror's SQL, the process's claims,
 * its quota planner, the client of each business and the clock.
 *
 * @param database the database
 * @param mirror the mirror's SQL
 * @param claims the claims of this process
 * @param planner the quota planner
 * @param clients the client of each business
 * @param clock the clock
 */
public record WorkerParts(
    Database database,
    Mirror mirror,
    Claims claims,
    QuotaPlanner planner,
    Map<Long, ChatsClient> clients,
    Clock clock) {

  /**
   * Copies the clients.
   *
   * @param database the database
   * @param mirror the mirror's SQL
   * @param claims the claims of this process
   * @param planner the quota planner
   * @param clients the client of each business
   * @param clock the clock
   */
  public WorkerParts {
    clients = Map.copyOf(clients);
  }

  /** Work on the database that records its state changes as events. */
  @FunctionalInterface
  public interface Recorded<T> {
    /**
     * Does the work.
     *
     * @param h the transaction
     * @param now the time of the changes
     * @param events where to add the events of the changes
     * @return the result
     */
    T run(Handle h, Instant now, List<NewEvent> events);
  }

  /**
   * Runs work in one transaction, stamped with the clock's time; the events it adds are appended
   * last in the same transaction, so the changes and their events commit together.
   *
   * @param work the work
   * @param <T> its result type
   * @return its result
   */
  public <T> T recorded(Recorded<T> work) {
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          List<NewEvent> events = new ArrayList<>();
          T result = work.run(h, now, events);
          EventLog.append(h, events, now);
          return result;
        });
  }
}
