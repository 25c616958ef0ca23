package dev.ymchat.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void migrations_createTheTablesAndTheirOwnHistory(Dialect dialect) {
    try (Database db = TestDatabases.open(dialect)) {
      assertThat(db.dialect()).isEqualTo(dialect);
      List<String> versions =
          db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT \"version\" FROM \""
                              + Database.HISTORY_TABLE
                              + "\" WHERE \"success\" = TRUE")
                      .mapTo(String.class)
                      .list());
      assertThat(versions).contains("1");
      long seq =
          db.withHandle(
              h -> h.createQuery("SELECT last_seq FROM event_position").mapTo(Long.class).one());
      assertThat(seq).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void upsertAndInsertIfAbsent_behaveTheSameOnBothDatabases(Dialect dialect) {
    try (Database db = TestDatabases.open(dialect)) {
      String upsert =
          db.dialect()
              .upsert(
                  "workers",
                  new String[] {"worker_id"},
                  new String[] {"started_at", "heartbeat_at"});
      String insert =
          db.dialect()
              .insertIfAbsent(
                  "workers",
                  new String[] {"worker_id"},
                  new String[] {"started_at", "heartbeat_at"});
      java.time.OffsetDateTime t1 = java.time.OffsetDateTime.parse("2026-01-01T10:00:00Z");
      java.time.OffsetDateTime t2 = t1.plusHours(1);
      int first =
          db.inTransaction(
              h ->
                  h.createUpdate(insert)
                      .bind("worker_id", "w")
                      .bind("started_at", t1)
                      .bind("heartbeat_at", t1)
                      .execute());
      int again =
          db.inTransaction(
              h ->
                  h.createUpdate(insert)
                      .bind("worker_id", "w")
                      .bind("started_at", t2)
                      .bind("heartbeat_at", t2)
                      .execute());
      assertThat(first).isEqualTo(1);
      assertThat(again).isZero();
      db.inTransaction(
          h ->
              h.createUpdate(upsert)
                  .bind("worker_id", "w")
                  .bind("started_at", t1)
                  .bind("heartbeat_at", t2)
                  .execute());
      java.time.Instant beat =
          db.withHandle(
              h ->
                  h.createQuery("SELECT heartbeat_at FROM workers WHERE worker_id = 'w'")
                      .map((rs, ctx) -> Times.instant(rs, "heartbeat_at"))
                      .one());
      assertThat(beat).isEqualTo(t2.toInstant());
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void binaryContent_roundTrips(Dialect dialect) {
    try (Database db = TestDatabases.open(dialect)) {
      byte[] bytes = new byte[300_000];
      new java.util.Random(1).nextBytes(bytes);
      db.inTransaction(
          h ->
              h.createUpdate(
                      "INSERT INTO downloaded_files (business_id, chat_id, message_id, file_index,"
                          + " content, size_bytes, downloaded_at) VALUES (1, 2, 3, 0, :c, :s,"
                          + " CURRENT_TIMESTAMP)")
                  .bind("c", bytes)
                  .bind("s", (long) bytes.length)
                  .execute());
      byte[] back =
          db.withHandle(
              h -> h.createQuery("SELECT content FROM downloaded_files").mapTo(byte[].class).one());
      assertThat(back).isEqualTo(bytes);
    }
  }

  @org.junit.jupiter.api.Test
  void unsupportedUrl_isRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/x?password=hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql")
        .hasMessageNotContaining("hunter2");
    assertThat(Dialect.redact("jdbc:postgresql://u:secret@h/db")).doesNotContain("secret");
  }

  @org.junit.jupiter.api.Test
  void unreachableDatabase_failsWithAMessageThatSaysWhatToCheck() {
    assertThatThrownBy(
            () -> Database.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "u", "p", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot open the sync database")
        .hasMessageContaining("Check the URL");
  }
}
