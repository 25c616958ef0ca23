package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.SandboxException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Market's orders and returns, with the buyers who placed them. */
public final class OrderStore {

  /** An order's buyer and campaign, which its chat takes over. */
  record OrderParties(long buyerId, long campaignId) {}

  private final Database db;

  OrderStore(Database db) {
    this.db = db;
  }

  /**
   * Creates an order with a new buyer.
   *
   * @param businessId the business
   * @param campaignId the campaign (shop) of the business that sold it
   * @param buyerName the buyer's public name
   * @return the order id
   * @throws SandboxException 404 for an unknown business or campaign
   */
  public long createOrder(long businessId, long campaignId, String buyerName) {
    return db.write(tx -> insertOrder(tx, businessId, campaignId, buyerName, db.now()));
  }

  private static long insertOrder(
      Tx tx, long businessId, long campaignId, String buyerName, OffsetDateTime at) {
    Handle h = tx.handle();
    AccountStore.requireBusiness(h, businessId);
    if (AccountStore.campaignOwner(h, campaignId).filter(o -> o == businessId).isEmpty()) {
      throw SandboxException.notFound(
          "Campaign "
              + campaignId
              + " does not exist in business "
              + businessId
              + "; create it first or use one of the business's campaigns");
    }
    long buyerId = insertBuyer(tx, buyerName);
    long orderId = tx.allocate(IdCounter.ORDER, 1);
    h.createUpdate(
            "INSERT INTO market_order (id, business_id, campaign_id, buyer_id, created_at)"
                + " VALUES (:id, :business, :campaign, :buyer, :at)")
        .bind("id", orderId)
        .bind("business", businessId)
        .bind("campaign", campaignId)
        .bind("buyer", buyerId)
        .bind("at", at)
        .execute();
    return orderId;
  }

  /**
   * Inserts a new buyer inside a running transaction.
   *
   * @param tx the transaction
   * @param name the buyer's public name, or null for a generated one
   * @return the buyer id
   */
  static long insertBuyer(Tx tx, String name) {
    long buyerId = tx.allocate(IdCounter.BUYER, 1);
    tx.handle()
        .createUpdate("INSERT INTO buyer (id, name, public_id) VALUES (:id, :name, :publicId)")
        .bind("id", buyerId)
        .bind("name", name == null || name.isBlank() ? "Покупатель " + buyerId : name)
        // Stable, opaque-looking public ids like Yandex ID's.
        .bind("publicId", Keys.sha256("buyer:" + buyerId).substring(0, 26))
        .execute();
    return buyerId;
  }

  /**
   * Creates a return for an order of the business.
   *
   * @param businessId the business
   * @param orderId the order
   * @return the return id
   * @throws SandboxException 404 for an order the business does not have
   */
  public long createReturn(long businessId, long orderId) {
    return db.write(
        tx -> {
          Handle h = tx.handle();
          Optional<Long> owner =
              h.createQuery("SELECT business_id FROM market_order WHERE id = :id")
                  .bind("id", orderId)
                  .mapTo(Long.class)
                  .findOne();
          if (owner.filter(o -> o == businessId).isEmpty()) {
            throw SandboxException.notFound(
                "Order " + orderId + " not found in business " + businessId);
          }
          long returnId = tx.allocate(IdCounter.RETURN, 1);
          h.createUpdate(
                  "INSERT INTO market_return (id, order_id, created_at) VALUES (:id, :order, :at)")
              .bind("id", returnId)
              .bind("order", orderId)
              .bind("at", db.now())
              .execute();
          return returnId;
        });
  }

  /**
   * The lowest ids of the business's orders that have no chat yet (for the banner's hints).
   *
   * @param businessId the business
   * @param limit at most this many
   * @return order ids, ascending
   */
  public List<Long> ordersWithoutChat(long businessId, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT o.id FROM market_order o WHERE o.business_id = :business AND NOT EXISTS"
                        + " (SELECT 1 FROM chat ch WHERE ch.order_id = o.id) ORDER BY o.id"
                        + " LIMIT :limit")
                .bind("business", businessId)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  static Optional<OrderParties> orderParties(Handle h, long businessId, long orderId) {
    return h.createQuery(
            "SELECT buyer_id, campaign_id FROM market_order WHERE id = :id AND business_id = :b")
        .bind("id", orderId)
        .bind("b", businessId)
        .map((rs, ctx) -> new OrderParties(rs.getLong("buyer_id"), rs.getLong("campaign_id")))
        .findOne();
  }

  static Optional<Long> orderOfReturn(Handle h, long businessId, long returnId) {
    return h.createQuery(
            "SELECT r.order_id FROM market_return r JOIN market_order o ON o.id = r.order_id"
                + " WHERE r.id = :id AND o.business_id = :b")
        .bind("id", returnId)
        .bind("b", businessId)
        .mapTo(Long.class)
        .findOne();
  }
}
