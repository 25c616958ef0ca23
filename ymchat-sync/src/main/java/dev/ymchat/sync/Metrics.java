package dev.ymchat.sync;

import dev.ymchat.sync.outbox.DeliveryMetrics;
import java.util.function.Supplier;

/**
 * The sync's metrics. Micrometer is optional: without it on the class path, or without a registry
 * given, the no-op is used; {@link MicrometerMetrics} (the only class that names Micrometer) is
 * loaded by name only when both are there, so no {@code NoClassDefFoundError} can occur.
 */
interface Metrics extends DeliveryMetrics {

  Metrics NOOP =
      new Metrics() {
        @Override
        public void messagesIngested(long n) {}

        @Override
        public void outboxGauges(long businessId, Supplier<BusinessStatus> status) {}
      };

  /** Counts messages written to the mirror. */
  void messagesIngested(long n);

  /** Registers the outbox depth and blocked replies of a business, read from its status. */
  void outboxGauges(long businessId, Supplier<BusinessStatus> status);

  static Metrics create(Object registry) {
    if (registry == null) {
      return NOOP;
    }
    Class<?> type;
    try {
      type =
          Class.forName(
              "io.micrometer.core.instrument.MeterRegistry", false, Metrics.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "metrics(...) needs Micrometer (io.micrometer:micrometer-core) on the class path");
    }
    if (!type.isInstance(registry)) {
      throw new IllegalArgumentException(
          "metrics(...) takes a Micrometer MeterRegistry, got " + registry.getClass().getName());
    }
    try {
      return (Metrics)
          Class.forName("dev.ymchat.sync.MicrometerMetrics")
              .getDeclaredConstructor(Object.class)
              .newInstance(registry);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot set up the Micrometer metrics: " + e, e);
    }
  }
}
