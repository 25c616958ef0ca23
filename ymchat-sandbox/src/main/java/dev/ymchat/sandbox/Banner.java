package dev.ymchat.sandbox;

import dev.ymchat.sandbox.api.AdminApi;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.market.WebhookDispatcher;
import dev.ymchat.sandbox.store.ChatFilter;
import dev.ymchat.sandbox.store.ChatRow;
import dev.ymchat.sandbox.store.SandboxStore;
import java.time.Duration;
import java.util.List;

/** The text a started sandbox shows people: URL, data, admin token, demo keys and chats. */
final class Banner {

  private final SandboxConfig config;
  private final String adminToken;
  private final String baseUrl;
  private final WebhookDispatcher webhooks;
  private final SandboxStore store;

  Banner(
      SandboxConfig config,
      String adminToken,
      String baseUrl,
      WebhookDispatcher webhooks,
      SandboxStore store) {
    this.config = config;
    this.adminToken = adminToken;
    this.baseUrl = baseUrl;
    this.webhooks = webhooks;
    this.store = store;
  }

  /**
   * Renders the banner.
   *
   * @param demoOnNetwork whether demo credentials are served off loopback (warned about first)
   * @param seededNow whether the demo data was created by this start
   */
  String text(boolean demoOnNetwork, boolean seededNow) {
    StringBuilder b = new StringBuilder();
    String nl = System.lineSeparator();
    b.append("ymchat sandbox — a local emulator of the Yandex Market chats API").append(nl);
    if (demoOnNetwork) {
      b.append("  WARNING      : the demo credentials (public values) are served on ")
          .append(config.host())
          .append(", reachable from the network: anyone who can reach this port can read and")
          .append(" write these chats (allowed by --allow-demo-credentials-on-network)")
          .append(nl);
    }
    b.append("  API base URL : ")
        .append(baseUrl)
        .append("   (paths /v2/businesses/… and /businesses/…)")
        .append(nl);
    b.append("  data         : ")
        .append(config.inMemory() ? "in memory (lost on exit)" : config.dataDir().toAbsolutePath())
        .append(nl);
    b.append("  admin token  : ")
        .append(adminToken)
        .append("   (header ")
        .append(AdminApi.ADMIN_HEADER)
        .append(", endpoints under ")
        .append(baseUrl)
        .append("/sandbox/…)")
        .append(nl);
    b.append("  webhook      : ")
        .append(config.webhookUrl() == null ? "none" : config.webhookUrl())
        .append(
            webhooks != null && webhooks.faults().isActive()
                ? " (faults " + webhooks.faults().toSpec() + ")"
                : "")
        .append(nl);
    b.append("  faults       : ")
        .append(config.faults().isActive() ? config.faults().toSpec() : "none")
        .append(nl);
    b.append("  rate limits  : ")
        .append(
            config.rateLimits().enabled()
                ? "on ("
                    + config.rateLimits().maxParallel()
                    + " parallel per business, hourly quotas per operation"
                    + (config.rateLimits().window().equals(Duration.ofHours(1))
                        ? ""
                        : ", window " + config.rateLimits().window())
                    + ")"
                : "off")
        .append(nl);
    if (config.seedDemo()) {
      b.append("  demo data    : ")
          .append(seededNow ? "created now" : "already present, kept")
          .append(nl);
      b.append("    business ")
          .append(SandboxDemo.BUSINESS_ID)
          .append(" (campaign ")
          .append(SandboxDemo.CAMPAIGN_ID)
          .append(")")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.ALL_METHODS_KEY)
          .append("      scope all-methods")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.READ_ONLY_KEY)
          .append("        scope all-methods:read-only")
          .append(nl);
      b.append("      Api-Key ")
          .append(SandboxDemo.COMMUNICATION_KEY)
          .append("    scope communication")
          .append(nl);
      b.append("      Authorization: Bearer ").append(SandboxDemo.OAUTH_TOKEN).append(nl);
      b.append("    business ")
          .append(SandboxDemo.OTHER_BUSINESS_ID)
          .append(" (campaign ")
          .append(SandboxDemo.OTHER_CAMPAIGN_ID)
          .append(")  Api-Key ")
          .append(SandboxDemo.OTHER_BUSINESS_KEY)
          .append(nl);
      b.append("    chats of business ").append(SandboxDemo.BUSINESS_ID).append(':').append(nl);
      for (ChatRow chat : store.chats().chats(SandboxDemo.BUSINESS_ID, ChatFilter.NONE, null, 12)) {
        b.append("      chat ")
            .append(chat.id())
            .append("  ")
            .append(chat.contextType())
            .append(chat.orderId() == null ? "" : " order " + chat.orderId())
            .append(chat.returnId() == null ? "" : " return " + chat.returnId())
            .append("  ")
            .append(chat.type())
            .append('/')
            .append(chat.status())
            .append(nl);
      }
      List<Long> free = store.orders().ordersWithoutChat(SandboxDemo.BUSINESS_ID, 10);
      if (!free.isEmpty()) {
        b.append("    orders without a chat (try createChat): ").append(free).append(nl);
      }
    }
    return b.toString();
  }
}
