package dev.ymchat.sandbox.market;

import java.util.Random;

/** Decides, from a seeded sequence, which notifications are lost and which are sent twice. */
final class FaultDice {

  /** Returned by {@link #roll()} for an event to lose. */
  static final long LOSE = -2;

  /** Returned by {@link #roll()} for an event to deliver once. */
  static final long ONCE = -1;

  private final WebhookFaults faults;
  private final Random random;

  FaultDice(WebhookFaults faults) {
    this.faults = faults;
    this.random = new Random(faults.seed());
  }

  WebhookFaults faults() {
    return faults;
  }

  /**
   * Decides the fate of the next event; drawn for every event while faults are on, so the same seed
   * gives the same faults.
   *
   * @return {@link #LOSE}, {@link #ONCE}, or the delay in nanoseconds of a copy to send later
   */
  long roll() {
    if (!faults.isActive()) {
      return ONCE;
    }
    double r = random.nextDouble();
    if (r < faults.lossRate()) {
      return LOSE;
    }
    if (r < faults.lossRate() + faults.duplicateRate()) {
      return (long) (random.nextDouble() * (faults.maxDuplicateDelay().toNanos() + 1));
    }
    return ONCE;
  }
}
