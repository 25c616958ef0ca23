package dev.ymchat.inbox;

import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.events.SyncEvent;
import dev.ymchat.sync.sql.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code inbox_chat} from the sync's events. Each touched chat's row is computed again from
 * the mirror (so replaying events changes nothing), and the cursor moves in the same transaction.
 */
final class Projector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
  private static final int BATCH = 500;
  private static final Set<EventType> CHAT_EVENTS =
      EnumSet.of(
          EventType.CHAT_CREATED,
          EventType.STATUS_CHANGED,
          EventType.DISPUTE_OPENED,
          EventType.DISPUTE_FINISHED,
          EventType.CHAT_UPDATED,
          EventType.BUYER_MESSAGE_RECEIVED,
          EventType.MESSAGE_RECEIVED,
          EventType.PARTNER_MESSAGE_MIRRORED);

  /** A chat whose row or replies changed. */
  record Change(long businessId, long chatId, boolean row) {}

  /** Receives the changes of each applied batch, after it committed. */
  interface ChangeListener {
    void changed(List<Change> changes);
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final ChangeListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean signalled;
  private volatile boolean running;
  private Thread thread;

  Projector(Jdbi jdbi, Clock clock, ChangeListener listener) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts the projection thread: it applies events when signalled and at least once a second. */
  void start() {
    running = true;
    thread = new Thread(this::loop, "ymchat-inbox-projector");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks the thread to look for new events now. */
  void signal() {
    lock.lock();
    try {
      signalled = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (running) {
      try {
        while (running && catchUp() == BATCH) {
          // more are waiting
        }
        lock.lock();
        try {
          if (!signalled) {
            wake.await(1, TimeUnit.SECONDS);
          }
          signalled = false;
        } finally {
          lock.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("inbox projection failed, retrying in 1 s: {}", e.toString());
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /**
   * Applies one batch of events.
   *
   * @return how many events it applied
   */
  int catchUp() {
    Set<Change> changes = new LinkedHashSet<>();
    int applied =
        jdbi.inTransaction(
            h -> {
              long after =
                  h.createQuery("SELECT last_seq FROM inbox_cursor WHERE id = 1 FOR UPDATE")
                      .mapTo(Long.class)
                      .one();
              List<SyncEvent> events = EventLog.read(h, after, BATCH);
              if (events.isEmpty()) {
                return 0;
              }
              Set<Change> rows = new LinkedHashSet<>();
              for (SyncEvent e : events) {
                if (e.chatId() == 0) {
                  continue;
                }
                boolean row = CHAT_EVENTS.contains(e.type());
                changes.add(new Change(e.businessId(), e.chatId(), row));
                if (row) {
                  rows.add(new Change(e.businessId(), e.chatId(), true));
                }
              }
              Instant now = clock.instant();
              for (Change c : rows) {
                refresh(h, c.businessId(), c.chatId(), now);
              }
              h.createUpdate("UPDATE inbox_cursor SET last_seq = :s WHERE id = 1")
                  .bind("s", events.get(events.size() - 1).seq())
                  .execute();
              return events.size();
            });
    if (!changes.isEmpty()) {
      listener.changed(List.copyOf(changes));
    }
    return applied;
  }

  /** Recomputes one chat's row from the mirror; a new buyer message reopens the chat. */
  static void refresh(Handle h, long business, long chat, Instant now) {
    Optional<MirrorChat> found =
        h.createQuery(
                "SELECT context_type, context_order_id, context_return_id, order_id,"
                    + " customer_name, chat_type, status, updated_at FROM chats"
                    + " WHERE business_id = :b AND chat_id = :c")
            .bind("b", business)
            .bind("c", chat)
            .map(
                (rs, ctx) ->
                    new MirrorChat(
                        rs.getString("context_type"),
                        rs.getObject("context_order_id", Long.class) != null
                            ? rs.getObject("context_order_id", Long.class)
                            : rs.getObject("order_id", Long.class),
                        rs.getObject("context_return_id", Long.class),
                        rs.getString("customer_name"),
                        rs.getString("chat_type"),
                        rs.getString("status"),
                        Times.instant(rs, "updated_at")))
            .findOne();
    if (found.isEmpty()) {
      return;
    }
    MirrorChat m = found.get();
    Optional<LastMessage> last =
        h.createQuery(
                "SELECT created_at, sender, body_text, file_count FROM messages"
                    + " WHERE business_id = :b AND chat_id = :c"
                    + " ORDER BY message_id DESC FETCH FIRST 1 ROWS ONLY")
            .bind("b", business)
            .bind("c", chat)
            .map(
                (rs, ctx) ->
                    new LastMessage(
                        Times.instant(rs, "created_at"),
                        rs.getString("sender"),
                        rs.getString("body_text"),
                        rs.getInt("file_count")))
            .findOne();
    long lastBuyer =
        h.createQuery(
                "SELECT COALESCE(MAX(message_id), 0) FROM messages"
                    + " WHERE business_id = :b AND chat_id = :c AND sender = 'CUSTOMER'")
            .bind("b", business)
            .bind("c", chat)
            .mapTo(Long.class)
            .one();
    // message ids grow in the order Market stores messages; times may tie within a second
    long lastPartnerId =
        h.createQuery(
                "SELECT COALESCE(MAX(message_id), 0) FROM messages"
                    + " WHERE business_id = :b AND chat_id = :c AND sender = 'PARTNER'")
            .bind("b", business)
            .bind("c", chat)
            .mapTo(Long.class)
            .one();
    String sender = last.map(LastMessage::sender).orElse(null);
    boolean finished = "FINISHED".equals(m.status());
    boolean needs =
        !finished && ("CUSTOMER".equals(sender) || "WAITING_FOR_PARTNER".equals(m.status()));
    Instant waitingSince = null;
    if (needs) {
      waitingSince =
          h.createQuery(
                  "SELECT MIN(created_at) AS t FROM messages WHERE business_id = :b"
                      + " AND chat_id = :c AND sender = 'CUSTOMER' AND message_id > :p")
              .bind("b", business)
              .bind("c", chat)
              .bind("p", lastPartnerId)
              .map((rs, ctx) -> Times.instant(rs, "t"))
              .one();
      if (waitingSince == null) {
        waitingSince = m.updatedAt() != null ? m.updatedAt() : now;
      }
    }
    boolean answeredOnce = lastPartnerId > 0;
    Instant due = null;
    if (waitingSince != null) {
      BusinessSettings s = Settings.of(h, business);
      due =
          s.hours().plusWorking(waitingSince, answeredOnce ? s.nextResponse() : s.firstResponse());
    }
    String text = last.map(LastMessage::preview).orElse(null);
    String search =
        (nullToEmpty(m.customer())
                + " "
                + chat
                + " "
                + (m.orderId() == null ? "" : m.orderId())
                + " "
                + (m.returnId() == null ? "" : m.returnId()))
            .toLowerCase(Locale.ROOT);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("b", business);
    values.put("c", chat);
    values.put("ctx", m.contextType());
    values.put("o", m.orderId());
    values.put("r", m.returnId());
    values.put("cu", m.customer());
    values.put("t", m.chatType());
    values.put("st", m.status());
    values.put("la", Times.db(last.map(LastMessage::at).orElse(null)));
    values.put("ls", sender);
    values.put("lt", text);
    values.put("q", truncate(search, 2000));
    values.put("n", needs);
    values.put("w", Times.db(waitingSince));
    values.put("a", answeredOnce);
    values.put("d", Times.db(due));
    values.put("lb", lastBuyer);
    values.put("now", Times.db(now));
    int updated =
        h.createUpdate(
                "UPDATE inbox_chat SET context_type = :ctx, order_id = :o, return_id = :r,"
                    + " customer_name = :cu, chat_type = :t, market_status = :st,"
                    + " last_message_at = :la, last_sender = :ls, last_text = :lt,"
                    + " search_text = :q, needs_answer = :n, waiting_since = :w,"
                    + " answered_once = :a, response_due = :d,"
                    + " inbox_status = CASE WHEN :lb > last_buyer_message_id"
                    + " THEN 'OPEN' ELSE inbox_status END,"
                    + " snooze_until = CASE WHEN :lb > last_buyer_message_id"
                    + " THEN NULL ELSE snooze_until END,"
                    + " last_buyer_message_id = CASE WHEN :lb > last_buyer_message_id"
                    + " THEN :lb ELSE last_buyer_message_id END,"
                    + " changed_at = :now"
                    + " WHERE business_id = :b AND chat_id = :c")
            .bindMap(values)
            .execute();
    if (updated == 0) {
      h.createUpdate(
              "INSERT INTO inbox_chat (business_id, chat_id, context_type, order_id, return_id,"
                  + " customer_name, chat_type, market_status, last_message_at, last_sender,"
                  + " last_text, search_text, last_buyer_message_id, needs_answer, waiting_since,"
                  + " answered_once, response_due, inbox_status, changed_at)"
                  + " VALUES (:b, :c, :ctx, :o, :r, :cu, :t, :st, :la, :ls, :lt, :q, :lb, :n, :w,"
                  + " :a, :d, 'OPEN', :now)")
          .bindMap(values)
          .execute();
    }
  }

  /** Computes a business's rows again (after its targets or hours changed). */
  static void recomputeClocks(Jdbi jdbi, long business, Instant now) {
    jdbi.useTransaction(
        h -> {
          List<Long> chats =
              h.createQuery("SELECT chat_id FROM inbox_chat WHERE business_id = :b")
                  .bind("b", business)
                  .mapTo(Long.class)
                  .list();
          for (long c : chats) {
            refresh(h, business, c, now);
          }
        });
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record MirrorChat(
      String contextType,
      Long orderId,
      Long returnId,
      String customer,
      String chatType,
      String status,
      Instant updatedAt) {}

  private record LastMessage(Instant at, String sender, String text, int files) {
    String preview() {
      String t = text == null || text.isBlank() ? (files > 0 ? "📎 file" : "") : text.strip();
      return t.length() > 280 ? t.substring(0, 280) + "…" : t;
    }
  }
}
