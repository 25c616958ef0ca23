package dev.ymchat.sandbox.market;

import java.util.ArrayDeque;
import java.util.List;

/** The latest delivery attempts, oldest first, at most a fixed number; guarded by its owner. */
final class RecentDeliveries {

  private final int limit;
  private final ArrayDeque<WebhookDispatcher.DeliveryRecord> records = new ArrayDeque<>();

  RecentDeliveries(int limit) {
    this.limit = limit;
  }

  void add(WebhookDispatcher.DeliveryRecord r) {
    if (records.size() == limit) {
      records.removeFirst();
    }
    records.addLast(r);
  }

  List<WebhookDispatcher.DeliveryRecord> snapshot() {
    return List.copyOf(records);
  }
}
