package dev.ymchat.inbox;

import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases with the sync's and the inbox's tables: H2 in memory, and PostgreSQL from one
 * embedded server per JVM. When that cannot start a test skips with one line, except under {@code
 * CI=true}, where it fails.
 */
final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static Throwable postgresFailure;

  private TestDatabases() {}

  static Database open(Dialect dialect) {
    String name = "inbox" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    Database db;
    if (dialect == Dialect.H2) {
      db = Database.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null, null, 8);
    } else {
      EmbeddedPostgres pg = postgres();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      db = Database.open(pg.getJdbcUrl("postgres", name), "postgres", null, 8);
    }
    Schema.migrate(db.dataSource());
    return db;
  }

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null && postgresFailure == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
      } catch (IOException | RuntimeException e) {
        postgresFailure = e;
      }
    }
    if (postgres == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(
            "embedded PostgreSQL failed to start under CI=true", postgresFailure);
      }
      Assumptions.abort("embedded PostgreSQL cannot start here: " + postgresFailure);
    }
    return postgres;
  }

  private static synchronized void stop() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      // the JVM is exiting
    }
  }
}
