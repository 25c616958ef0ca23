package dev.ymchat.sync.outbox;

import java.time.Duration;

/** What the outbox worker reports about its deliveries (to metrics, when they are on). */
public interface DeliveryMetrics {

  /** Reports nothing. */
  DeliveryMetrics NONE =
      new DeliveryMetrics() {
        @Override
        public void sent(Duration latency) {}

        @Override
        public void failed() {}

        @Override
        public void blocked() {}
      };

  /**
   * A reply went out (or was found in the chat after an unknown outcome).
   *
   * @param latency from the moment it was queued to the moment it was marked sent
   */
  void sent(Duration latency);

  /** An attempt failed; the reply will be tried again. */
  void failed();

  /** A reply was blocked and waits for a person. */
  void blocked();
}
