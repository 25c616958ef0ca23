package dev.ymchat.sync.outbox;

import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The outbox: replies stored first and delivered later, exactly once and in order within each chat.
 * {@code send} and {@code sendFile} return at once with the reply's id; a running sync delivers it.
 * Each change of a reply is one transaction with its event.
 */
public final class Outbox {

  /** The longest text the API accepts, in characters (Unicode code points). */
  public static final int MAX_TEXT_LENGTH = 4096;

  /** The largest file the API accepts. */
  public static final long MAX_FILE_SIZE = 5L * 1024 * 1024;

  private static final String COLUMNS =
      "reply_id, business_id, chat_id, kind, body_text, file_name, reply_state, attempts,"
          + " in_doubt, last_error, message_id, created_at, sent_at";

  private final Database database;
  private final Clock clock;
  private final Runnable onQueued;

  /**
   * Creates the outbox over a database.
   *
   * @param database the database
   * @param clock the clock
   * @param onQueued called after a reply was queued in a transaction of the outbox's own (wakes the
   *     delivery in this process)
   */
  public Outbox(Database database, Clock clock, Runnable onQueued) {
    this.database = database;
    this.clock = clock;
    this.onQueued = onQueued;
  }

  /**
   * Queues a text reply in a transaction of its own.
   *
   * @param businessId the business; the sync must serve it
   * @param chatId the chat
   * @param text 1 to 4096 characters
   * @return the reply's id
   * @throws IllegalArgumentException when an input is invalid or the business is unknown
   */
  public long send(long businessId, long chatId, String text) {
    long id = database.inTransaction(h -> send(h, businessId, chatId, text));
    onQueued.run();
    return id;
  }

  /**
   * Queues a text reply in the caller's transaction: it is delivered only if that commits.
   *
   * @param handle the caller's Jdbi handle, in a transaction
   * @param businessId the business; the sync must serve it
   * @param chatId the chat
   * @param text 1 to 4096 characters
   * @return the reply's id
   * @throws IllegalArgumentException when an input is invalid or the business is unknown
   */
  public long send(Handle handle, long businessId, long chatId, String text) {
    checkIds(businessId, chatId);
    checkText(text);
    return insert(handle, businessId, chatId, ReplyBody.text(text));
  }

  /**
   * Queues a file reply in a transaction of its own.
   *
   * @param businessId the business; the sync must serve it
   * @param chatId the chat
   * @param fileName the file name as the buyer will see it
   * @param content 1 byte to 5 MB
   * @return the reply's id
   * @throws IllegalArgumentException when an input is invalid or the business is unknown
   */
  public long sendFile(long businessId, long chatId, String fileName, byte[] content) {
    long id = database.inTransaction(h -> sendFile(h, businessId, chatId, fileName, content));
    onQueued.run();
    return id;
  }

