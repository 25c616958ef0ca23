package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.config.Durations;
import dev.ymchat.sandbox.config.KeyValueSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox's push notifications misbehave, as Market's do: a share of them is lost (counted,
 * never delivered) and a share is delivered twice: the copy follows the delivered original after a
 * random delay, on its own, so that it may arrive after newer notifications of the same chat. Which
 * notifications, and how late each copy comes, follow a generator seeded with {@link #seed()}: the
 * same configuration and the same sequence of events give the same losses and duplicates.
 *
 * <p>A notification is lost or duplicated, never both, so the two shares add up to at most 1.
 *
 * @param lossRate the share of notifications that are never delivered, 0..1
 * @param duplicateRate the share of notifications delivered twice, 0..1
 * @param maxDuplicateDelay the longest a copy waits after its original was delivered (each waits a
 *     random time from zero to this)
 * @param seed the seed of the decisions
 */
public record WebhookFaults(
    double lossRate, double duplicateRate, Duration maxDuplicateDelay, long seed) {

  /** The delay up to which a duplicate waits unless configured otherwise. */
  public static final Duration DEFAULT_DUPLICATE_DELAY = Duration.ofMillis(500);

  private static final WebhookFaults NONE = new WebhookFaults(0, 0, DEFAULT_DUPLICATE_DELAY, 0);

  private static final KeyValueSpec SPEC =
      new KeyValueSpec("webhook fault", "loss, duplicate, delay, seed");

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException if a share is outside 0..1, the shares add up to more than 1,
   *     or the delay is negative
   * @throws NullPointerException if the delay is null
   */
  public WebhookFaults {
    check("lossRate (loss)", lossRate);
    check("duplicateRate (duplicate)", duplicateRate);
    if (lossRate + duplicateRate > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "loss + duplicate add up to "
              + (lossRate + duplicateRate)
              + ", but a notification is either lost or duplicated: lower them to at most 1");
    }
    Objects.requireNonNull(maxDuplicateDelay, "maxDuplicateDelay must not be null");
    if (maxDuplicateDelay.isNegative()) {
      throw new IllegalArgumentException(
          "the duplicate delay must not be negative, but was " + maxDuplicateDelay);
    }
  }

  /**
   * Notifications delivered once each, none lost.
   *
   * @return the configuration without faults
   */
  public static WebhookFaults none() {
    return NONE;
  }

  /**
   * Whether any notification is lost or duplicated.
   *
   * @return true when a share is above 0
   */
  public boolean isActive() {
    return lossRate > 0 || duplicateRate > 0;
  }

  /**
   * Reads a specification such as {@code loss=0.2,duplicate=0.1,seed=7}. Keys: {@code loss} and
   * {@code duplicate} (shares 0..1), {@code delay} (the longest wait of a duplicate: {@code 500ms},
   * {@code 2s}; a bare number means milliseconds), {@code seed} (integer). Omitted keys keep the
   * values of {@link #none()}; an empty text or {@code none} gives {@link #none()}.
   *
   * @param spec the text
   * @return the configuration
   * @throws IllegalArgumentException naming the bad key or value and the expected form
   */
  public static WebhookFaults parse(String spec) {
    Objects.requireNonNull(spec, "webhook fault spec must not be null");
    String text = spec.trim();
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return none();
    }
    double[] shares = new double[2]; // loss, duplicate
    Duration[] delay = {DEFAULT_DUPLICATE_DELAY};
    long[] seed = {0};
    SPEC.forEach(
        text,
        "loss=0.2",
        (key, value) -> {
          switch (key) {
            case "loss" -> shares[0] = SPEC.share(key, value, "share", "0.1");
            case "duplicate" -> shares[1] = SPEC.share(key, value, "share", "0.1");
            case "delay" -> delay[0] = duration(value);
            case "seed" -> seed[0] = SPEC.integer(key, value, "7");
            default -> throw SPEC.unknownKey(key);
          }
        });
    try {
      return new WebhookFaults(shares[0], shares[1], delay[0], seed[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad webhook fault spec '" + text + "': " + e.getMessage(), e);
    }
  }

  /**
   * Writes this configuration in the form {@link #parse(String)} reads.
   *
   * @return e.g. {@code loss=0.2,duplicate=0.1,delay=500ms,seed=7}
   */
  public String toSpec() {
    return "loss="
        + plain(lossRate)
        + ",duplicate="
        + plain(duplicateRate)
        + ",delay="
        + maxDuplicateDelay.toMillis()
        + "ms,seed="
        + seed;
  }

  private static String plain(double rate) {
    return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(
          name + " must be a share between 0 and 1, but was " + rate);
    }
  }

  private static Duration duration(String value) {
    try {
      return Durations.parse(value, "ms");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "webhook fault delay="
              + value
              + ": "
              + e.getMessage()
              + "; write a duration such as 500ms or 2s",
          e);
    }
  }
}
