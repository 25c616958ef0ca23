package dev.ymchat.sandbox.market;

import dev.ymchat.sandbox.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

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

  private static final String KEYS = "loss, duplicate, delay, seed";

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
    double loss = 0;
    double duplicate = 0;
    Duration delay = DEFAULT_DUPLICATE_DELAY;
    long seed = 0;
    Set<String> seen = new LinkedHashSet<>();
    for (String rawPart : text.split(",", -1)) {
      String part = rawPart.trim();
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException(
            "bad webhook fault entry '"
                + part
                + "': expected key=value with a key among "
                + KEYS
                + ", e.g. loss=0.2");
      }
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = part.substring(eq + 1).trim();
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            "webhook fault key '" + key + "' is given twice; give each key once");
      }
      switch (key) {
        case "loss" -> loss = share(key, value);
        case "duplicate" -> duplicate = share(key, value);
        case "delay" -> delay = duration(value);
        case "seed" -> seed = seed(value);
        default ->
            throw new IllegalArgumentException(
                "unknown webhook fault key '" + key + "'; known keys: " + KEYS);
      }
    }
    try {
      return new WebhookFaults(loss, duplicate, delay, seed);
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

  private static double share(String key, String value) {
    double rate;
    try {
      rate = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(
          "webhook fault "
              + key
              + "="
              + value
              + ": the share must be a number between 0 and 1, e.g. "
              + key
              + "=0.1");
    }
    return rate;
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "webhook fault seed=" + value + ": '" + value + "' is not an integer, e.g. seed=7");
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
