package dev.ymchat.sandbox;

import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.store.Scope;
import java.util.List;

/** The documented demo data: businesses, credentials and a few chats in every interesting state. */
public final class SandboxDemo {

  /** The demo business. */
  public static final long BUSINESS_ID = 1001;

  /** The demo business's campaign (shop). */
  public static final long CAMPAIGN_ID = 2001;

  /** A second business, to try isolation. */
  public static final long OTHER_BUSINESS_ID = 1002;

  /** The second business's campaign. */
  public static final long OTHER_CAMPAIGN_ID = 2002;

  /** API key of business 1001 with scope {@code all-methods}. */
  public static final String ALL_METHODS_KEY = "demo-all-methods-key";

  /** API key of business 1001 with scope {@code all-methods:read-only}. */
  public static final String READ_ONLY_KEY = "demo-read-only-key";

  /** API key of business 1001 with scope {@code communication}. */
  public static final String COMMUNICATION_KEY = "demo-communication-key";

  /** OAuth token of business 1001 ({@code Authorization: Bearer demo-oauth-token}). */
  public static final String OAUTH_TOKEN = "demo-oauth-token";

  /** API key of business 1002 with scope {@code all-methods}. */
  public static final String OTHER_BUSINESS_KEY = "demo-other-business-key";

  /** The admin token when the sandbox is seeded with demo data. */
  public static final String ADMIN_TOKEN = "demo-admin-token";

  private SandboxDemo() {}

  /**
   * Every credential of the demo data: the API keys, the OAuth token and the admin token.
   *
   * @return the credentials, for a check that none of them reaches a log or an output
   */
  public static List<String> credentials() {
    return List.of(
        ALL_METHODS_KEY,
        READ_ONLY_KEY,
        COMMUNICATION_KEY,
        OAUTH_TOKEN,
        OTHER_BUSINESS_KEY,
        ADMIN_TOKEN);
  }

  /**
   * Creates the demo data unless it is already there (so a restart keeps the same data).
   *
   * @param store the store
   * @param market the Market side
   * @return true when the data was created now
   */
  static boolean seed(SandboxStore store, MarketSimulator market) {
    if (store.businessExists(BUSINESS_ID)) {
      return false;
    }
    market.createBusiness(BUSINESS_ID, "Демо-магазин");
    market.createCampaign(BUSINESS_ID, CAMPAIGN_ID);
    market.addApiKey(BUSINESS_ID, ALL_METHODS_KEY, Scope.ALL_METHODS);
    market.addApiKey(BUSINESS_ID, READ_ONLY_KEY, Scope.ALL_METHODS_READ_ONLY);
    market.addApiKey(BUSINESS_ID, COMMUNICATION_KEY, Scope.COMMUNICATION);
    market.addOAuthToken(BUSINESS_ID, OAUTH_TOKEN, Scope.ALL_METHODS);
    market.createBusiness(OTHER_BUSINESS_ID, "Другой магазин");
    market.createCampaign(OTHER_BUSINESS_ID, OTHER_CAMPAIGN_ID);
    market.addApiKey(OTHER_BUSINESS_ID, OTHER_BUSINESS_KEY, Scope.ALL_METHODS);

    // A buyer's question waits for the seller.
    long question = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Анна К.");
    long questionChat = store.createOrGetContextChat(BUSINESS_ID, "ORDER", question);
    store.addMessage(
        BUSINESS_ID,
        questionChat,
        "PARTNER",
        "Здравствуйте! Ваш заказ собран и передан в доставку.",
        null);
    market.buyerWrites(BUSINESS_ID, questionChat, "Спасибо! А можно доставить после 18:00?");

    // The seller wrote last: waiting for the buyer.
    long answered = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Иван П.");
    long answeredChat = store.createOrGetContextChat(BUSINESS_ID, "ORDER", answered);
    store.addMessage(
        BUSINESS_ID,
        answeredChat,
        "PARTNER",
        "Уточните, пожалуйста, удобное время доставки.",
        null);

    // A buyer wrote to the shop directly.
    market.buyerOpensDirectChat(
        BUSINESS_ID, "Мария С.", "Здравствуйте! Будет ли этот товар в синем цвете?");

    // A return under dispute.
    long disputed = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Дмитрий Л.");
    long disputedReturn = market.createReturn(BUSINESS_ID, disputed);
    long disputeChat = store.createOrGetContextChat(BUSINESS_ID, "RETURN", disputedReturn);
    market.buyerWrites(BUSINESS_ID, disputeChat, "Товар пришёл с трещиной, хочу вернуть деньги.");
    market.supportWrites(
        BUSINESS_ID, disputeChat, "Продавец, пожалуйста, пришлите фото упаковки при отправке.");
    market.openDispute(BUSINESS_ID, disputeChat);

    // A finished conversation.
    long done = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Ольга В.");
    long doneChat = store.createOrGetContextChat(BUSINESS_ID, "ORDER", done);
    market.buyerWrites(BUSINESS_ID, doneChat, "Всё получила, спасибо!");
    store.addMessage(BUSINESS_ID, doneChat, "PARTNER", "Спасибо за покупку!", null);
    market.marketWrites(BUSINESS_ID, doneChat, "Чат завершён.");
    market.finishChat(BUSINESS_ID, doneChat);

    // An order without a chat yet, for createChat.
    market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Сергей Н.");

    // The other business has a chat of its own.
    long other = market.createOrder(OTHER_BUSINESS_ID, OTHER_CAMPAIGN_ID, "Екатерина М.");
    market.buyerWrites(
        OTHER_BUSINESS_ID,
        store.createOrGetContextChat(OTHER_BUSINESS_ID, "ORDER", other),
        "Это чат другого магазина.");
    return true;
  }
}
