package dev.ymchat.sync.testing;

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
 * Fresh databases for tests: H2 in memory, and PostgreSQL from one embedded server per JVM (a new
 * database per call). When the embedded server cannot start, a test skips with one line, except
 * under {@code CI=true}, where it fails.
 */
public final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static Throwable postgresFailure;

  private TestDatabases() {}

  /**
   * Returns the URL of a new, empty database.
   *
   * @param dialect which database
   * @return the JDBC URL
   */
  public static String newUrl(Dialect dialect) {
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    if (dialect == Dialect.H2) {
      return "jdbc:h2:mem:" + name;
    }
    EmbeddedPostgres pg = postgres();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  /**
   * Opens a new, migrated database.
   *
   * @param dialect which database
   * @return the database; close it
   */
  public static Database open(Dialect dialect) {
    return Database.open(newUrl(dialect), user(dialect), null, 8);
  }

  /**
   * Returns the user of the test databases.
   *
   * @param dialect which database
   * @return the user, or null for H2
   */
  public static String user(Dialect dialect) {
    return dialect == Dialect.H2 ? null : "postgres";
  }

  /**
   * Returns the embedded PostgreSQL server, started on first use.
   *
   * @return the server
   */
  public static synchronized EmbeddedPostgres postgres() {
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
