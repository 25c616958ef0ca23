package dev.ymchat.sync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The sync's database: a connection pool, Jdbi over it, its {@link Dialect} and the migrations.
 *
 * <p>The migrations keep their own history table ({@code sync_schema_history}) and location ({@code
 * classpath:db/sync}), so another module (the operator inbox) can keep its own migrations in the
 * same database.
 */
public final class Database implements AutoCloseable {

  /** The Flyway history table of the sync's migrations. */
  public static final String HISTORY_TABLE = "sync_schema_history";

  /** Where the sync's migrations are. */
  public static final String LOCATION = "classpath:db/sync";

  private static final int TRANSACTION_ATTEMPTS = 8;

  private final DataSource dataSource;
  private final HikariDataSource owned;
  private final Jdbi jdbi;
  private final Dialect dialect;

  /**
   * Whether every connection of the pool starts in READ COMMITTED, so that a transaction need not
   * set the level. Setting it per transaction costs six round trips on PostgreSQL (the driver reads
   * the level back with {@code SHOW TRANSACTION ISOLATION LEVEL} each time it is read or set, and
   * Jdbi reads it to restore it): measured, 8.7 ms against 1.0 ms for a one-UPDATE transaction.
   */
  private final boolean readCommittedByDefault;

  private Database(DataSource dataSource, HikariDataSource owned, Dialect dialect) {
    this.dataSource = dataSource;
    this.owned = owned;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    this.readCommittedByDefault = owned != null || startsReadCommitted(dataSource);
  }

  private static boolean startsReadCommitted(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Opens a pool on a JDBC URL and brings the schema up to date.
   *
   * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://...}
   * @param user the user, or null
   * @param password the password, or null; never logged
   * @param poolSize the most connections
   * @return the open database
   * @throws IllegalArgumentException when the URL is not of a supported database
   * @throws IllegalStateException when the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(dialect == Dialect.H2 ? h2Url(jdbcUrl) : jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setMinimumIdle(1);
    config.setPoolName("ymchat-sync");
    config.setConnectionTimeout(30_000);
    config.setInitializationFailTimeout(1);
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(config);
      Database database = new Database(pool, pool, dialect);
      database.migrate();
      return database;
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw new IllegalStateException(
          "Cannot open the sync database "
              + Dialect.redact(jdbcUrl)
              + ": "
              + rootMessage(e)
              + ". Check the URL, that the server runs and that the user may create tables.",
          e);
    }
  }

  /**
   * Uses a data source the caller owns (and closes) and brings the schema up to date. When its
   * connections start in READ COMMITTED (the default of H2 and PostgreSQL) transactions use them as
   * they are; otherwise each transaction sets the level, at the cost of a few round trips.
   *
   * @param dataSource the data source
   * @param dialect its database
   * @return the database
   */
  public static Database of(DataSource dataSource, Dialect dialect) {
    Database database =
        new Database(Objects.requireNonNull(dataSource, "dataSource"), null, dialect);
    database.migrate();
    return database;
  }

  /** H2 by default waits 1 s for a row lock; the sync's short transactions may queue longer. */
  static String h2Url(String url) {
    String upper = url.toUpperCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder(url);
    if (!upper.contains("LOCK_TIMEOUT")) {
      out.append(";LOCK_TIMEOUT=20000");
    }
    if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains("DB_CLOSE_DELAY")) {
      out.append(";DB_CLOSE_DELAY=-1");
    }
    return out.toString();
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .placeholders(dialect.flywayPlaceholders())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /**
   * Returns Jdbi over the pool, to share it (the inbox reads the mirror through it).
   *
   * @return the Jdbi instance
   */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Returns the pool.
   *
   * @return the data source
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Returns the database's dialect.
   *
   * @return H2 or PostgreSQL
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs a callback in one READ COMMITTED transaction and repeats it (a few times) when the
   * database reports a transient conflict such as a deadlock.
   *
   * @param callback the work; it may run more than once, so it must only touch the database
   * @param <T> the result type
   * @return the callback's result
   */
  public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt++) {
      try {
        return readCommittedByDefault
            ? jdbi.inTransaction(callback)
            : jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, callback);
      } catch (RuntimeException e) {
        SQLException sql = sqlCause(e);
        if (sql == null || !dialect.isTransient(sql)) {
          throw e;
        }
        last = e;
        try {
          Thread.sleep(Math.min(200, 5L << attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
  }

  /**
   * Runs a callback on a handle without a transaction of its own (each statement commits).
   *
   * @param callback the work
   * @param <T> the result type
   * @return the callback's result
   */
  public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    return jdbi.withHandle(callback);
  }

  /**
   * Runs a callback in the caller's transaction when given one, else in a new one.
   *
   * @param handle the caller's handle, or null
   * @param callback the work
   * @param <T> the result type
   * @return the callback's result
   */
  public <T> T inTransaction(Handle handle, HandleCallback<T, RuntimeException> callback) {
    if (handle == null) {
      return inTransaction(callback);
    }
    return callback.withHandle(handle);
  }

  static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  @Override
  public String toString() {
    return "Database{" + dialect + "}";
  }
}
