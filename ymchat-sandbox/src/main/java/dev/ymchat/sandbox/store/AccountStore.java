package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.SandboxException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Businesses, their campaigns (shops) and the credentials sellers present. */
public final class AccountStore {

  private final Database db;

  AccountStore(Database db) {
    this.db = db;
  }

  /**
   * Creates a business (idempotent for an existing id).
   *
   * @param businessId the id, or null to allocate one
   * @param name a display name
   * @return the business id
   */
  public long createBusiness(Long businessId, String name) {
    return db.write(
        tx -> {
          long id = businessId != null ? businessId : tx.allocate(IdCounter.BUSINESS, 1);
          if (!exists(tx.handle(), id)) {
            tx.handle()
                .createUpdate(
                    "INSERT INTO business (id, name, created_at) VALUES (:id, :name, :at)")
                .bind("id", id)
                .bind("name", name == null || name.isBlank() ? "Business " + id : name)
                .bind("at", db.now())
                .execute();
          }
          return id;
        });
  }

  /**
   * Creates a campaign (shop) of a business (idempotent for an existing id of that business).
   *
   * @param businessId the business
   * @param campaignId the id, or null to allocate one
   * @return the campaign id
   * @throws SandboxException 404 for an unknown business, 400 for another business's campaign
   */
  public long createCampaign(long businessId, Long campaignId) {
    return db.write(
        tx -> {
          requireBusiness(tx.handle(), businessId);
          long id = campaignId != null ? campaignId : tx.allocate(IdCounter.CAMPAIGN, 1);
          Optional<Long> owner = campaignOwner(tx.handle(), id);
          if (owner.isPresent() && owner.get() != businessId) {
            throw SandboxException.badRequest(
                "Campaign "
                    + id
                    + " already belongs to business "
                    + owner.get()
                    + "; choose another campaignId");
          }
          if (owner.isEmpty()) {
            tx.handle()
                .createUpdate("INSERT INTO campaign (id, business_id) VALUES (:id, :business)")
                .bind("id", id)
                .bind("business", businessId)
                .execute();
          }
          return id;
        });
  }

  /**
   * Registers a credential for a business (replacing an identical secret's earlier registration).
   *
   * @param businessId the business
   * @param kind API key or OAuth token
   * @param scope what it may do
   * @param secret the key or token itself
   * @throws SandboxException 404 for an unknown business
   */
  public void addCredential(long businessId, CredentialKind kind, Scope scope, String secret) {
    db.write(
        tx -> {
          requireBusiness(tx.handle(), businessId);
          return tx.handle()
              .createUpdate(
                  "MERGE INTO credential (token_sha256, kind, business_id, scope) KEY (token_sha256)"
                      + " VALUES (:hash, :kind, :business, :scope)")
              .bind("hash", hash(kind, secret))
              .bind("kind", kind)
              .bind("business", businessId)
              .bind("scope", scope)
              .execute();
        });
  }

  /**
   * Looks a presented secret up.
   *
   * @param kind how it was presented
   * @param secret the key or token
   * @return the credential, or empty when unknown
   */
  public Optional<Credential> findCredential(CredentialKind kind, String secret) {
    String hash = hash(kind, secret);
    return db.read(
        h ->
            h.createQuery("SELECT business_id, scope FROM credential WHERE token_sha256 = :hash")
                .bind("hash", hash)
                .map(
                    (rs, ctx) ->
                        new Credential(
                            rs.getLong("business_id"), kind, Scope.valueOf(rs.getString("scope"))))
                .findOne());
  }

  private static String hash(CredentialKind kind, String secret) {
    return Keys.sha256(kind + ":" + secret);
  }

  /**
   * Whether a business exists.
   *
   * @param businessId the business
   * @return true when it exists
   */
  public boolean businessExists(long businessId) {
    return db.read(h -> exists(h, businessId));
  }

  /**
   * The campaigns of a business, lowest id first.
   *
   * @param businessId the business
   * @return campaign ids
   */
  public List<Long> campaigns(long businessId) {
    return db.read(
        h ->
            h.createQuery("SELECT id FROM campaign WHERE business_id = :business ORDER BY id")
                .bind("business", businessId)
                .mapTo(Long.class)
                .list());
  }

  /**
   * Every business id, ascending.
   *
   * @param h the handle to read on
   * @return the ids
   */
  static List<Long> businessIds(Handle h) {
    return h.createQuery("SELECT id FROM business ORDER BY id").mapTo(Long.class).list();
  }

  static Optional<Long> campaignOwner(Handle h, long campaignId) {
    return h.createQuery("SELECT business_id FROM campaign WHERE id = :id")
        .bind("id", campaignId)
        .mapTo(Long.class)
        .findOne();
  }

  static void requireBusiness(Handle h, long businessId) {
    if (!exists(h, businessId)) {
      throw SandboxException.notFound(
          "Business "
              + businessId
              + " does not exist in the sandbox; create it with POST /sandbox/businesses");
    }
  }

  private static boolean exists(Handle h, long businessId) {
    return h.createQuery("SELECT 1 FROM business WHERE id = :id")
        .bind("id", businessId)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }
}
