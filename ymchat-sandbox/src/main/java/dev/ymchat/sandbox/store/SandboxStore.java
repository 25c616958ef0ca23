package dev.ymchat.sandbox.store;

import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sandbox.SandboxException;
import dev.ymchat.sandbox.market.ChatEventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's state in embedded H2, migrated by Flyway. Writes run one at a time under a lock and
 * commit before they return, so ids grow in commit order (keyset paging never misses a row) and an
 * acknowledged write is on disk; reads run in parallel.
 */
public final class SandboxStore implements AutoCloseable {

  /** Market shows times in Moscow time; the API's dates carry this offset. */
  public static final ZoneOffset MARKET_OFFSET = ZoneOffset.ofHours(3);

  private static final Logger LOG = LoggerFactory.getLogger(SandboxStore.class);
  private static final String FILE_PREFIX = "ymchat-sandbox";
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcConnectionPool pool;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile ChatEventListener listener = ChatEventListener.NO_OP;
  private volatile boolean closed;

  private final String url;
  private volatile Path protectedDirectory;

  private SandboxStore(String url, JdbcConnectionPool pool, Clock clock) {
    this.url = url;
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * Opens a store in a directory, creating or migrating the database there.
   *
   * <p>The files hold API keys' hashes and every chat: on POSIX file systems a directory the store
   * creates is readable by its owner only (0700), and the database files are made 0600 whatever the
   * umask, including files an earlier version left readable by others.
   *
   * @param dataDir the directory for the database files (created if missing)
   * @param clock the clock for timestamps
   * @return the open store
   * @throws IllegalStateException when the directory cannot be created or the files protected
   */
  public static SandboxStore openFile(Path dataDir, Clock clock) {
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
    SandboxStore store =
        open(
            "jdbc:h2:file:" + base + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
            clock);
    if (posix) {
      store.protectedDirectory = dir;
      try {
        protectFiles(dir);
      } catch (IOException | RuntimeException e) {
        store.close();
        throw new IllegalStateException(
            "Cannot make the sandbox's database files in "
                + dir
                + " readable by their owner only ("
                + e.getMessage()
                + "); check that you own them",
            e);
      }
    }
    return store;
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
   * Opens a fresh in-memory store, gone when closed.
   *
   * @param clock the clock for timestamps
   * @return the open store
   */
  public static SandboxStore openInMemory(Clock clock) {
    return open(
        "jdbc:h2:mem:ymchat-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
        clock);
  }

  private static SandboxStore open(String url, Clock clock) {
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
    return new SandboxStore(url, pool, clock);
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
  public void fire(java.util.function.Consumer<ChatEventListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("chat event listener failed: {}", e.toString());
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

  // ---------------------------------------------------------------- transactions

  /** Work done inside a write transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    /**
     * Does the work.
     *
     * @param tx the transaction
     * @return the result
     * @throws SQLException when the database fails
     */
    T run(Tx tx) throws SQLException;
  }

  /** An open write transaction: its connection, id allocation and events to fire after commit. */
  public final class Tx {
    private final Connection connection;
    private final List<java.util.function.Consumer<ChatEventListener>> events = new ArrayList<>();

    private Tx(Connection connection) {
      this.connection = connection;
    }

    /**
     * The transaction's connection.
     *
     * @return the connection (auto-commit off)
     */
    public Connection connection() {
      return connection;
    }

    /**
     * Reserves a block of ids from a named counter.
     *
     * @param counter the counter, such as {@code message}
     * @param count how many ids
     * @return the first id of the block
     * @throws SQLException when the database fails
     */
    public long allocate(String counter, int count) throws SQLException {
      long first;
      try (PreparedStatement select =
          connection.prepareStatement("SELECT next_value FROM id_counter WHERE name = ?")) {
        select.setString(1, counter);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no id counter " + counter);
          }
          first = rs.getLong(1);
        }
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE id_counter SET next_value = ? WHERE name = ?")) {
        update.setLong(1, first + count);
        update.setString(2, counter);
        update.executeUpdate();
      }
      return first;
    }

    /**
     * Queues an event to fire once the transaction has committed.
     *
     * @param event the call to make on the listener
     */
    public void afterCommit(java.util.function.Consumer<ChatEventListener> event) {
      events.add(event);
    }
  }

  /**
   * Runs work in a write transaction: serialized with every other write, committed before return,
   * rolled back on any failure; queued events fire after the commit.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws SandboxException when the work reports an API error
   */
  public <T> T write(TxWork<T> work) {
    List<java.util.function.Consumer<ChatEventListener>> events;
    T result;
    writeLock.lock();
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      Tx tx = new Tx(c);
      try {
        result = work.run(tx);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      events = tx.events;
    } catch (SQLException e) {
      throw closed
          ? shuttingDown()
          : new IllegalStateException("sandbox database write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
    ChatEventListener target = listener;
    for (var event : events) {
      try {
        event.accept(target);
      } catch (RuntimeException e) {
        LOG.warn("chat event listener failed: {}", e.toString());
      }
    }
    return result;
  }

  /** Work done on a read connection. */
  @FunctionalInterface
  public interface ReadWork<T> {
    /**
     * Does the work.
     *
     * @param connection a connection in auto-commit mode
     * @return the result
     * @throws SQLException when the database fails
     */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs read-only work on a pooled connection, in parallel with other reads.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T read(ReadWork<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw closed
          ? shuttingDown()
          : new IllegalStateException("sandbox database read failed: " + e.getMessage(), e);
    }
  }

  private Connection connection() throws SQLException {
    if (closed) {
      throw shuttingDown();
    }
    return pool.getConnection();
  }

  private static SandboxException shuttingDown() {
    return new SandboxException(
        503,
        "SERVICE_UNAVAILABLE",
        "The sandbox is shutting down; retry against a running sandbox");
  }

  // ---------------------------------------------------------------- businesses and credentials

  /**
   * Creates a business (idempotent for an existing id).
   *
   * @param businessId the id, or null to allocate one
   * @param name a display name
   * @return the business id
   */
  public long createBusiness(Long businessId, String name) {
    return write(
        tx -> {
          long id = businessId != null ? businessId : tx.allocate("business", 1);
          if (!exists(tx.connection(), "SELECT 1 FROM business WHERE id = ?", id)) {
            try (PreparedStatement ps =
                tx.connection()
                    .prepareStatement(
                        "INSERT INTO business (id, name, created_at) VALUES (?, ?, ?)")) {
              ps.setLong(1, id);
              ps.setString(2, name == null || name.isBlank() ? "Business " + id : name);
              ps.setObject(3, now());
              ps.executeUpdate();
            }
          }
          return id;
        });
  }

  /**
   * Creates a campaign (shop) of a business (idempotent for an existing id of that business).
   *
   * @param businessId the business
   * @param campaignId the id, or null to allocate one
   * @return the campaign id
   */
  public long createCampaign(long businessId, Long campaignId) {
    return write(
        tx -> {
          requireBusiness(tx.connection(), businessId);
          long id = campaignId != null ? campaignId : tx.allocate("campaign", 1);
          Long owner =
              queryLong(tx.connection(), "SELECT business_id FROM campaign WHERE id = ?", id);
          if (owner != null && owner != businessId) {
            throw SandboxException.badRequest(
                "Campaign "
                    + id
                    + " already belongs to business "
                    + owner
                    + "; choose another campaignId");
          }
          if (owner == null) {
            try (PreparedStatement ps =
                tx.connection()
                    .prepareStatement("INSERT INTO campaign (id, business_id) VALUES (?, ?)")) {
              ps.setLong(1, id);
              ps.setLong(2, businessId);
              ps.executeUpdate();
            }
          }
          return id;
        });
  }

  /**
   * Registers a credential for a business (replacing an identical secret's earlier registration).
   *
   * @param businessId the business
   * @param kind API key or OAuth token
   * @param scope what it may do
   * @param secret the key or token itself
   */
  public void addCredential(long businessId, CredentialKind kind, Scope scope, String secret) {
    write(
        tx -> {
          requireBusiness(tx.connection(), businessId);
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "MERGE INTO credential (token_sha256, kind, business_id, scope) KEY (token_sha256) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, sha256(kind + ":" + secret));
            ps.setString(2, kind.name());
            ps.setLong(3, businessId);
            ps.setString(4, scope.name());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Looks a presented secret up.
   *
   * @param kind how it was presented
   * @param secret the key or token
   * @return the credential, or empty when unknown
   */
  public Optional<Credential> findCredential(CredentialKind kind, String secret) {
    String hash = sha256(kind + ":" + secret);
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT business_id, scope FROM credential WHERE token_sha256 = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Credential(rs.getLong(1), kind, Scope.valueOf(rs.getString(2))))
                  : Optional.<Credential>empty();
            }
          }
        });
  }

  /**
   * Whether a business exists.
   *
   * @param businessId the business
   * @return true when it exists
   */
  public boolean businessExists(long businessId) {
    return read(c -> exists(c, "SELECT 1 FROM business WHERE id = ?", businessId));
  }

  /**
   * The campaigns of a business, lowest id first.
   *
   * @param businessId the business
   * @return campaign ids
   */
  public List<Long> campaigns(long businessId) {
    return read(
        c -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM campaign WHERE business_id = ? ORDER BY id")) {
            ps.setLong(1, businessId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          return ids;
        });
  }

  // ---------------------------------------------------------------- orders and returns

  /**
   * Creates an order with a new buyer.
   *
   * @param businessId the business
   * @param campaignId the campaign (shop) of the business that sold it
   * @param buyerName the buyer's public name
   * @return the order id
   */
  public long createOrder(long businessId, long campaignId, String buyerName) {
    return write(tx -> insertOrder(tx, businessId, campaignId, buyerName, now()));
  }

  /**
   * Inserts an order inside a running transaction.
   *
   * @param tx the transaction
   * @param businessId the business
   * @param campaignId the campaign
   * @param buyerName the buyer's name
   * @param at the creation time
   * @return the order id
   * @throws SQLException when the database fails
   */
  public long insertOrder(
      Tx tx, long businessId, long campaignId, String buyerName, OffsetDateTime at)
      throws SQLException {
    Connection c = tx.connection();
    requireBusiness(c, businessId);
    Long owner = queryLong(c, "SELECT business_id FROM campaign WHERE id = ?", campaignId);
    if (owner == null || owner != businessId) {
      throw SandboxException.notFound(
          "Campaign "
              + campaignId
              + " does not exist in business "
              + businessId
              + "; create it first or use one of the business's campaigns");
    }
    long buyerId = insertBuyer(tx, buyerName);
    long orderId = tx.allocate("order", 1);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO market_order (id, business_id, campaign_id, buyer_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, orderId);
      ps.setLong(2, businessId);
      ps.setLong(3, campaignId);
      ps.setLong(4, buyerId);
      ps.setObject(5, at);
      ps.executeUpdate();
    }
    return orderId;
  }

