package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.domain.ChatRules;
import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import dev.ymchat.sandbox.store.BulkStore;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.NewFile;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.store.Scope;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
    return store.accounts().createBusiness(businessId, requireName(name, "name"));
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
    return store.accounts().createCampaign(businessId, campaignId);
  }

  /**
   * Registers an API key ({@code Api-Key} header) for a business.
   *
   * @param businessId the business
   * @param apiKey the key
   * @param scope what it may do
   */
  public void addApiKey(long businessId, String apiKey, Scope scope) {
    store
        .accounts()
        .addCredential(businessId, CredentialKind.API_KEY, scope, requireSecret(apiKey, "apiKey"));
  }

  /**
   * Registers an OAuth token ({@code Authorization: Bearer}) for a business.
   *
   * @param businessId the business
   * @param token the token
   * @param scope what it may do
   */
  public void addOAuthToken(long businessId, String token, Scope scope) {
    store
        .accounts()
        .addCredential(businessId, CredentialKind.OAUTH, scope, requireSecret(token, "token"));
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
    return store.orders().createOrder(businessId, campaignId, requireName(buyerName, "buyerName"));
  }

  /**
   * A buyer returns an order.
   *
   * @param businessId the business
   * @param orderId an order of the business
   * @return the return id
   */
  public long createReturn(long businessId, long orderId) {
    return store.orders().createReturn(businessId, orderId);
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
    return store
        .chats()
        .openDirectChat(businessId, requireName(buyerName, "buyerName"), requireText(text));
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
    return store
        .messages()
        .addMessage(businessId, chatId, Sender.CUSTOMER, requireText(text), null);
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
    return store
        .messages()
        .addMessage(
            businessId,
            chatId,
            Sender.CUSTOMER,
            null,
            new NewFile(dev.ymchat.sandbox.api.ChatsApi.fileName(name), type, bytes));
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
    return store.messages().addMessage(businessId, chatId, Sender.MARKET, requireText(text), null);
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
    return store.messages().addMessage(businessId, chatId, Sender.SUPPORT, requireText(text), null);
  }

  /**
   * The buyer opens a dispute: the chat becomes ARBITRAGE / WAITING_FOR_ARBITER.
   *
   * @param businessId the business
   * @param chatId an ORDER or RETURN chat (DIRECT chats have no disputes: 400)
   */
  public void openDispute(long businessId, long chatId) {
    store.chats().openDispute(businessId, chatId);
  }

  /**
   * The arbiter decides: the chat stays ARBITRAGE and becomes FINISHED.
   *
   * @param businessId the business
   * @param chatId the chat with an open dispute
   */
  public void finishDispute(long businessId, long chatId) {
    store.chats().finishDispute(businessId, chatId);
  }

  /**
   * Market closes the chat; it accepts no new messages afterwards.
   *
   * @param businessId the business
   * @param chatId the chat
   */
  public void finishChat(long businessId, long chatId) {
    store.chats().finishChat(businessId, chatId);
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
    if (!store.accounts().businessExists(businessId)) {
      store.accounts().createBusiness(businessId, null);
    }
    List<Long> campaigns = store.accounts().campaigns(businessId);
    long campaignId =
        campaigns.isEmpty() ? store.accounts().createCampaign(businessId, null) : campaigns.get(0);
    if (chats == 0) {
      return new GenerateResult(businessId, 0, 0, 0, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    OffsetDateTime now = store.now();
    long firstChat =
        store
            .bulk()
            .insertChats(
                businessId,
                campaignId,
                chats,
                messagesPerChat,
                i -> generatedChat(random, seed, i, chats, messagesPerChat, now));
    return new GenerateResult(
        businessId, chats, (long) chats * messagesPerChat, firstChat, firstChat + chats - 1);
  }

  /** Chat {@code i} of {@code chats}: its context, buyer, messages and fate, drawn from random. */
  private static BulkStore.GeneratedChat generatedChat(
      SplittableRandom random,
      long seed,
      int i,
      int chats,
      int messagesPerChat,
      OffsetDateTime now) {
    double kind = random.nextDouble();
    ContextType contextType =
        kind < 0.6 ? ContextType.ORDER : kind < 0.8 ? ContextType.RETURN : ContextType.DIRECT;
    // Older chats first: chat i started (chats - i) hours ago, messages a minute apart.
    OffsetDateTime created = now.minusHours(chats - i).minusMinutes(messagesPerChat);
    String buyerName = BUYER_NAMES[random.nextInt(BUYER_NAMES.length)];
    ChatType type = ChatType.CHAT;
    ChatStatus status = ChatStatus.NEW;
    boolean customerTurn = contextType == ContextType.DIRECT || random.nextBoolean();
    List<BulkStore.GeneratedMessage> messages = new ArrayList<>(messagesPerChat);
    for (int m = 0; m < messagesPerChat; m++) {
      Sender sender = customerTurn ? Sender.CUSTOMER : Sender.PARTNER;
      String[] lines = customerTurn ? CUSTOMER_LINES : PARTNER_LINES;
      messages.add(
          new BulkStore.GeneratedMessage(
              sender, lines[random.nextInt(lines.length)], created.plusMinutes(m + 1)));
      status = ChatRules.afterMessage(type, status, sender);
      customerTurn = random.nextInt(4) != 0 ? !customerTurn : customerTurn;
    }
    OffsetDateTime updated = messagesPerChat > 0 ? created.plusMinutes(messagesPerChat) : created;
    double fate = random.nextDouble();
    if (contextType != ContextType.DIRECT && fate < 0.08) {
      type = ChatType.ARBITRAGE;
      status = ChatStatus.WAITING_FOR_ARBITER;
    } else if (fate < 0.15) {
      status = ChatStatus.FINISHED;
    }
    return new BulkStore.GeneratedChat(
        contextType,
        buyerName,
        "gen" + Long.toHexString(seed) + "x" + i,
        type,
        status,
        created,
        updated,
        messages);
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
