package dev.ymchat.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/** Metrics on a Micrometer registry; loaded by {@link Metrics#create} only when Micrometer is. */
final class MicrometerMetrics implements Metrics {

  private final MeterRegistry registry;
  private final Counter ingested;
  private final Counter sent;
  private final Counter failed;
  private final Counter blocked;
  private final Timer delivery;

  MicrometerMetrics(Object registry) {
    this.registry = (MeterRegistry) registry;
    this.ingested = counter("ymchat.sync.messages.ingested", "messages written to the mirror");
    this.sent = counter("ymchat.sync.replies.sent", "replies delivered (or found delivered)");
    this.failed = counter("ymchat.sync.replies.failed", "delivery attempts that failed");
    this.blocked = counter("ymchat.sync.replies.blocked", "replies blocked until a person acts");
    this.delivery =
        Timer.builder("ymchat.sync.replies.delivery")
            .description("time from queueing a reply to its delivery")
            .publishPercentileHistogram()
            .register(this.registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  @Override
  public void messagesIngested(long n) {
    ingested.increment(n);
  }

  /** The suppliers are held strongly: a gauge otherwise holds its state weakly, and reads NaN. */
  @Override
  public void outboxGauges(long businessId, Supplier<BusinessStatus> status) {
    String business = Long.toString(businessId);
    Gauge.builder("ymchat.sync.outbox.depth", status, s -> s.get().outboxDepth())
        .description("replies queued and not yet sent")
        .tag("business", business)
        .strongReference(true)
        .register(registry);
    Gauge.builder("ymchat.sync.outbox.blocked", status, s -> s.get().blockedReplies())
        .description("replies blocked until a person acts")
        .tag("business", business)
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void sent(Duration latency) {
    sent.increment();
    delivery.record(latency);
  }

  @Override
  public void failed() {
    failed.increment();
  }

  @Override
  public void blocked() {
    blocked.increment();
  }
}