  private long insertBuyer(Tx tx, String name) throws SQLException {
    long buyerId = tx.allocate("buyer", 1);
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement("INSERT INTO buyer (id, name, public_id) VALUES (?, ?, ?)")) {
      ps.setLong(1, buyerId);
      ps.setString(2, name == null || name.isBlank() ? "Покупатель " + buyerId : name);
      ps.setString(3, publicId(buyerId));
      ps.executeUpdate();
    }
    return buyerId;
  }

  private static String publicId(long buyerId) {
    // Stable, opaque-looking public ids like Yandex ID's.
    return sha256("buyer:" + buyerId).substring(0, 26);
  }

  /**
   * Creates a return for an order of the business.
   *
   * @param businessId the business
   * @param orderId the order
   * @return the return id
   */
  public long createReturn(long businessId, long orderId) {
    return write(tx -> insertReturn(tx, businessId, orderId, now()));
  }

  /**
   * Inserts a return inside a running transaction.
   *
   * @param tx the transaction
   * @param businessId the business
   * @param orderId the order
   * @param at the creation time
   * @return the return id
   * @throws SQLException when the database fails
   */
  public long insertReturn(Tx tx, long businessId, long orderId, OffsetDateTime at)
      throws SQLException {
    Connection c = tx.connection();
    Long owner = queryLong(c, "SELECT business_id FROM market_order WHERE id = ?", orderId);
    if (owner == null || owner != businessId) {
      throw SandboxException.notFound("Order " + orderId + " not found in business " + businessId);
    }
    long returnId = tx.allocate("return", 1);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO market_return (id, order_id, created_at) VALUES (?, ?, ?)")) {
      ps.setLong(1, returnId);
      ps.setLong(2, orderId);
      ps.setObject(3, at);
      ps.executeUpdate();
    }
    return returnId;
  }

  // ---------------------------------------------------------------- chats

  /**
   * Returns the chat of an order or return, creating it when there is none (as Market does).
   *
   * @param businessId the business
   * @param contextType ORDER or RETURN
   * @param contextId the order or return id
   * @return the chat id, new or existing
   */
  public long createOrGetContextChat(long businessId, String contextType, long contextId) {
    return write(tx -> contextChat(tx, businessId, contextType, contextId, now()));
  }

  /**
   * Finds or creates the chat of an order or return inside a running transaction.
   *
   * @param tx the transaction
   * @param businessId the business
   * @param contextType ORDER or RETURN
   * @param contextId the order or return id
   * @param at the creation time for a new chat
   * @return the chat id
   * @throws SQLException when the database fails
   */
  public long contextChat(
      Tx tx, long businessId, String contextType, long contextId, OffsetDateTime at)
      throws SQLException {
    Connection c = tx.connection();
    long orderId;
    Long returnId = null;
    if ("ORDER".equals(contextType)) {
      orderId = contextId;
    } else if ("RETURN".equals(contextType)) {
      Long order =
          queryLong(
              c,
              "SELECT r.order_id FROM market_return r JOIN market_order o ON o.id = r.order_id"
                  + " WHERE r.id = ? AND o.business_id = ?",
              contextId,
              businessId);
      if (order == null) {
        throw SandboxException.notFound(
            "Return "
                + contextId
                + " not found in business "
                + businessId
                + "; check the return id (GET it from the returns API) and the businessId");
      }
      orderId = order;
      returnId = contextId;
    } else {
      throw SandboxException.badRequest("context.type must be ORDER or RETURN");
    }
    long buyerId;
    long campaignId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT buyer_id, campaign_id FROM market_order WHERE id = ? AND business_id = ?")) {
      ps.setLong(1, orderId);
      ps.setLong(2, businessId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw SandboxException.notFound(
              "Order "
                  + orderId
                  + " not found in business "
                  + businessId
                  + "; check the order id and the businessId");
        }
        buyerId = rs.getLong(1);
        campaignId = rs.getLong(2);
      }
    }
    String key = contextType + ":" + contextId;
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chat WHERE context_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    long chatId = tx.allocate("chat", 1);
    insertChat(
        c, chatId, businessId, contextType, key, campaignId, orderId, returnId, buyerId, "NEW", at);
    tx.afterCommit(l -> l.chatCreated(businessId, chatId, at));
    return chatId;
  }

  /**
   * A buyer starts a DIRECT chat with the business and writes the first message.
   *
   * @param businessId the business
   * @param buyerName the buyer's public name, or null for a generated one
   * @param text the first message
   * @return the chat id
   */
  public long openDirectChat(long businessId, String buyerName, String text) {
    return write(
        tx -> {
          OffsetDateTime at = now();
          long chatId = insertDirectChat(tx, businessId, buyerName, at);
          insertMessage(tx, businessId, chatId, "CUSTOMER", text, null, at);
          return chatId;
        });
  }

  /**
   * Inserts a DIRECT chat (without messages) inside a running transaction.
   *
   * @param tx the transaction
   * @param businessId the business
   * @param buyerName the buyer's name or null
   * @param at the creation time
   * @return the chat id
   * @throws SQLException when the database fails
   */
  public long insertDirectChat(Tx tx, long businessId, String buyerName, OffsetDateTime at)
      throws SQLException {
    Connection c = tx.connection();
    requireBusiness(c, businessId);
    Long campaignId =
        queryLong(c, "SELECT MIN(id) FROM campaign WHERE business_id = ?", businessId);
    long buyerId = insertBuyer(tx, buyerName);
    long chatId = tx.allocate("chat", 1);
    insertChat(c, chatId, businessId, "DIRECT", null, campaignId, null, null, buyerId, "NEW", at);
    tx.afterCommit(l -> l.chatCreated(businessId, chatId, at));
    return chatId;
  }

  private static void insertChat(
      Connection c,
      long chatId,
      long businessId,
      String contextType,
      String key,
      Long campaignId,
      Long orderId,
      Long returnId,
      long buyerId,
      String status,
      OffsetDateTime at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO chat (id, business_id, context_type, context_key, campaign_id, order_id, return_id,"
                + " buyer_id, chat_type, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CHAT', ?, ?, ?)")) {
      ps.setLong(1, chatId);
      ps.setLong(2, businessId);
      ps.setString(3, contextType);
      ps.setString(4, key);
      setLongOrNull(ps, 5, campaignId);
      setLongOrNull(ps, 6, orderId);
      setLongOrNull(ps, 7, returnId);
      ps.setLong(8, buyerId);
      ps.setString(9, status);
      ps.setObject(10, at);
      ps.setObject(11, at);
      ps.executeUpdate();
    }
  }

  /** A file to attach to a new message. */
  public record NewFile(String name, String contentType, byte[] bytes) {}

  /**
   * Adds a message to a chat of the business and moves the chat's status.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param sender PARTNER, CUSTOMER, MARKET or SUPPORT
   * @param text the text, or null when a file is given
   * @param file a file to attach, or null
   * @return the message id
   * @throws SandboxException 404 for an unknown chat, 423 CHAT_FINISHED for a finished chat
   */
  public long addMessage(long businessId, long chatId, String sender, String text, NewFile file) {
    return write(tx -> insertMessage(tx, businessId, chatId, sender, text, file, now()));
  }

  /**
   * Adds a message inside a running transaction.
   *
   * @param tx the transaction
   * @param businessId the business
   * @param chatId the chat
   * @param sender the sender
   * @param text the text or null
   * @param file a file or null
   * @param at the sending time
   * @return the message id
   * @throws SQLException when the database fails
   */
  public long insertMessage(
      Tx tx,
      long businessId,
      long chatId,
      String sender,
      String text,
      NewFile file,
      OffsetDateTime at)
      throws SQLException {
    Connection c = tx.connection();
    ChatRow chat =
        findChat(c, businessId, chatId).orElseThrow(() -> chatNotFound(businessId, chatId));
    if ("FINISHED".equals(chat.status())) {
      throw new SandboxException(
          423,
          "CHAT_FINISHED",
          "Chat "
              + chatId
              + " is finished and accepts no new messages; start a new chat for the order instead");
    }
    long messageId = tx.allocate("message", 1);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO message (id, chat_id, sender, body, created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, messageId);
      ps.setLong(2, chatId);
      ps.setString(3, sender);
      ps.setString(4, text);
      ps.setObject(5, at);
      ps.executeUpdate();
    }
    if (file != null) {
      long fileId = tx.allocate("file", 1);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO stored_file (id, message_id, download_key, name, content_type, size_bytes, content)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, fileId);
        ps.setLong(2, messageId);
        ps.setString(3, randomKey());
        ps.setString(4, file.name());
        ps.setString(5, file.contentType());
        ps.setInt(6, file.bytes().length);
        ps.setBytes(7, file.bytes());
        ps.executeUpdate();
      }
    }
    String status = nextStatus(chat.type(), chat.status(), sender);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE chat SET status = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, status);
      ps.setObject(2, at);
      ps.setLong(3, chatId);
      ps.executeUpdate();
    }
    MessageSender messageSender = MessageSender.of(sender);
    tx.afterCommit(l -> l.messageSent(businessId, chatId, messageId, messageSender, at));
    return messageId;
  }

  /**
   * The status a chat moves to when a message arrives.
   *
   * @param type CHAT or ARBITRAGE
   * @param current the current status
   * @param sender who writes
   * @return the new status
   */
  public static String nextStatus(String type, String current, String sender) {
    boolean dispute = "ARBITRAGE".equals(type);
    switch (sender) {
      case "PARTNER":
      case "CUSTOMER":
        if (dispute) {
          return "WAITING_FOR_ARBITER";
        }
        return "PARTNER".equals(sender) ? "WAITING_FOR_CUSTOMER" : "WAITING_FOR_PARTNER";
      case "SUPPORT":
        return "WAITING_FOR_PARTNER";
      default:
        // Market's automatic notices do not expect an answer.
        return current;
    }
  }

  /**
   * Opens a dispute: the chat becomes ARBITRAGE, WAITING_FOR_ARBITER.
   *
   * @param businessId the business
   * @param chatId the chat (an ORDER or RETURN chat that is not finished)
   */
  public void openDispute(long businessId, long chatId) {
    write(
        tx -> {
          ChatRow chat =
              findChat(tx.connection(), businessId, chatId)
                  .orElseThrow(() -> chatNotFound(businessId, chatId));
          if ("DIRECT".equals(chat.contextType())) {
            throw SandboxException.badRequest(
                "Chat "
                    + chatId
                    + " is a DIRECT chat; disputes exist only for ORDER and RETURN chats");
          }
          if ("FINISHED".equals(chat.status())) {
            throw new SandboxException(
                423,
                "CHAT_FINISHED",
                "Chat " + chatId + " is finished; a dispute cannot be opened in it");
          }
          if ("ARBITRAGE".equals(chat.type())) {
            throw new SandboxException(
                423, "DISPUTE_ALREADY_OPEN", "Chat " + chatId + " already has an open dispute");
          }
          OffsetDateTime at = now();
          updateChat(tx.connection(), chatId, "ARBITRAGE", "WAITING_FOR_ARBITER");
          tx.afterCommit(l -> l.arbitrageStarted(businessId, chatId, at));
          return null;
        });
  }

  /**
   * Finishes an open dispute: the chat stays ARBITRAGE and becomes FINISHED.
   *
   * @param businessId the business
   * @param chatId the chat
   */
  public void finishDispute(long businessId, long chatId) {
    write(
        tx -> {
          ChatRow chat =
              findChat(tx.connection(), businessId, chatId)
                  .orElseThrow(() -> chatNotFound(businessId, chatId));
          if (!"ARBITRAGE".equals(chat.type()) || "FINISHED".equals(chat.status())) {
            throw new SandboxException(
                423, "NO_OPEN_DISPUTE", "Chat " + chatId + " has no open dispute; open one first");
          }
          OffsetDateTime at = now();
          updateChat(tx.connection(), chatId, "ARBITRAGE", "FINISHED");
          tx.afterCommit(l -> l.arbitrageFinished(businessId, chatId, at));
          return null;
        });
  }

  /**
   * Finishes a chat (Market closes it); finished chats accept no messages.
   *
   * @param businessId the business
   * @param chatId the chat
   */
  public void finishChat(long businessId, long chatId) {
    write(
        tx -> {
          ChatRow chat =
              findChat(tx.connection(), businessId, chatId)
                  .orElseThrow(() -> chatNotFound(businessId, chatId));
          updateChat(tx.connection(), chatId, chat.type(), "FINISHED");
          return null;
        });
  }

  private static void updateChat(Connection c, long chatId, String type, String status)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE chat SET chat_type = ?, status = ? WHERE id = ?")) {
      ps.setString(1, type);
      ps.setString(2, status);
      ps.setLong(3, chatId);
      ps.executeUpdate();
    }
  }

  /**
   * The 404 for a chat that does not exist in the business (also for another business's chat, so
   * nothing leaks about other businesses).
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the exception
   */
  public static SandboxException chatNotFound(long businessId, long chatId) {
    return new SandboxException(
        404,
        "NOT_FOUND",
        "Chat "
            + chatId
            + " not found in business "
            + businessId
            + "; list the business's chats with getChats");
  }

  // ---------------------------------------------------------------- reads

  private static final String CHAT_COLUMNS =
      "c.id, c.business_id, c.context_type, c.campaign_id, c.order_id, c.return_id, b.name, b.public_id,"
          + " c.chat_type, c.status, c.created_at, c.updated_at";

  /**
   * A chat of the business.
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the chat, or empty when the business has no such chat
   */
  public Optional<ChatRow> chat(long businessId, long chatId) {
    return read(c -> findChat(c, businessId, chatId));
  }

  private static Optional<ChatRow> findChat(Connection c, long businessId, long chatId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + CHAT_COLUMNS
                + " FROM chat c JOIN buyer b ON b.id = c.buyer_id"
                + " WHERE c.id = ? AND c.business_id = ?")) {
      ps.setLong(1, chatId);
      ps.setLong(2, businessId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(chatRow(rs)) : Optional.empty();
      }
    }
  }

  /**
   * A page of the business's chats, newest chat (highest id) first.
   *
   * @param businessId the business
   * @param filter the filters
   * @param beforeChatId only chats with a lower id (the keyset cursor), or null for the first page
   * @param limit at most this many
   * @return the chats
   */
  public List<ChatRow> chats(long businessId, ChatFilter filter, Long beforeChatId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + CHAT_COLUMNS
                + " FROM chat c JOIN buyer b ON b.id = c.buyer_id WHERE c.business_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(businessId);
    if (beforeChatId != null) {
      sql.append(" AND c.id < ?");
      args.add(beforeChatId);
    }
    if (filter.orderIds() != null) {
      sql.append(" AND c.order_id IN (").append(placeholders(filter.orderIds().size())).append(')');
      args.addAll(filter.orderIds());
    }
    if (filter.orderContexts() != null || filter.returnContexts() != null) {
      List<String> parts = new ArrayList<>();
      if (filter.orderContexts() != null) {
        parts.add(
            "(c.context_type = 'ORDER' AND c.order_id IN ("
                + placeholders(filter.orderContexts().size())
                + "))");
        args.addAll(filter.orderContexts());
      }
      if (filter.returnContexts() != null) {
        parts.add(
            "(c.context_type = 'RETURN' AND c.return_id IN ("
                + placeholders(filter.returnContexts().size())
                + "))");
        args.addAll(filter.returnContexts());
      }
      sql.append(" AND (").append(String.join(" OR ", parts)).append(')');
    }
    appendIn(sql, args, "c.context_type", filter.contextTypes());
    appendIn(sql, args, "c.chat_type", filter.types());
    appendIn(sql, args, "c.status", filter.statuses());
    sql.append(" ORDER BY c.id DESC LIMIT ?");
    args.add(limit);
    return read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, args);
            List<ChatRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(chatRow(rs));
              }
            }
            return rows;
          }
        });
  }

  private static void appendIn(
      StringBuilder sql, List<Object> args, String column, Set<String> values) {
    if (values != null) {
      sql.append(" AND ")
          .append(column)
          .append(" IN (")
          .append(placeholders(values.size()))
          .append(')');
      args.addAll(values);
    }
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (arg instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) arg);
      }
    }
  }

  /**
   * Messages of a chat in id order (oldest first), starting at an id.
   *
   * @param chatId the chat (already checked to belong to the caller's business)
   * @param fromMessageId the lowest message id to return
   * @param limit at most this many
   * @return the messages with their files
   */
  public List<MessageRow> messages(long chatId, long fromMessageId, int limit) {
    return read(c -> messagesFrom(c, chatId, fromMessageId, limit));
  }

  /**
   * Messages of a chat in id order on a given connection (for {@link #snapshot}).
   *
   * @param c the connection
   * @param chatId the chat
   * @param fromMessageId the lowest message id to return
   * @param limit at most this many
   * @return the messages with their files
   * @throws SQLException when the database fails
   */
  public static List<MessageRow> messagesFrom(
      Connection c, long chatId, long fromMessageId, int limit) throws SQLException {
    Map<Long, MessageRow> rows = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, sender, body, created_at FROM message WHERE chat_id = ? AND id >= ? ORDER BY id LIMIT ?")) {
      ps.setLong(1, chatId);
      ps.setLong(2, fromMessageId);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          rows.put(
              id,
              new MessageRow(
                  id,
                  chatId,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getObject(4, OffsetDateTime.class),
                  List.of()));
        }
      }
    }
    return withFiles(c, rows);
  }

  /**
   * Every business id, ascending, on a given connection (for {@link #snapshot}).
   *
   * @param c the connection
   * @return the ids
   * @throws SQLException when the database fails
   */
  public static List<Long> businessIds(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM business ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * A page of a business's chats in ascending id order on a given connection (for {@link
   * #snapshot}).
   *
   * @param c the connection
   * @param businessId the business
   * @param afterChatId only chats with a higher id (0 for the first page)
   * @param limit at most this many
   * @return the chats
   * @throws SQLException when the database fails
   */
  public static List<ChatRow> chatsAfter(Connection c, long businessId, long afterChatId, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + CHAT_COLUMNS
                + " FROM chat c JOIN buyer b ON b.id = c.buyer_id"
                + " WHERE c.business_id = ? AND c.id > ? ORDER BY c.id LIMIT ?")) {
      ps.setLong(1, businessId);
      ps.setLong(2, afterChatId);
      ps.setInt(3, limit);
      List<ChatRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(chatRow(rs));
        }
      }
      return rows;
    }
  }

  /**
   * Runs read-only work on one connection that sees the database as it was at the work's first read
   * (H2's SNAPSHOT isolation), while writes go on: for a consistent dump of the whole state.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T snapshot(ReadWork<T> work) {
    return read(
        c -> {
          int isolation = c.getTransactionIsolation();
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
          }
          try {
            return work.run(c);
          } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(true);
          }
        });
  }

  /**
   * One message of a chat.
   *
   * @param chatId the chat (already checked to belong to the caller's business)
   * @param messageId the message
   * @return the message, or empty when the chat has no such message
   */
  public Optional<MessageRow> message(long chatId, long messageId) {
    return read(
        c -> {
          Map<Long, MessageRow> rows = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, sender, body, created_at FROM message WHERE chat_id = ? AND id = ?")) {
            ps.setLong(1, chatId);
            ps.setLong(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                rows.put(
                    messageId,
                    new MessageRow(
                        messageId,
                        chatId,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        List.of()));
              }
            }
          }
          return withFiles(c, rows).stream().findFirst();
        });
  }

  private static List<MessageRow> withFiles(Connection c, Map<Long, MessageRow> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<FileRow>> files = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT message_id, download_key, name, content_type, size_bytes FROM stored_file WHERE message_id IN ("
                + placeholders(rows.size())
                + ") ORDER BY id")) {
      int i = 1;
      for (Long id : rows.keySet()) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          files
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new FileRow(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
        }
      }
    }
    return rows.values().stream()
        .map(
            m ->
                files.containsKey(m.id())
                    ? new MessageRow(
                        m.id(), m.chatId(), m.sender(), m.text(), m.createdAt(), files.get(m.id()))
                    : m)
        .collect(Collectors.toList());
  }

  /**
   * A stored file by its download key.
   *
   * @param downloadKey the key from the file's URL
   * @return the file, or empty when there is none
   */
  public Optional<FileContent> file(String downloadKey) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, content_type, content FROM stored_file WHERE download_key = ?")) {
            ps.setString(1, downloadKey);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new FileContent(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                  : Optional.<FileContent>empty();
            }
          }
        });
  }

  /**
   * Counts rows of a table (for tests and the banner).
   *
   * @param sql a {@code SELECT COUNT(*) ...} statement with one long parameter or none
   * @param args its parameters
   * @return the count
   */
  public long count(String sql, long... args) {
    return read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              ps.setLong(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  // ---------------------------------------------------------------- helpers

  private static ChatRow chatRow(ResultSet rs) throws SQLException {
    return new ChatRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        nullableLong(rs, 4),
        nullableLong(rs, 5),
        nullableLong(rs, 6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getObject(11, OffsetDateTime.class),
        rs.getObject(12, OffsetDateTime.class));
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static void setLongOrNull(PreparedStatement ps, int index, Long value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void requireBusiness(Connection c, long businessId) throws SQLException {
    if (!exists(c, "SELECT 1 FROM business WHERE id = ?", businessId)) {
      throw SandboxException.notFound(
          "Business "
              + businessId
              + " does not exist in the sandbox; create it with POST /sandbox/businesses");
    }
  }

  private static boolean exists(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Long queryLong(Connection c, String sql, long... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setLong(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? null : value;
      }
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * A random 128-bit key in hex, for download URLs and generated tokens.
   *
   * @return the key
   */
  public static String randomKey() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
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
