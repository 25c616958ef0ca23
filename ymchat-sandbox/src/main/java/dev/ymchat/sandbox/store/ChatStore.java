package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatRules;
import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The chats of businesses: created for orders, returns or by buyers; disputes and finishing. */
public final class ChatStore {

  private static final String SELECT_CHATS =
      "SELECT c.id, c.business_id, c.context_type, c.campaign_id, c.order_id, c.return_id,"
          + " b.name, b.public_id, c.chat_type, c.status, c.created_at, c.updated_at"
          + " FROM chat c JOIN buyer b ON b.id = c.buyer_id";

  private static final RowMapper<ChatRow> CHAT_ROW =
      (rs, ctx) ->
          new ChatRow(
              rs.getLong("id"),
              rs.getLong("business_id"),
              ContextType.valueOf(rs.getString("context_type")),
              rs.getObject("campaign_id", Long.class),
              rs.getObject("order_id", Long.class),
              rs.getObject("return_id", Long.class),
              rs.getString("name"),
              rs.getString("public_id"),
              ChatType.valueOf(rs.getString("chat_type")),
              ChatStatus.valueOf(rs.getString("status")),
              rs.getObject("created_at", OffsetDateTime.class),
              rs.getObject("updated_at", OffsetDateTime.class));

  private final Database db;

  ChatStore(Database db) {
    this.db = db;
  }

  /**
   * Returns the chat of an order or return, creating it when there is none (as Market does).
   *
   * @param businessId the business
   * @param contextType ORDER or RETURN
   * @param contextId the order or return id
   * @return the chat id, new or existing
   * @throws SandboxException 404 for an order or return the business does not have, 400 for DIRECT
   */
  public long createOrGetContextChat(long businessId, ContextType contextType, long contextId) {
    return db.write(tx -> contextChat(tx, businessId, contextType, contextId, db.now()));
  }

  private static long contextChat(
      Tx tx, long businessId, ContextType contextType, long contextId, OffsetDateTime at) {
    ChatRules.requireSellerContext(contextType);
    Handle h = tx.handle();
    long orderId = contextId;
    Long returnId = null;
    if (contextType == ContextType.RETURN) {
      orderId =
          OrderStore.orderOfReturn(h, businessId, contextId)
              .orElseThrow(
                  () ->
                      SandboxException.notFound(
                          "Return "
                              + contextId
                              + " not found in business "
                              + businessId
                              + "; check the return id (GET it from the returns API) and the"
                              + " businessId"));
      returnId = contextId;
    }
    long order = orderId;
    OrderStore.OrderParties parties =
        OrderStore.orderParties(h, businessId, orderId)
            .orElseThrow(
                () ->
                    SandboxException.notFound(
                        "Order "
                            + order
                            + " not found in business "
                            + businessId
                            + "; check the order id and the businessId"));
    String key = contextType + ":" + contextId;
    Optional<Long> existing =
        h.createQuery("SELECT id FROM chat WHERE context_key = :key")
            .bind("key", key)
            .mapTo(Long.class)
            .findOne();
    if (existing.isPresent()) {
      return existing.get();
    }
    long chatId = tx.allocate(IdCounter.CHAT, 1);
    insertChat(
        tx,
        new NewChat(
            chatId,
            businessId,
            contextType,
            key,
            parties.campaignId(),
            orderId,
            returnId,
            parties.buyerId()),
        at);
    return chatId;
  }

  /**
   * A buyer starts a DIRECT chat with the business and writes the first message.
   *
   * @param businessId the business
   * @param buyerName the buyer's public name, or null for a generated one
   * @param text the first message
   * @return the chat id
   * @throws SandboxException 404 for an unknown business
   */
  public long openDirectChat(long businessId, String buyerName, String text) {
    return db.write(
        tx -> {
          OffsetDateTime at = db.now();
          Handle h = tx.handle();
          AccountStore.requireBusiness(h, businessId);
          Long campaignId =
              h.createQuery("SELECT MIN(id) FROM campaign WHERE business_id = :b")
                  .bind("b", businessId)
                  .mapTo(Long.class)
                  .one();
          long buyerId = OrderStore.insertBuyer(tx, buyerName);
          long chatId = tx.allocate(IdCounter.CHAT, 1);
          insertChat(
              tx,
              new NewChat(
                  chatId, businessId, ContextType.DIRECT, null, campaignId, null, null, buyerId),
              at);
          MessageStore.insertMessage(tx, businessId, chatId, Sender.CUSTOMER, text, null, at);
          return chatId;
        });
  }

  /** The columns of a new chat that differ from chat to chat. */
  private record NewChat(
      long id,
      long businessId,
      ContextType contextType,
      String contextKey,
      Long campaignId,
      Long orderId,
      Long returnId,
      long buyerId) {}

  private static void insertChat(Tx tx, NewChat chat, OffsetDateTime at) {
    tx.handle()
        .createUpdate(
            "INSERT INTO chat (id, business_id, context_type, context_key, campaign_id, order_id,"
                + " return_id, buyer_id, chat_type, status, created_at, updated_at)"
                + " VALUES (:id, :businessId, :contextType, :contextKey, :campaignId, :orderId,"
                + " :returnId, :buyerId, :type, :status, :at, :at)")
        .bind("id", chat.id())
        .bind("businessId", chat.businessId())
        .bind("contextType", chat.contextType())
        .bind("contextKey", chat.contextKey())
        .bind("campaignId", chat.campaignId())
        .bind("orderId", chat.orderId())
        .bind("returnId", chat.returnId())
        .bind("buyerId", chat.buyerId())
        .bind("type", ChatType.CHAT)
        .bind("status", ChatStatus.NEW)
        .bind("at", at)
        .execute();
    tx.afterCommit(l -> l.chatCreated(chat.businessId(), chat.id(), at));
  }

