package dev.ymchat.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** Metrics on a Micrometer registry; loaded by {@link Metrics#create} only when Micrometer is. */
final class MicrometerMetrics implements Metrics {

  private final MeterRegistry registry;
  private final Counter ingested;

  MicrometerMetrics(Object registry) {
    this.registry = (MeterRegistry) registry;
    this.ingested =
        Counter.builder("ymchat.sync.messages.ingested")
            .description("messages written to the mirror")
            .register(this.registry);
  }

  @Override
  public void messagesIngested(long n) {
    ingested.increment(n);
  }

  @Override
  public <T> void gauge(String name, T state, ToDoubleFunction<T> value) {
    Gauge.builder(name, state, value).register(registry);
  }
}
