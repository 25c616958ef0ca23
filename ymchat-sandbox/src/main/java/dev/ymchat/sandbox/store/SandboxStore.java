package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatEventListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The sandbox's state: one {@link Database} and a store per aggregate over it (accounts, orders,
 * chats, messages, files, the generator's bulk writes). Opening it creates or migrates the schema.
 */
public final class SandboxStore implements AutoCloseable {

  /** Market shows times in Moscow time; the API's dates carry this offset. */
  public static final ZoneOffset MARKET_OFFSET = Database.MARKET_OFFSET;

  private final Database db;
  private final AccountStore accounts;
  private final OrderStore orders;
  private final ChatStore chats;
  private final MessageStore messages;
  private final FileStore files;
  private final BulkStore bulk;

  private SandboxStore(Database db) {
    this.db = db;
    this.accounts = new AccountStore(db);
    this.orders = new OrderStore(db);
    this.chats = new ChatStore(db);
    this.messages = new MessageStore(db);
    this.files = new FileStore(db);
    this.bulk = new BulkStore(db);
  }

  /**
   * Opens a store in a directory, creating or migrating the database there (owner-only files).
   *
   * @param dataDir the directory for the database files (created if missing)
   * @param clock the clock for timestamps
   * @return the open store
   * @throws IllegalStateException when the directory cannot be created or the files protected
   */
  public static SandboxStore openFile(Path dataDir, Clock clock) {
    return new SandboxStore(Database.openFile(dataDir, clock));
  }

  /**
   * Opens a fresh in-memory store, gone when closed.
   *
   * @param clock the clock for timestamps
   * @return the open store
   */
  public static SandboxStore openInMemory(Clock clock) {
    return new SandboxStore(Database.openInMemory(clock));
  }

  /**
   * Businesses, campaigns and credentials.
   *
   * @return the store
   */
  public AccountStore accounts() {
    return accounts;
  }

  /**
   * Orders and returns.
   *
   * @return the store
   */
  public OrderStore orders() {
    return orders;
  }

  /**
   * Chats.
   *
   * @return the store
   */
  public ChatStore chats() {
    return chats;
  }

  /**
   * Messages.
   *
   * @return the store
   */
  public MessageStore messages() {
    return messages;
  }

  /**
   * Stored files.
   *
   * @return the store
   */
  public FileStore files() {
    return files;
  }

  /**
   * The generator's bulk inserts.
   *
   * @return the store
   */
  public BulkStore bulk() {
    return bulk;
  }

  /**
   * Sets who hears about chat events; events fire after their transaction commits.
   *
   * @param listener the listener, or null for none
   */
  public void setListener(ChatEventListener listener) {
    db.setListener(listener);
  }

  /**
   * Delivers an event that is not tied to a transaction (such as PING) to the listener.
   *
   * @param event the call to make on the listener
   */
  public void fire(java.util.function.Consumer<ChatEventListener> event) {
    db.fire(event);
  }

  /**
   * The current time as the API shows it (whole seconds, Moscow offset).
   *
   * @return now
   */
  public OffsetDateTime now() {
    return db.now();
  }

  /** Reads of the whole state on one snapshot, for a consistent dump. */
  public interface SnapshotReader {
    /**
     * Every business id, ascending.
     *
     * @return the ids
     */
    List<Long> businessIds();

    /**
     * A page of a business's chats in ascending id order.
     *
     * @param businessId the business
     * @param afterChatId only chats with a higher id (0 for the first page)
     * @param limit at most this many
     * @return the chats
     */
    List<ChatRow> chatsAfter(long businessId, long afterChatId, int limit);

    /**
     * Messages of a chat in id order, starting at an id.
     *
     * @param chatId the chat
     * @param fromMessageId the lowest message id to return
     * @param limit at most this many
     * @return the messages with their files
     */
    List<MessageRow> messagesFrom(long chatId, long fromMessageId, int limit);
  }

  /** Work done on a snapshot. */
  @FunctionalInterface
  public interface SnapshotWork<T> {
    /**
     * Does the work.
     *
     * @param reader reads on the snapshot
     * @return the result
     */
    T run(SnapshotReader reader);
  }

  /**
   * Runs read-only work that sees the database as it was at the work's first read (H2's SNAPSHOT
   * isolation), while writes go on: for a consistent dump of the whole state.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   */
  public <T> T snapshot(SnapshotWork<T> work) {
    return db.snapshot(
        h ->
            work.run(
                new SnapshotReader() {
                  @Override
                  public List<Long> businessIds() {
                    return AccountStore.businessIds(h);
                  }

                  @Override
                  public List<ChatRow> chatsAfter(long businessId, long afterChatId, int limit) {
                    return ChatStore.chatsAfter(h, businessId, afterChatId, limit);
                  }

                  @Override
                  public List<MessageRow> messagesFrom(long chatId, long fromMessageId, int limit) {
                    return MessageStore.messagesFrom(h, chatId, fromMessageId, limit);
                  }
                }));
  }

  /**
   * A random 128-bit key in hex, for download URLs and generated tokens.
   *
   * @return the key
   */
  public static String randomKey() {
    return Keys.randomKey();
  }

  /** Closes the database, after the running write. */
  @Override
  public void close() {
    db.close();
  }
}
