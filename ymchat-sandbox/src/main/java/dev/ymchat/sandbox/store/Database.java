package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.domain.ChatRuleException;
import dev.ymchat.sandbox.domain.SandboxException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.SetObjectArgumentFactory;
import org.jdbi.v3.core.mapper.GetObjectColumnMapperFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's embedded H2 database, migrated by Flyway and reached through Jdbi. Writes run one
 * at a time under a lock and commit before they return, so ids grow in commit order (keyset paging
 * never misses a row) and an acknowledged write is on disk; reads run in parallel.
 */
public final class Database implements AutoCloseable {

  /** Market shows times in Moscow time; the API's dates carry this offset. */
  public static final ZoneOffset MARKET_OFFSET = ZoneOffset.ofHours(3);

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String FILE_PREFIX = "ymchat-sandbox";
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final String url;
  private final JdbcConnectionPool pool;
  private final Jdbi jdbi;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile ChatEventListener listener = ChatEventListener.NO_OP;
  private volatile boolean closed;
  private volatile Path protectedDirectory;

  private Database(String url, JdbcConnectionPool pool, Clock clock) {
    this.url = url;
    this.pool = pool;
    this.clock = clock;
    this.jdbi = Jdbi.create(pool);
    // TIMESTAMP WITH TIME ZONE both ways, so a time keeps the offset it was written with.
    jdbi.registerArgument(
        SetObjectArgumentFactory.forClasses(
            Map.of(OffsetDateTime.class, Types.TIMESTAMP_WITH_TIMEZONE)));
    jdbi.registerColumnMapper(GetObjectColumnMapperFactory.forClasses(OffsetDateTime.class));
  }

