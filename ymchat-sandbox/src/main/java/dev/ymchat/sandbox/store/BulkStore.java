package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.Sender;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Bulk inserts for generated demo data: whole chats with their buyer, order, return and messages,
 * written in JDBC batches in one transaction (100 000 messages take seconds), firing no events.
 */
public final class BulkStore {

  /** Chats per batch; a batch is also flushed after each chat with many messages. */
  private static final int CHATS_PER_BATCH = 200;

  private static final int MANY_MESSAGES = 1000;

  /**
   * A message of a generated chat.
   *
   * @param sender who wrote it
   * @param text the text
   * @param at when it was sent
   */
  public record GeneratedMessage(Sender sender, String text, OffsetDateTime at) {}

  /**
   * A generated chat with everything it needs.
   *
   * @param contextType ORDER (with a new order), RETURN (with an order and a return) or DIRECT
   * @param buyerName the buyer's public name
   * @param buyerPublicId the buyer's public id
   * @param type the chat type
   * @param status the chat status
   * @param createdAt when the chat (and its order and return) were created
   * @param updatedAt when its last message was sent
   * @param messages its messages, oldest first
   */
  public record GeneratedChat(
      ContextType contextType,
      String buyerName,
      String buyerPublicId,
      ChatType type,
      ChatStatus status,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      List<GeneratedMessage> messages) {

    /**
     * Copies the messages.
     *
     * @param contextType the context
     * @param buyerName the buyer's name
     * @param buyerPublicId the buyer's public id
     * @param type the chat type
     * @param status the status
     * @param createdAt created at
     * @param updatedAt updated at
     * @param messages the messages
     */
    public GeneratedChat {
      messages = List.copyOf(messages);
    }
  }

  /** Makes the chats one by one, in order, inside the transaction. */
  @FunctionalInterface
  public interface ChatSource {
    /**
     * The chat with this index.
     *
     * @param index 0 for the first chat
     * @return the chat
     */
    GeneratedChat chat(int index);
  }

  private final Database db;

  BulkStore(Database db) {
    this.db = db;
  }

  /**
   * Inserts generated chats into a business, with ids in one block each (chat ids consecutive).
   *
   * @param businessId the business (existing)
   * @param campaignId its campaign for the new orders and chats
   * @param chats how many chats
   * @param messagesPerChat how many messages each chat has
   * @param source the chats
   * @return the id of the first new chat
   */
  public long insertChats(
      long businessId, long campaignId, int chats, int messagesPerChat, ChatSource source) {
    return db.write(
        tx -> {
          long firstChat = tx.allocate(IdCounter.CHAT, chats);
          long firstBuyer = tx.allocate(IdCounter.BUYER, chats);
          long firstOrder = tx.allocate(IdCounter.ORDER, chats);
          long firstReturn = tx.allocate(IdCounter.RETURN, chats);
          long messageId = tx.allocate(IdCounter.MESSAGE, chats * messagesPerChat);
          Batches batches = new Batches(tx.handle());
          for (int i = 0; i < chats; i++) {
            GeneratedChat chat = source.chat(i);
            long buyerId = firstBuyer + i;
            Long orderId = chat.contextType() == ContextType.DIRECT ? null : firstOrder + i;
            Long returnId = chat.contextType() == ContextType.RETURN ? firstReturn + i : null;
            batches.buyer.bind("id", buyerId).bind("name", chat.buyerName());
            batches.buyer.bind("publicId", chat.buyerPublicId()).add();
            if (orderId != null) {
              batches.order.bind("id", orderId).bind("business", businessId);
              batches.order.bind("campaign", campaignId).bind("buyer", buyerId);
              batches.order.bind("at", chat.createdAt()).add();
            }
            if (returnId != null) {
              batches.ret.bind("id", returnId).bind("order", orderId);
              batches.ret.bind("at", chat.createdAt()).add();
            }
            long chatId = firstChat + i;
            batches.chat.bind("id", chatId).bind("business", businessId);
            batches
                .chat
                .bind("contextType", chat.contextType())
                .bind("key", contextKey(chat, orderId, returnId));
            batches
                .chat
                .bind("campaign", campaignId)
                .bind("order", orderId)
                .bind("return", returnId);
            batches
                .chat
                .bind("buyer", buyerId)
                .bind("type", chat.type())
                .bind("status", chat.status());
            batches.chat.bind("created", chat.createdAt()).bind("updated", chat.updatedAt()).add();
            for (GeneratedMessage m : chat.messages()) {
              batches.message.bind("id", messageId++).bind("chat", chatId);
              batches.message.bind("sender", m.sender()).bind("body", m.text());
              batches.message.bind("at", m.at()).add();
            }
            if ((i + 1) % CHATS_PER_BATCH == 0 || messagesPerChat > MANY_MESSAGES) {
              batches.flush();
              batches = new Batches(tx.handle());
            }
          }
          batches.flush();
          return firstChat;
        });
  }

  private static String contextKey(GeneratedChat chat, Long orderId, Long returnId) {
    return switch (chat.contextType()) {
      case ORDER -> "ORDER:" + orderId;
      case RETURN -> "RETURN:" + returnId;
      case DIRECT -> null;
    };
  }

  /** One prepared batch per table, flushed parents first. */
  private static final class Batches {
    final PreparedBatch buyer;
    final PreparedBatch order;
    final PreparedBatch ret;
    final PreparedBatch chat;
    final PreparedBatch message;

    Batches(Handle h) {
      buyer =
          h.prepareBatch("INSERT INTO buyer (id, name, public_id) VALUES (:id, :name, :publicId)");
      order =
          h.prepareBatch(
              "INSERT INTO market_order (id, business_id, campaign_id, buyer_id, created_at)"
                  + " VALUES (:id, :business, :campaign, :buyer, :at)");
      ret =
          h.prepareBatch(
              "INSERT INTO market_return (id, order_id, created_at) VALUES (:id, :order, :at)");
      chat =
          h.prepareBatch(
              "INSERT INTO chat (id, business_id, context_type, context_key, campaign_id, order_id,"
                  + " return_id, buyer_id, chat_type, status, created_at, updated_at)"
                  + " VALUES (:id, :business, :contextType, :key, :campaign, :order, :return,"
                  + " :buyer, :type, :status, :created, :updated)");
      message =
          h.prepareBatch(
              "INSERT INTO message (id, chat_id, sender, body, created_at)"
                  + " VALUES (:id, :chat, :sender, :body, :at)");
    }

    void flush() {
      // Parents before children: buyers, orders, returns, chats, messages.
      for (PreparedBatch batch : List.of(buyer, order, ret, chat, message)) {
        if (batch.size() > 0) {
          batch.execute();
        }
      }
    }
  }
}
