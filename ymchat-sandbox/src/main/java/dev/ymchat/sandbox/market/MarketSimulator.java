package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.SandboxException;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.store.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Market side of the sandbox, from Java: what buyers, Market and its support do, which the live
 * API never lets a seller try. Every method commits before it returns and fires its chat events
 * after the commit. Errors are {@link SandboxException}s (unknown business, chat or order: 404; bad
 * input: 400; finished chat: 423).
 */
public final class MarketSimulator {

  private static final String[] BUYER_NAMES = {
    "Анна К.",
    "Иван П.",
    "Мария С.",
    "Дмитрий Л.",
    "Ольга В.",
    "Сергей Н.",
    "Екатерина М.",
    "Алексей Б."
  };
  private static final String[] CUSTOMER_LINES = {
    "Здравствуйте! Когда будет доставка?",
    "Можно поменять адрес доставки?",
    "Товар пришёл с повреждением.",
    "Подскажите, есть ли гарантия?",
    "Спасибо, всё получил.",
    "Где мой заказ?",
    "Можно ли отменить заказ?",
    "Размер не подошёл, как оформить возврат?"
  };
  private static final String[] PARTNER_LINES = {
    "Здравствуйте! Заказ передан в доставку.", "Адрес изменили, спасибо.",
        "Пришлите, пожалуйста, фото.",
    "Гарантия 12 месяцев.", "Рады, что всё в порядке!", "Проверили: заказ будет завтра.",
    "Заказ отменён, деньги вернутся в течение 3 дней.", "Оформите возврат в личном кабинете."
  };

  private final SandboxStore store;

  /**
   * Creates the simulator over the sandbox's store.
   *
   * @param store the store
   */
  public MarketSimulator(SandboxStore store) {
    this.store = store;
  }

  /**
   * Creates a business (a seller's cabinet); nothing happens when it exists.
   *
   * @param businessId the id
   * @param name a display name, or null
   * @return the business id
   */
  public long createBusiness(long businessId, String name) {
    requirePositive(businessId, "businessId");
    return store.createBusiness(businessId, requireName(name, "name"));
  }

  /**
   * Creates a campaign (shop) of a business; nothing happens when it exists.
   *
   * @param businessId the business
   * @param campaignId the campaign id
   * @return the campaign id
   */
  public long createCampaign(long businessId, long campaignId) {
    requirePositive(campaignId, "campaignId");
    return store.createCampaign(businessId, campaignId);
  }

  /**
   * Registers an API key ({@code Api-Key} header) for a business.
   *
   * @param businessId the business
   * @param apiKey the key
   * @param scope what it may do
   */
  public void addApiKey(long businessId, String apiKey, Scope scope) {
    store.addCredential(businessId, CredentialKind.API_KEY, scope, requireSecret(apiKey, "apiKey"));
  }

  /**
   * Registers an OAuth token ({@code Authorization: Bearer}) for a business.
   *
   * @param businessId the business
   * @param token the token
   * @param scope what it may do
   */
  public void addOAuthToken(long businessId, String token, Scope scope) {
    store.addCredential(businessId, CredentialKind.OAUTH, scope, requireSecret(token, "token"));
  }

  /**
   * A buyer places an order in a campaign of the business.
   *
   * @param businessId the business
   * @param campaignId a campaign of the business
   * @param buyerName the buyer's public name, or null for a generated one
   * @return the order id
   */
  public long createOrder(long businessId, long campaignId, String buyerName) {
    return store.createOrder(businessId, campaignId, requireName(buyerName, "buyerName"));
  }

  /**
   * A buyer returns an order.
   *
   * @param businessId the business
   * @param orderId an order of the business
   * @return the return id
   */
  public long createReturn(long businessId, long orderId) {
    return store.createReturn(businessId, orderId);
  }

