package dev.ymchat.sandbox.market;

import static dev.ymchat.sandbox.market.SandboxDemo.ALL_METHODS_KEY;
import static dev.ymchat.sandbox.market.SandboxDemo.BUSINESS_ID;
import static dev.ymchat.sandbox.market.SandboxDemo.CAMPAIGN_ID;
import static dev.ymchat.sandbox.market.SandboxDemo.COMMUNICATION_KEY;
import static dev.ymchat.sandbox.market.SandboxDemo.OAUTH_TOKEN;
import static dev.ymchat.sandbox.market.SandboxDemo.OTHER_BUSINESS_ID;
import static dev.ymchat.sandbox.market.SandboxDemo.OTHER_BUSINESS_KEY;
import static dev.ymchat.sandbox.market.SandboxDemo.OTHER_CAMPAIGN_ID;
import static dev.ymchat.sandbox.market.SandboxDemo.READ_ONLY_KEY;

import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.Sender;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.store.Scope;

/**
 * Loads the documented demo data of {@link SandboxDemo}: two businesses with their credentials and
 * a few chats in every interesting state, made the way Market and the seller would make them.
 */
public final class Seeder {

  private final SandboxStore store;
  private final MarketSimulator market;

  /**
   * Creates the seeder.
   *
   * @param store the store (for what the seller does: chats and replies)
   * @param market the Market side (for what buyers, Market and support do)
   */
  public Seeder(SandboxStore store, MarketSimulator market) {
    this.store = store;
    this.market = market;
  }

  /**
   * Creates the demo data unless it is already there (so a restart keeps the same data).
   *
   * @return true when the data was created now
   */
  public boolean seed() {
    if (store.accounts().businessExists(BUSINESS_ID)) {
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
    long questionChat =
        sellerOpensOrderChat("Анна К.", "Здравствуйте! Ваш заказ собран и передан в доставку.");
    market.buyerWrites(BUSINESS_ID, questionChat, "Спасибо! А можно доставить после 18:00?");

    // The seller wrote last: waiting for the buyer.
    sellerOpensOrderChat("Иван П.", "Уточните, пожалуйста, удобное время доставки.");

    // A buyer wrote to the shop directly.
    market.buyerOpensDirectChat(
        BUSINESS_ID, "Мария С.", "Здравствуйте! Будет ли этот товар в синем цвете?");

    // A return under dispute.
    long disputed = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Дмитрий Л.");
    long disputedReturn = market.createReturn(BUSINESS_ID, disputed);
    long disputeChat =
        store.chats().createOrGetContextChat(BUSINESS_ID, ContextType.RETURN, disputedReturn);
    market.buyerWrites(BUSINESS_ID, disputeChat, "Товар пришёл с трещиной, хочу вернуть деньги.");
    market.supportWrites(
        BUSINESS_ID, disputeChat, "Продавец, пожалуйста, пришлите фото упаковки при отправке.");
    market.openDispute(BUSINESS_ID, disputeChat);

    // A finished conversation.
    long done = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Ольга В.");
    long doneChat = store.chats().createOrGetContextChat(BUSINESS_ID, ContextType.ORDER, done);
    market.buyerWrites(BUSINESS_ID, doneChat, "Всё получила, спасибо!");
    sellerWrites(doneChat, "Спасибо за покупку!");
    market.marketWrites(BUSINESS_ID, doneChat, "Чат завершён.");
    market.finishChat(BUSINESS_ID, doneChat);

    // An order without a chat yet, for createChat.
    market.createOrder(BUSINESS_ID, CAMPAIGN_ID, "Сергей Н.");

    // The other business has a chat of its own.
    long other = market.createOrder(OTHER_BUSINESS_ID, OTHER_CAMPAIGN_ID, "Екатерина М.");
    market.buyerWrites(
        OTHER_BUSINESS_ID,
        store.chats().createOrGetContextChat(OTHER_BUSINESS_ID, ContextType.ORDER, other),
        "Это чат другого магазина.");
    return true;
  }

  /** A buyer orders, the seller opens the order's chat and writes first. */
  private long sellerOpensOrderChat(String buyerName, String text) {
    long order = market.createOrder(BUSINESS_ID, CAMPAIGN_ID, buyerName);
    long chat = store.chats().createOrGetContextChat(BUSINESS_ID, ContextType.ORDER, order);
    sellerWrites(chat, text);
    return chat;
  }

  private void sellerWrites(long chat, String text) {
    store.messages().addMessage(BUSINESS_ID, chat, Sender.PARTNER, text, null);
  }
}
