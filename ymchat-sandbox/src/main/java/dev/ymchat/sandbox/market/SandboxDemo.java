package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.store.SandboxStore;
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
  public static boolean seed(SandboxStore store, MarketSimulator market) {
    return new Seeder(store, market).seed();
  }
}