  /**
   * A buyer writes to the business first: a DIRECT chat with one CUSTOMER message.
   *
   * @param businessId the business
   * @param text the first message
   * @return the chat id
   */
  public long buyerOpensDirectChat(long businessId, String text) {
    return buyerOpensDirectChat(businessId, null, text);
  }

  /**
   * A named buyer writes to the business first: a DIRECT chat with one CUSTOMER message.
   *
   * @param businessId the business
   * @param buyerName the buyer's public name, or null for a generated one
   * @param text the first message
   * @return the chat id
   */
  public long buyerOpensDirectChat(long businessId, String buyerName, String text) {
    return store.openDirectChat(businessId, requireName(buyerName, "buyerName"), requireText(text));
  }

  /**
   * The buyer writes in a chat (status becomes WAITING_FOR_PARTNER).
   *
   * @param businessId the business
   * @param chatId the chat
   * @param text the message
   * @return the message id
   */
  public long buyerWrites(long businessId, long chatId, String text) {
    return store.addMessage(businessId, chatId, "CUSTOMER", requireText(text), null);
  }

  /**
   * The buyer sends a file.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param name the file name
   * @param bytes the content (1 byte to 5 MB)
   * @return the message id
   */
  public long buyerSendsFile(long businessId, long chatId, String name, byte[] bytes) {
    return buyerSendsFile(businessId, chatId, name, "application/octet-stream", bytes);
  }

