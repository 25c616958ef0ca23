package dev.ymchat.sync.store;

import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatCustomer;
import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.sql.Times;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The writes of the mirror: chats, messages and their files, and per-chat cursors ({@link
 * MirrorReads} reads them back, {@link ReplyLinks} links sent replies to their messages). Writes
 * take the caller's transaction and add the events of the changes they make to the caller's list,
 * which the caller appends last (see {@code EventLog}).
 */
public final class Mirror {

  /** Read priority of a push-triggered read (lower is more urgent). */
  public static final int PRIORITY_PUSH = 1;

  /** Read priority of a read asked for by a reply's lookup or a reconcile sweep. */
  public static final int PRIORITY_RECONCILE = 2;

  /** Read priority of a first-start backfill read. */
  public static final int PRIORITY_BACKFILL = 3;

  private static final String[] CHAT_KEYS = {"business_id", "chat_id"};
  private static final String[] CURSOR_COLUMNS = {
    "history_complete",
    "read_wanted",
    "refresh_wanted",
    "read_priority",
    "read_generation",
    "read_failures"
  };
  private static final String[] MESSAGE_KEYS = {"business_id", "chat_id", "message_id"};
  private static final String[] MESSAGE_COLUMNS = {
    "created_at", "created_offset", "sender", "body_text", "file_count", "ingested_at"
  };

  private final Dialect dialect;

