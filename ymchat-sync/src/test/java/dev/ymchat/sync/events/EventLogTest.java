package dev.ymchat.sync.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventLogTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentWriters_getGaplessPositions_andACursorReaderSkipsNone(Dialect dialect)
      throws Exception {
    try (Database db = TestDatabases.open(dialect)) {
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Long> seen = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                long cursor = 0;
                while (true) {
                  boolean last = !writing.get();
                  long from = cursor;
                  List<SyncEvent> batch = db.withHandle(h -> EventLog.read(h, from, 50));
                  for (SyncEvent e : batch) {
                    seen.add(e.seq());
                    cursor = e.seq();
                  }
                  if (last && batch.isEmpty()) {
                    return;
                  }
                }
              });
      reader.start();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        int writer = w;
        writes.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    int n = i;
                    db.inTransaction(
                        h -> {
                          // some work before the events, as real transactions have
                          h.createUpdate(
                                  "INSERT INTO workers (worker_id, started_at, heartbeat_at)"
                                      + " VALUES (:id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                              .bind("id", "w" + writer + "-" + n)
                              .execute();
                          EventLog.append(
                              h,
                              List.of(
                                  new NewEvent(1, writer, EventType.CHAT_UPDATED, 0, 0, null),
                                  new NewEvent(1, writer, EventType.CHAT_UPDATED, 0, 0, null)),
                              NOW);
                          return null;
                        });
                  }
                }));
      }
      for (Future<?> f : writes) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      writing.set(false);
      reader.join(60_000);

      assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 480).boxed().toList());
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRolledBackTransaction_leavesNoEventAndNoGap(Dialect dialect) {
    try (Database db = TestDatabases.open(dialect)) {
      try {
        db.inTransaction(
            h -> {
              EventLog.append(h, new NewEvent(1, 2, EventType.CHAT_CREATED, 0, 0, null), NOW);
              throw new IllegalStateException("rolled back");
            });
      } catch (IllegalStateException expected) {
        // the transaction rolled back
      }
      db.inTransaction(
          h -> {
            EventLog.append(h, new NewEvent(1, 3, EventType.CHAT_CREATED, 0, 0, "x"), NOW);
            return null;
          });
      List<SyncEvent> events = db.withHandle(h -> EventLog.read(h, 0, 10));
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.seq()).isEqualTo(1);
                assertThat(e.chatId()).isEqualTo(3);
                assertThat(e.detail()).isEqualTo("x");
                assertThat(e.occurredAt()).isEqualTo(NOW);
              });
    }
  }
}