  /**
   * The buyer sends a file with a content type.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param name the file name
   * @param contentType the file's media type
   * @param bytes the content (1 byte to 5 MB)
   * @return the message id
   */
  public long buyerSendsFile(
      long businessId, long chatId, String name, String contentType, byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes.length > 5 * 1024 * 1024) {
      throw SandboxException.badRequest(
          "the file must have 1 byte to 5 MB, had " + (bytes == null ? 0 : bytes.length));
    }
    String type =
        contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    return store.addMessage(
        businessId,
        chatId,
        "CUSTOMER",
        null,
        new SandboxStore.NewFile(dev.ymchat.sandbox.api.ChatsApi.fileName(name), type, bytes));
  }

  /**
   * Market posts an automatic notice in the chat (the status does not change).
   *
   * @param businessId the business
   * @param chatId the chat
   * @param text the notice
   * @return the message id
   */
  public long marketWrites(long businessId, long chatId, String text) {
    return store.addMessage(businessId, chatId, "MARKET", requireText(text), null);
  }

  /**
   * Market's support (the arbiter in disputes) writes; the seller is expected to answer.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param text the message
   * @return the message id
   */
  public long supportWrites(long businessId, long chatId, String text) {
    return store.addMessage(businessId, chatId, "SUPPORT", requireText(text), null);
  }

  /**
   * The buyer opens a dispute: the chat becomes ARBITRAGE / WAITING_FOR_ARBITER.
   *
   * @param businessId the business
   * @param chatId an ORDER or RETURN chat (DIRECT chats have no disputes: 400)
   */
  public void openDispute(long businessId, long chatId) {
    store.openDispute(businessId, chatId);
  }

  /**
   * The arbiter decides: the chat stays ARBITRAGE and becomes FINISHED.
   *
   * @param businessId the business
   * @param chatId the chat with an open dispute
   */
  public void finishDispute(long businessId, long chatId) {
    store.finishDispute(businessId, chatId);
  }

  /**
   * Market closes the chat; it accepts no new messages afterwards.
   *
   * @param businessId the business
   * @param chatId the chat
   */
  public void finishChat(long businessId, long chatId) {
    store.finishChat(businessId, chatId);
  }

  /** Market checks the seller's notification endpoint: fires {@link ChatEventListener#ping}. */
  public void sendPing() {
    OffsetDateTime at = store.now();
    store.fire(l -> l.ping(at));
  }

  /**
   * Generates demo chats with messages, deterministically for a seed, in batches (100 000 messages
   * take seconds). Creates the business (and a campaign) when missing; fires no events.
   *
   * @param businessId the business
   * @param chats how many chats (0 to 100 000)
   * @param messagesPerChat messages in each chat (0 to 10 000)
   * @param seed the random seed: the same seed gives the same texts, senders and statuses
   * @return what was created
   */
  public GenerateResult generate(long businessId, int chats, int messagesPerChat, long seed) {
    requirePositive(businessId, "businessId");
    if (chats < 0 || chats > 100_000) {
      throw SandboxException.badRequest("chats must be from 0 to 100000, was " + chats);
    }
    if (messagesPerChat < 0 || messagesPerChat > 10_000) {
      throw SandboxException.badRequest(
          "messagesPerChat must be from 0 to 10000, was " + messagesPerChat);
    }
    if ((long) chats * messagesPerChat > 2_000_000L) {
      throw SandboxException.badRequest(
          "chats × messagesPerChat must be at most 2000000 in one call; generate in parts");
    }
    if (!store.businessExists(businessId)) {
      store.createBusiness(businessId, null);
    }
    List<Long> campaigns = store.campaigns(businessId);
    long campaignId =
        campaigns.isEmpty() ? store.createCampaign(businessId, null) : campaigns.get(0);
    if (chats == 0) {
      return new GenerateResult(businessId, 0, 0, 0, 0);
    }
    return store.write(
        tx -> {
          SplittableRandom random = new SplittableRandom(seed);
          Connection c = tx.connection();
          long firstChat = tx.allocate("chat", chats);
          long firstBuyer = tx.allocate("buyer", chats);
          long firstOrder = tx.allocate("order", chats);
          long firstReturn = tx.allocate("return", chats);
          long firstMessage = tx.allocate("message", chats * messagesPerChat);
          OffsetDateTime now = store.now();
          long messageId = firstMessage;
          try (PreparedStatement buyer =
                  c.prepareStatement("INSERT INTO buyer (id, name, public_id) VALUES (?, ?, ?)");
              PreparedStatement order =
                  c.prepareStatement(
                      "INSERT INTO market_order (id, business_id, campaign_id, buyer_id, created_at) VALUES (?, ?, ?, ?, ?)");
              PreparedStatement ret =
                  c.prepareStatement(
                      "INSERT INTO market_return (id, order_id, created_at) VALUES (?, ?, ?)");
              PreparedStatement chat =
                  c.prepareStatement(
                      "INSERT INTO chat (id, business_id, context_type, context_key, campaign_id, order_id, return_id,"
                          + " buyer_id, chat_type, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement message =
                  c.prepareStatement(
                      "INSERT INTO message (id, chat_id, sender, body, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < chats; i++) {
              long chatId = firstChat + i;
              long buyerId = firstBuyer + i;
              long orderId = firstOrder + i;
              double kind = random.nextDouble();
              String contextType = kind < 0.6 ? "ORDER" : kind < 0.8 ? "RETURN" : "DIRECT";
              // Older chats first: chat i started (chats - i) hours ago, messages a minute apart.
              OffsetDateTime created = now.minusHours(chats - i).minusMinutes(messagesPerChat);
              buyer.setLong(1, buyerId);
              buyer.setString(2, BUYER_NAMES[random.nextInt(BUYER_NAMES.length)]);
              buyer.setString(3, "gen" + Long.toHexString(seed) + "x" + i);
              buyer.addBatch();
              Long returnId = null;
              if (!contextType.equals("DIRECT")) {
                order.setLong(1, orderId);
                order.setLong(2, businessId);
                order.setLong(3, campaignId);
                order.setLong(4, buyerId);
                order.setObject(5, created);
                order.addBatch();
                if (contextType.equals("RETURN")) {
                  returnId = firstReturn + i;
                  ret.setLong(1, returnId);
                  ret.setLong(2, orderId);
                  ret.setObject(3, created);
                  ret.addBatch();
                }
              }
              String type = "CHAT";
              String status = "NEW";
              OffsetDateTime updated = created;
              boolean customerTurn = contextType.equals("DIRECT") || random.nextBoolean();
              String[] senders = new String[messagesPerChat];
              String[] texts = new String[messagesPerChat];
              for (int m = 0; m < messagesPerChat; m++) {
                senders[m] = customerTurn ? "CUSTOMER" : "PARTNER";
                String[] lines = customerTurn ? CUSTOMER_LINES : PARTNER_LINES;
                texts[m] = lines[random.nextInt(lines.length)];
                status = SandboxStore.nextStatus(type, status, senders[m]);
                customerTurn = random.nextInt(4) != 0 ? !customerTurn : customerTurn;
              }
              if (messagesPerChat > 0) {
                updated = created.plusMinutes(messagesPerChat);
              }
              double fate = random.nextDouble();
              if (!contextType.equals("DIRECT") && fate < 0.08) {
                type = "ARBITRAGE";
                status = "WAITING_FOR_ARBITER";
              } else if (fate < 0.15) {
                status = "FINISHED";
              }
              chat.setLong(1, chatId);
              chat.setLong(2, businessId);
              chat.setString(3, contextType);
              chat.setString(
                  4,
                  contextType.equals("ORDER")
                      ? "ORDER:" + orderId
                      : contextType.equals("RETURN") ? "RETURN:" + returnId : null);
              chat.setLong(5, campaignId);
              if (contextType.equals("DIRECT")) {
                chat.setNull(6, java.sql.Types.BIGINT);
              } else {
                chat.setLong(6, orderId);
              }
              if (returnId == null) {
                chat.setNull(7, java.sql.Types.BIGINT);
              } else {
                chat.setLong(7, returnId);
              }
              chat.setLong(8, buyerId);
              chat.setString(9, type);
              chat.setString(10, status);
              chat.setObject(11, created);
              chat.setObject(12, updated);
              chat.addBatch();
              for (int m = 0; m < messagesPerChat; m++) {
                message.setLong(1, messageId++);
                message.setLong(2, chatId);
                message.setString(3, senders[m]);
                message.setString(4, texts[m]);
                message.setObject(5, created.plusMinutes(m + 1));
                message.addBatch();
              }
              if ((i + 1) % 200 == 0 || messagesPerChat > 1000) {
                flush(buyer, order, ret, chat, message);
              }
            }
            flush(buyer, order, ret, chat, message);
          }
          return new GenerateResult(
              businessId, chats, (long) chats * messagesPerChat, firstChat, firstChat + chats - 1);
        });
  }

  private static void flush(PreparedStatement... statements) throws SQLException {
    // Parents before children: buyers, orders, returns, chats, messages.
    for (PreparedStatement statement : statements) {
      statement.executeBatch();
    }
  }

  private static String requireText(String text) {
    if (text == null || text.isBlank()) {
      throw SandboxException.badRequest("text is required: 1 to 4096 characters");
    }
    if (text.codePointCount(0, text.length()) > 4096) {
      throw SandboxException.badRequest("text is longer than 4096 characters; split it");
    }
    return text;
  }

  private static String requireName(String name, String what) {
    if (name != null && (name.length() > 255 || name.chars().anyMatch(Character::isISOControl))) {
      throw SandboxException.badRequest(
          what + " must be at most 255 characters without control characters");
    }
    return name;
  }

  private static String requireSecret(String secret, String what) {
    if (secret == null
        || secret.isBlank()
        || secret.length() > 512
        || !secret.equals(secret.trim())) {
      throw SandboxException.badRequest(
          what + " must be 1 to 512 characters without surrounding spaces");
    }
    return secret;
  }

  private static void requirePositive(long id, String what) {
    if (id < 1) {
      throw SandboxException.badRequest(what + " must be at least 1, was " + id);
    }
  }
}