  /**
   * Creates the mirror's SQL for a database.
   *
   * @param dialect the database's dialect
   */
  public Mirror(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Adds a business to the mirror when it is not there yet; its first pass is a backfill.
   *
   * @param h a handle
   * @param businessId the business
   * @param now the time
   */
  public void ensureBusiness(Handle h, long businessId, Instant now) {
    h.createUpdate(
            dialect.insertIfAbsent(
                "businesses",
                new String[] {"business_id"},
                new String[] {"added_at", "backfill_state", "next_pass_at"}))
        .bind("business_id", businessId)
        .bind("added_at", Times.db(now))
        .bind("backfill_state", "LISTING")
        .bind("next_pass_at", Times.db(now))
        .execute();
  }

  /**
   * Writes a chat as the API returned it, and records what changed.
   *
   * @param h a handle in a transaction
   * @param businessId the business
   * @param chat the chat from getChats or getChat
   * @param now the time
   * @param events where to add the events of the change
   * @return the chat as the mirror had it before, or empty when it is new
   */
  public Optional<Chat> upsertChat(
      Handle h, long businessId, Chat chat, Instant now, List<NewEvent> events) {
    Optional<Chat> before = MirrorReads.chat(h, businessId, chat.chatId());
    if (before.isPresent() && sameChat(before.get(), chat)) {
      return before;
    }
    ChatFullContext context = chat.context();
    ChatCustomer customer = context == null ? null : context.customer();
    h.createUpdate(
            dialect.upsert(
                "chats",
                CHAT_KEYS,
                new String[] {
                  "order_id",
                  "has_context",
                  "context_type",
                  "has_customer",
                  "customer_name",
                  "customer_public_id",
                  "campaign_id",
                  "context_order_id",
                  "context_return_id",
                  "chat_type",
                  "status",
                  "created_at",
                  "created_offset",
                  "updated_at",
                  "updated_offset",
                  "mirrored_at"
                }))
        .bind("business_id", businessId)
        .bind("chat_id", chat.chatId())
        .bind("order_id", chat.orderId())
        .bind("has_context", context != null)
        .bind("context_type", context == null ? null : value(context.type()))
        .bind("has_customer", customer != null)
        .bind("customer_name", customer == null ? null : customer.name())
        .bind("customer_public_id", customer == null ? null : customer.publicId())
        .bind("campaign_id", context == null ? null : context.campaignId())
        .bind("context_order_id", context == null ? null : context.orderId())
        .bind("context_return_id", context == null ? null : context.returnId())
        .bind("chat_type", value(chat.type()))
        .bind("status", value(chat.status()))
        .bind("created_at", chat.createdAt())
        .bind("created_offset", Times.offsetOf(chat.createdAt()))
        .bind("updated_at", chat.updatedAt())
        .bind("updated_offset", Times.offsetOf(chat.updatedAt()))
        .bind("mirrored_at", Times.db(now))
        .execute();
    long chatId = chat.chatId();
    if (before.isEmpty()) {
      events.add(
          new NewEvent(
              businessId,
              chatId,
              EventType.CHAT_CREATED,
              0,
              0,
              value(chat.type()) + "/" + value(chat.status())));
      return before;
    }
    Chat old = before.get();
    boolean statusChanged = !Objects.equals(old.status(), chat.status());
    if (statusChanged) {
      events.add(
          new NewEvent(
              businessId,
              chatId,
              EventType.STATUS_CHANGED,
              0,
              0,
              value(old.status()) + "->" + value(chat.status())));
    }
    if (!ChatType.ARBITRAGE.equals(old.type()) && ChatType.ARBITRAGE.equals(chat.type())) {
      events.add(new NewEvent(businessId, chatId, EventType.DISPUTE_OPENED, 0, 0, null));
    }
    if (ChatType.ARBITRAGE.equals(chat.type())
        && statusChanged
        && ChatStatus.FINISHED.equals(chat.status())) {
      events.add(new NewEvent(businessId, chatId, EventType.DISPUTE_FINISHED, 0, 0, null));
    }
    if (!statusChanged && Objects.equals(old.type(), chat.type())) {
      events.add(new NewEvent(businessId, chatId, EventType.CHAT_UPDATED, 0, 0, null));
    }
    return before;
  }

  private static boolean sameChat(Chat a, Chat b) {
    return a.equals(b)
        && sameOffset(a.createdAt(), b.createdAt())
        && sameOffset(a.updatedAt(), b.updatedAt());
  }

  private static boolean sameOffset(java.time.OffsetDateTime a, java.time.OffsetDateTime b) {
    return a == null ? b == null : b != null && a.getOffset().equals(b.getOffset());
  }

  /**
   * Makes sure a chat has a cursor row.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   */
  public void ensureCursor(Handle h, long businessId, long chatId) {
    h.createUpdate(dialect.insertIfAbsent("chat_cursors", CHAT_KEYS, CURSOR_COLUMNS))
        .bind("business_id", businessId)
        .bind("chat_id", chatId)
        .bind("history_complete", false)
        .bind("read_wanted", false)
        .bind("refresh_wanted", false)
        .bind("read_priority", PRIORITY_BACKFILL)
        .bind("read_generation", 0L)
        .bind("read_failures", 0)
        .execute();
  }

  /**
   * Asks for a read of a chat's history (and of the chat itself with {@code refresh}). Hints for
   * one chat coalesce: one read serves them all, and a hint that comes during a read makes another
   * read follow it.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @param priority {@link #PRIORITY_PUSH}, {@link #PRIORITY_RECONCILE} or {@link
   *     #PRIORITY_BACKFILL}
   * @param refresh whether to read the chat (getChat) before its history
   * @param now the time
   */
  public void requestRead(
      Handle h, long businessId, long chatId, int priority, boolean refresh, Instant now) {
    ensureCursor(h, businessId, chatId);
    h.createUpdate(
            "UPDATE chat_cursors SET read_generation = read_generation + 1,"
                + " read_priority = CASE WHEN read_wanted = TRUE AND read_priority < :priority"
                + " THEN read_priority ELSE :priority END,"
                + " read_wanted_since = CASE WHEN read_wanted = TRUE THEN read_wanted_since"
                + " ELSE :now END,"
                + " refresh_wanted = CASE WHEN :refresh = TRUE THEN TRUE ELSE refresh_wanted END,"
                + " read_wanted = TRUE"
                + " WHERE business_id = :business AND chat_id = :chat")
        .bind("priority", priority)
        .bind("now", Times.db(now))
        .bind("refresh", refresh)
        .bind("business", businessId)
        .bind("chat", chatId)
        .execute();
  }

  /** A chat's cursor. */
  public record Cursor(
      long lastMessageId, boolean historyComplete, boolean refreshWanted, Instant settledThrough) {}

  /**
   * Reads a chat's cursor.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @return the cursor, or empty when the chat has none
   */
  public Optional<Cursor> cursor(Handle h, long businessId, long chatId) {
    return h.createQuery(
            "SELECT last_message_id, history_complete, refresh_wanted, settled_through"
                + " FROM chat_cursors WHERE business_id = :business AND chat_id = :chat")
        .bind("business", businessId)
        .bind("chat", chatId)
        .map(
            (rs, ctx) ->
                new Cursor(
                    rs.getLong("last_message_id"),
                    rs.getBoolean("history_complete"),
                    rs.getBoolean("refresh_wanted"),
                    Times.instant(rs, "settled_through")))
        .findOne();
  }

  /**
   * Tells whether the mirror has a message.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @param messageId the message
   * @return true when it is mirrored
   */
  public boolean hasMessage(Handle h, long businessId, long chatId, long messageId) {
    return h.createQuery(
                "SELECT COUNT(*) FROM messages WHERE business_id = :business AND chat_id = :chat"
                    + " AND message_id = :message")
            .bind("business", businessId)
            .bind("chat", chatId)
            .bind("message", messageId)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /**
   * Writes the messages of a history page that the mirror does not have, moves the chat's cursor
   * forward, and links sent replies to the seller's messages among them.
   *
   * @param h a handle in a transaction
   * @param businessId the business
   * @param chatId the chat
   * @param messages the messages, oldest first, as the API returned them
   * @param now the time
   * @param events where to add the events of the change
   * @return how many messages were new
   */
  public int ingestMessages(
      Handle h,
      long businessId,
      long chatId,
      List<ChatMessage> messages,
      Instant now,
      List<NewEvent> events) {
    lockChat(h, businessId, chatId);
    if (messages.isEmpty()) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    long max = 0;
    for (ChatMessage m : messages) {
      min = Math.min(min, m.messageId());
      max = Math.max(max, m.messageId());
    }
    Set<Long> known =
        new HashSet<>(
            h.createQuery(
                    "SELECT message_id FROM messages WHERE business_id = :business"
                        + " AND chat_id = :chat AND message_id BETWEEN :min AND :max")
                .bind("business", businessId)
                .bind("chat", chatId)
                .bind("min", min)
                .bind("max", max)
                .mapTo(Long.class)
                .list());
    String insert = dialect.insertIfAbsent("messages", MESSAGE_KEYS, MESSAGE_COLUMNS);
    int added = 0;
    boolean partner = false;
    for (ChatMessage m : messages) {
      if (!known.add(m.messageId())) {
        continue;
      }
      int inserted =
          h.createUpdate(insert)
              .bind("business_id", businessId)
              .bind("chat_id", chatId)
              .bind("message_id", m.messageId())
              .bind("created_at", m.createdAt())
              .bind("created_offset", Times.offsetOf(m.createdAt()))
              .bind("sender", m.sender() == null ? null : m.sender().value())
              .bind("body_text", m.message())
              .bind("file_count", m.payload().size())
              .bind("ingested_at", Times.db(now))
              .execute();
      if (inserted == 0) {
        continue;
      }
      int index = 0;
      for (MessagePayload file : m.payload()) {
        h.createUpdate(
                "INSERT INTO message_files (business_id, chat_id, message_id, file_index,"
                    + " file_name, file_url, size_bytes) VALUES (:business, :chat, :message,"
                    + " :index, :name, :url, :size)")
            .bind("business", businessId)
            .bind("chat", chatId)
            .bind("message", m.messageId())
            .bind("index", index++)
            .bind("name", file.name())
            .bind("url", file.url())
            .bind("size", file.size())
            .execute();
      }
      added++;
      events.add(
          new NewEvent(businessId, chatId, messageEvent(m.sender()), m.messageId(), 0, sender(m)));
      partner |= MessageSender.PARTNER.equals(m.sender());
    }
    h.createUpdate(
            "UPDATE chat_cursors SET last_message_id = :max WHERE business_id = :business"
                + " AND chat_id = :chat AND (last_message_id IS NULL OR last_message_id < :max)")
        .bind("max", max)
        .bind("business", businessId)
        .bind("chat", chatId)
        .execute();
    if (partner) {
      ReplyLinks.linkReplies(h, businessId, chatId, events);
    }
    return added;
  }

  private static EventType messageEvent(MessageSender sender) {
    if (MessageSender.CUSTOMER.equals(sender)) {
      return EventType.BUYER_MESSAGE_RECEIVED;
    }
    if (MessageSender.PARTNER.equals(sender)) {
      return EventType.PARTNER_MESSAGE_MIRRORED;
    }
    return EventType.MESSAGE_RECEIVED;
  }

  private static String sender(ChatMessage m) {
    return m.sender() == null ? null : m.sender().value();
  }

  /**
   * Takes the lock of a chat's cursor row for the rest of the transaction. Ingesting a chat's
   * messages and marking one of its replies sent both take it first: otherwise each could miss the
   * other's uncommitted row (the message, the SENT state) and neither would link the reply to its
   * message. With the lock, whichever comes second sees what the first committed. This is the only
   * lock taken besides the claims (see {@link Claims}) and the event position.
   *
   * @param h a handle in a transaction
   * @param businessId the business
   * @param chatId the chat
   */
  public void lockChat(Handle h, long businessId, long chatId) {
    ensureCursor(h, businessId, chatId);
    h.createUpdate(
            "UPDATE chat_cursors SET read_failures = read_failures WHERE business_id = :business"
                + " AND chat_id = :chat")
        .bind("business", businessId)
        .bind("chat", chatId)
        .execute();
  }

  private static String value(dev.ymchat.client.model.OpenEnum<?> e) {
    return e == null ? null : e.value();
  }
}