  /**
   * Opens a dispute: the chat becomes ARBITRAGE, WAITING_FOR_ARBITER.
   *
   * @param businessId the business
   * @param chatId the chat (an ORDER or RETURN chat that is not finished)
   * @throws SandboxException 404 for an unknown chat, 400 for a DIRECT chat, 423 otherwise
   */
  public void openDispute(long businessId, long chatId) {
    change(
        businessId,
        chatId,
        ChatRules::requireDisputeCanOpen,
        ChatType.ARBITRAGE,
        ChatStatus.WAITING_FOR_ARBITER,
        (tx, at) -> tx.afterCommit(l -> l.arbitrageStarted(businessId, chatId, at)));
  }

  /**
   * Finishes an open dispute: the chat stays ARBITRAGE and becomes FINISHED.
   *
   * @param businessId the business
   * @param chatId the chat
   * @throws SandboxException 404 for an unknown chat, 423 NO_OPEN_DISPUTE without a dispute
   */
  public void finishDispute(long businessId, long chatId) {
    change(
        businessId,
        chatId,
        ChatRules::requireOpenDispute,
        ChatType.ARBITRAGE,
        ChatStatus.FINISHED,
        (tx, at) -> tx.afterCommit(l -> l.arbitrageFinished(businessId, chatId, at)));
  }

  /**
   * Finishes a chat (Market closes it); finished chats accept no messages.
   *
   * @param businessId the business
   * @param chatId the chat
   * @throws SandboxException 404 for an unknown chat
   */
  public void finishChat(long businessId, long chatId) {
    change(businessId, chatId, chat -> {}, null, ChatStatus.FINISHED, (tx, at) -> {});
  }

  private void change(
      long businessId,
      long chatId,
      Consumer<ChatRow> check,
      ChatType type,
      ChatStatus status,
      BiConsumer<Tx, OffsetDateTime> events) {
    db.write(
        tx -> {
          ChatRow chat =
              findChat(tx.handle(), businessId, chatId)
                  .orElseThrow(() -> ChatRules.chatNotFound(businessId, chatId));
          check.accept(chat);
          OffsetDateTime at = db.now();
          tx.handle()
              .createUpdate("UPDATE chat SET chat_type = :type, status = :status WHERE id = :id")
              .bind("type", type != null ? type : chat.type())
              .bind("status", status)
              .bind("id", chatId)
              .execute();
          events.accept(tx, at);
          return null;
        });
  }

  /**
   * A chat of the business.
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the chat, or empty when the business has no such chat
   */
  public Optional<ChatRow> chat(long businessId, long chatId) {
    return db.read(h -> findChat(h, businessId, chatId));
  }

  static Optional<ChatRow> findChat(Handle h, long businessId, long chatId) {
    return h.createQuery(SELECT_CHATS + " WHERE c.id = :id AND c.business_id = :b")
        .bind("id", chatId)
        .bind("b", businessId)
        .map(CHAT_ROW)
        .findOne();
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
    StringBuilder sql = new StringBuilder(SELECT_CHATS).append(" WHERE c.business_id = :b");
    if (beforeChatId != null) {
      sql.append(" AND c.id < :before");
    }
    appendIn(sql, "c.order_id", "orderIds", filter.orderIds());
    List<String> contexts = new ArrayList<>();
    if (filter.orderContexts() != null) {
      contexts.add("(c.context_type = 'ORDER' AND c.order_id IN (<orderContexts>))");
    }
    if (filter.returnContexts() != null) {
      contexts.add("(c.context_type = 'RETURN' AND c.return_id IN (<returnContexts>))");
    }
    if (!contexts.isEmpty()) {
      sql.append(" AND (").append(String.join(" OR ", contexts)).append(')');
    }
    appendIn(sql, "c.context_type", "contextTypes", filter.contextTypes());
    appendIn(sql, "c.chat_type", "types", filter.types());
    appendIn(sql, "c.status", "statuses", filter.statuses());
    sql.append(" ORDER BY c.id DESC LIMIT :limit");
    return db.read(
        h -> {
          Query query = h.createQuery(sql.toString()).bind("b", businessId).bind("limit", limit);
          if (beforeChatId != null) {
            query.bind("before", beforeChatId);
          }
          bindList(query, "orderIds", filter.orderIds());
          bindList(query, "orderContexts", filter.orderContexts());
          bindList(query, "returnContexts", filter.returnContexts());
          bindList(query, "contextTypes", filter.contextTypes());
          bindList(query, "types", filter.types());
          bindList(query, "statuses", filter.statuses());
          return query.map(CHAT_ROW).list();
        });
  }

  private static void appendIn(
      StringBuilder sql, String column, String name, Collection<?> values) {
    if (values != null) {
      sql.append(" AND ").append(column).append(" IN (<").append(name).append(">)");
    }
  }

  private static void bindList(Query query, String name, Collection<?> values) {
    if (values != null) {
      query.bindList(name, List.copyOf(values));
    }
  }

  static List<ChatRow> chatsAfter(Handle h, long businessId, long afterChatId, int limit) {
    return h.createQuery(
            SELECT_CHATS + " WHERE c.business_id = :b AND c.id > :after ORDER BY c.id LIMIT :limit")
        .bind("b", businessId)
        .bind("after", afterChatId)
        .bind("limit", limit)
        .map(CHAT_ROW)
        .list();
  }
}