  /**
   * Queues a file from disk in a transaction of its own.
   *
   * @param businessId the business; the sync must serve it
   * @param chatId the chat
   * @param file the file, 1 byte to 5 MB
   * @return the reply's id
   * @throws IllegalArgumentException when an input is invalid or the business is unknown
   * @throws UncheckedIOException when the file cannot be read
   */
  public long sendFile(long businessId, long chatId, Path file) {
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new IllegalArgumentException(
            "file " + file.getFileName() + " is over 5 MB; the API accepts at most 5 MB");
      }
      return sendFile(businessId, chatId, file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Queues a file reply in the caller's transaction.
   *
   * @param handle the caller's Jdbi handle, in a transaction
   * @param businessId the business; the sync must serve it
   * @param chatId the chat
   * @param fileName the file name as the buyer will see it
   * @param content 1 byte to 5 MB
   * @return the reply's id
   * @throws IllegalArgumentException when an input is invalid or the business is unknown
   */
  public long sendFile(
      Handle handle, long businessId, long chatId, String fileName, byte[] content) {
    checkIds(businessId, chatId);
    if (fileName == null || fileName.isBlank() || fileName.length() > 255) {
      throw new IllegalArgumentException("fileName must be 1 to 255 characters");
    }
    Objects.requireNonNull(content, "content");
    if (content.length == 0 || content.length > MAX_FILE_SIZE) {
      throw new IllegalArgumentException(
          "file content must be 1 byte to 5 MB, got " + content.length + " bytes");
    }
    return insert(handle, businessId, chatId, ReplyBody.file(fileName, content));
  }

  private long insert(Handle h, long businessId, long chatId, ReplyBody body) {
    boolean known =
        h.createQuery("SELECT COUNT(*) FROM businesses WHERE business_id = :business")
                .bind("business", businessId)
                .mapTo(Long.class)
                .one()
            > 0;
    if (!known) {
      throw new IllegalArgumentException(
          "business "
              + businessId
              + " is not served by this sync; add it to the sync's businesses first");
    }
    Instant now = clock.instant();
    long id =
        h.createUpdate(
                "INSERT INTO outbox (business_id, chat_id, kind, body_text, file_name,"
                    + " file_content_type, file_content, file_size, reply_state, attempts,"
                    + " in_doubt, next_attempt_at, created_at, updated_at) VALUES (:business,"
                    + " :chat, :kind, :text, :fileName, :contentType, :content, :size, 'QUEUED',"
                    + " 0, FALSE, :now, :now, :now)")
            .bind("business", businessId)
            .bind("chat", chatId)
            .bind("kind", body.kind())
            .bind("text", body.text())
            .bind("fileName", body.fileName())
            .bind("contentType", body.contentType())
            .bind("content", body.content())
            .bind("size", body.size())
            .bind("now", Times.db(now))
            .executeAndReturnGeneratedKeys("reply_id")
            .mapTo(Long.class)
            .one();
    EventLog.append(
        h, new NewEvent(businessId, chatId, EventType.REPLY_QUEUED, 0, id, body.fileName()), now);
    return id;
  }

  /**
   * Reads a reply.
   *
   * @param replyId the reply's id
   * @return the reply, or empty when there is none
   */
  public Optional<Reply> reply(long replyId) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE reply_id = :id")
                .bind("id", replyId)
                .map((rs, ctx) -> read(rs))
                .findOne());
  }

  /**
   * Reads the replies of a chat, oldest first.
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the replies
   */
  public List<Reply> replies(long businessId, long chatId) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM outbox WHERE business_id = :business AND chat_id = :chat"
                        + " ORDER BY reply_id")
                .bind("business", businessId)
                .bind("chat", chatId)
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /**
   * Reads the blocked replies of a business, oldest first.
   *
   * @param businessId the business
   * @return the replies
   */
  public List<Reply> blocked(long businessId) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM outbox WHERE business_id = :business"
                        + " AND reply_state = 'BLOCKED' ORDER BY reply_id")
                .bind("business", businessId)
                .map((rs, ctx) -> read(rs))
                .list());
  }

  /**
   * Puts a blocked reply back in the queue with a fresh count of attempts. A reply whose last
   * attempt is in doubt is still looked for in the chat before it is sent again.
   *
   * @param replyId the reply
   * @throws NoSuchElementException when there is no such reply
   * @throws IllegalStateException when the reply is not blocked
   */
  public void retry(long replyId) {
    change(
        replyId,
        "UPDATE outbox SET reply_state = 'QUEUED', attempts = 0, next_attempt_at = :now,"
            + " updated_at = :now WHERE reply_id = :id AND reply_state = 'BLOCKED'",
        null,
        EventType.REPLY_RETRIED,
        "only a BLOCKED reply can be retried");
    onQueued.run();
  }

  /**
   * Changes the text of a reply that has not gone out: a queued reply no worker holds, or a blocked
   * one. A reply whose last attempt may have reached the chat cannot be edited (retry it, and the
   * sync looks for it first, or cancel it).
   *
   * @param replyId the reply
   * @param text the new text, 1 to 4096 characters
   * @throws NoSuchElementException when there is no such reply
   * @throws IllegalStateException when the reply cannot be edited now
   */
  public void edit(long replyId, String text) {
    checkText(text);
    change(
        replyId,
        "UPDATE outbox SET body_text = :text, updated_at = :now WHERE reply_id = :id"
            + " AND kind = 'TEXT' AND reply_state IN ('QUEUED', 'BLOCKED') AND in_doubt = FALSE"
            + " AND (claim_until IS NULL OR claim_until < :now)",
        text,
        EventType.REPLY_EDITED,
        "only a text reply that is QUEUED (and not being delivered) or BLOCKED, and whose last"
            + " attempt did not possibly reach the chat, can be edited");
  }

  /**
   * Cancels a reply that has not gone out: a queued reply no worker holds, or a blocked one.
   *
   * @param replyId the reply
   * @throws NoSuchElementException when there is no such reply
   * @throws IllegalStateException when the reply is sent, cancelled or being delivered
   */
  public void cancel(long replyId) {
    change(
        replyId,
        "UPDATE outbox SET reply_state = 'CANCELLED', updated_at = :now WHERE reply_id = :id"
            + " AND reply_state IN ('QUEUED', 'BLOCKED')"
            + " AND (claim_until IS NULL OR claim_until < :now)",
        null,
        EventType.REPLY_CANCELLED,
        "only a reply that is QUEUED (and not being delivered) or BLOCKED can be cancelled");
  }

  private void change(long replyId, String sql, String text, EventType event, String rule) {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          Optional<Reply> reply =
              h.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE reply_id = :id")
                  .bind("id", replyId)
                  .map((rs, ctx) -> read(rs))
                  .findOne();
          if (reply.isEmpty()) {
            throw new NoSuchElementException("There is no reply " + replyId + " in the outbox");
          }
          var update = h.createUpdate(sql).bind("id", replyId).bind("now", Times.db(now));
          if (text != null) {
            update.bind("text", text);
          }
          if (update.execute() != 1) {
            throw new IllegalStateException(
                "Reply " + replyId + " is " + describe(reply.get()) + ": " + rule);
          }
          Reply r = reply.get();
          EventLog.append(
              h,
              new NewEvent(
                  r.businessId(),
                  r.chatId(),
                  event,
                  0,
                  replyId,
                  event == EventType.REPLY_CANCELLED && r.inDoubt()
                      ? "its last attempt may have reached the chat"
                      : null),
              now);
          return null;
        });
  }

  private static String describe(Reply r) {
    return r.state() + (r.inDoubt() ? " (last attempt in doubt)" : "");
  }

  static Reply read(ResultSet rs) throws SQLException {
    return new Reply(
        rs.getLong("reply_id"),
        rs.getLong("business_id"),
        rs.getLong("chat_id"),
        "FILE".equals(rs.getString("kind")),
        rs.getString("body_text"),
        rs.getString("file_name"),
        ReplyState.valueOf(rs.getString("reply_state")),
        rs.getInt("attempts"),
        rs.getBoolean("in_doubt"),
        rs.getString("last_error"),
        rs.getLong("message_id"),
        Times.instant(rs, "created_at"),
        Times.instant(rs, "sent_at"));
  }

  private static void checkIds(long businessId, long chatId) {
    if (businessId < 1 || chatId < 1) {
      throw new IllegalArgumentException(
          "businessId and chatId must be at least 1, got " + businessId + " and " + chatId);
    }
  }

  private static void checkText(String text) {
    int length = text == null ? 0 : text.codePointCount(0, text.length());
    if (length < 1 || length > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "A reply's text must be 1 to "
              + MAX_TEXT_LENGTH
              + " characters, got "
              + (text == null ? "null" : length));
    }
  }
}