  /**
   * Opens the database in a directory, creating or migrating it there.
   *
   * <p>The files hold API keys' hashes and every chat: on POSIX file systems a directory this
   * creates is readable by its owner only (0700), and the database files are made 0600 whatever the
   * umask, including files an earlier version left readable by others.
   *
   * @param dataDir the directory for the database files (created if missing)
   * @param clock the clock for timestamps
   * @return the open database
   * @throws IllegalStateException when the directory cannot be created or the files protected
   */
  public static Database openFile(Path dataDir, Clock clock) {
    Path dir = dataDir.toAbsolutePath();
    Path base = dir.resolve(FILE_PREFIX);
    if (base.toString().contains(";")) {
      throw new IllegalArgumentException(
          "The data directory "
              + dataDir
              + " contains ';', which H2 cannot use in a"
              + " database path; choose a directory without it");
    }
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
          Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
        } else {
          Files.createDirectories(dir);
        }
      }
      Path database = dir.resolve(FILE_PREFIX + ".mv.db");
      if (posix && !Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
        // Created empty and owner-only before H2 opens it, so it is never readable by others.
        Files.createFile(database, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot create the sandbox's data directory "
              + dir
              + " ("
              + e.getMessage()
              + "); choose a directory you can write to",
          e);
    }
    // WRITE_DELAY=0: a commit reaches the file before the request is answered, so an acknowledged
    // message survives the process being killed. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook
    // would close the database while requests are still in flight (they got 500 "Database is
    // already closed" on SIGTERM); the sandbox closes it itself, after draining (close()).
    Database db =
        open(
            "jdbc:h2:file:" + base + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
            clock);
    if (posix) {
      db.protectedDirectory = dir;
      try {
        protectFiles(dir);
      } catch (IOException | RuntimeException e) {
        db.close();
        throw new IllegalStateException(
            "Cannot make the sandbox's database files in "
                + dir
                + " readable by their owner only ("
                + e.getMessage()
                + "); check that you own them",
            e);
      }
    }
    return db;
  }

  /**
   * Opens a fresh in-memory database, gone when closed.
   *
   * @param clock the clock for timestamps
   * @return the open database
   */
  public static Database openInMemory(Clock clock) {
    return open(
        "jdbc:h2:mem:ymchat-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
        clock);
  }

  private static Database open(String url, Clock clock) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(24);
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      pool.dispose();
      throw new IllegalStateException(
          "Cannot open the sandbox database ("
              + e.getMessage()
              + "); if another sandbox uses the"
              + " same data directory, stop it or choose another directory",
          e);
    }
    return new Database(url, pool, clock);
  }

  /** Owner-only permissions on every file of the database (0600), whatever the umask made. */
  private static void protectFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FILE_PREFIX + ".*")) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(file, OWNER_FILE);
        }
      }
    }
  }

  /**
   * Sets who hears about chat events; events fire after their transaction commits.
   *
   * @param listener the listener, or null for none
   */
  public void setListener(ChatEventListener listener) {
    this.listener = listener == null ? ChatEventListener.NO_OP : listener;
  }

  /**
   * Delivers an event that is not tied to a transaction (such as PING) to the listener.
   *
   * @param event the call to make on the listener
   */
  public void fire(Consumer<ChatEventListener> event) {
    fire(listener, List.of(event));
  }

  private static void fire(ChatEventListener target, List<Consumer<ChatEventListener>> events) {
    for (var event : events) {
      try {
        event.accept(target);
      } catch (RuntimeException e) {
        LOG.warn("chat event listener failed: {}", e.toString());
      }
    }
  }

  /**
   * The current time as the API shows it (whole seconds, Moscow offset).
   *
   * @return now
   */
  public OffsetDateTime now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(MARKET_OFFSET)
        .truncatedTo(ChronoUnit.SECONDS);
  }

  /** Work done inside a write transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    /**
     * Does the work.
     *
     * @param tx the transaction
     * @return the result
     */
    T run(Tx tx);
  }

  /**
   * Runs work in a write transaction: serialized with every other write, committed before return,
   * rolled back on any failure; queued events fire after the commit.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws SandboxException when the work reports an API error or a chat rule refuses it
   */
  public <T> T write(TxWork<T> work) {
    Tx[] done = new Tx[1];
    T result;
    writeLock.lock();
    try {
      result =
          run(
              "write",
              () ->
                  jdbi.inTransaction(
                      handle -> {
                        done[0] = new Tx(handle);
                        return work.run(done[0]);
                      }));
    } finally {
      writeLock.unlock();
    }
    fire(listener, done[0].events());
    return result;
  }

  /**
   * Runs read-only work on a pooled handle, in parallel with other reads.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T read(HandleCallback<T, RuntimeException> work) {
    return run("read", () -> jdbi.withHandle(work));
  }

  /**
   * Runs read-only work on one handle that sees the database as it was at the work's first read
   * (H2's SNAPSHOT isolation), while writes go on: for a consistent dump of the whole state.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T snapshot(HandleCallback<T, RuntimeException> work) {
    return read(
        h -> {
          Connection c = h.getConnection();
          try {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
              s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            try {
              return work.withHandle(h);
            } finally {
              c.rollback();
              c.setTransactionIsolation(isolation);
              c.setAutoCommit(true);
            }
          } catch (SQLException e) {
            throw new IllegalStateException("sandbox database read failed: " + e.getMessage(), e);
          }
        });
  }

  private <T> T run(String what, Supplier<T> call) {
    if (closed) {
      throw shuttingDown();
    }
    try {
      return call.get();
    } catch (ChatRuleException e) {
      throw SandboxException.of(e);
    } catch (JdbiException e) {
      throw closed
          ? shuttingDown()
          : new IllegalStateException("sandbox database " + what + " failed: " + e.getMessage(), e);
    }
  }

  private static SandboxException shuttingDown() {
    return new SandboxException(
        503,
        "SERVICE_UNAVAILABLE",
        "The sandbox is shutting down; retry against a running sandbox");
  }

  /**
   * Closes the database: waits for the running write, then shuts H2 down cleanly, leaving no trace
   * file behind.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    writeLock.lock();
    try {
      // SHUTDOWN on a connection of its own: a pooled one would roll back on its way back to the
      // closed pool, and H2 would write that failure to a .trace.db file.
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        closed = true;
        pool.dispose();
        try (Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        }
      } catch (SQLException e) {
        LOG.warn("sandbox database did not shut down cleanly: {}", e.getMessage());
      }
      closed = true;
      pool.dispose();
      Path dir = protectedDirectory;
      if (dir != null) {
        try {
          protectFiles(dir);
        } catch (IOException e) {
          LOG.warn("could not make the database files in {} owner-only: {}", dir, e.getMessage());
        }
      }
    } finally {
      writeLock.unlock();
    }
  }
}
