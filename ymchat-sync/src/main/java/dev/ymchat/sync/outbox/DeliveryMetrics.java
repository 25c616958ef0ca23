package dev.ymchat.sync.outbox;

import java.time.Duration;

/** What the outbox worker reports about its deliveries (to metrics, when they are on). */
public interface DeliveryMetrics {

  /**
   * A reply went out (or was found in the chat after an unknown outcome); nothing by default.
   *
   * @param latency from the moment it was queued to the moment it was marked sent
   */
  default void sent(Duration latency) {}

  /** An attempt failed and the reply will be tried again; nothing by default. */
  default void failed() {}

  /** A reply was blocked and waits for a person; nothing by default. */
  default void blocked() {}
}
