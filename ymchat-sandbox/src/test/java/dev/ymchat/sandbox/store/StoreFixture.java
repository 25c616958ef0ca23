package dev.ymchat.sandbox.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** An in-memory store on a fixed clock with one business and one campaign. */
final class StoreFixture implements AutoCloseable {

  static final long BUSINESS = 7000;
  static final long CAMPAIGN = 71000;
  static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
  static final OffsetDateTime NOW_IN_MOSCOW = NOW.atOffset(ZoneOffset.ofHours(3));

  final SandboxStore store = SandboxStore.openInMemory(Clock.fixed(NOW, ZoneOffset.UTC));

  StoreFixture() {
    store.accounts().createBusiness(BUSINESS, "Shop");
    store.accounts().createCampaign(BUSINESS, CAMPAIGN);
  }

  long order(String buyer) {
    return store.orders().createOrder(BUSINESS, CAMPAIGN, buyer);
  }

  @Override
  public void close() {
    store.close();
  }
}
