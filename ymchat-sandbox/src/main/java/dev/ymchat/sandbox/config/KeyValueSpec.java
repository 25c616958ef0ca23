package dev.ymchat.sandbox.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the sandbox's option specs, comma-separated {@code key=value} pairs such as {@code
 * seed=42,500=0.05}: keys are case-insensitive and given once, every error names the entry and the
 * form expected.
 */
public final class KeyValueSpec {

  private final String label;
  private final String keys;

  /**
   * Creates a reader.
   *
   * @param label what the spec is, for messages, such as {@code fault spec}
   * @param keys the known keys, for messages, such as {@code seed, latency, 500}
   */
  public KeyValueSpec(String label, String keys) {
    this.label = label;
    this.keys = keys;
  }

  /**
   * Hands each entry to {@code entry}, in order, after checking its form.
   *
   * @param text the spec, not empty
   * @param example an entry to show in messages, such as {@code 500=0.05}
   * @param entry receives the lower-cased key and the trimmed value
   * @throws IllegalArgumentException for an entry that is not key=value or a key given twice
   */
  public void forEach(String text, String example, BiConsumer<String, String> entry) {
    Set<String> seen = new LinkedHashSet<>();
    for (String rawPart : text.split(",", -1)) {
      String part = rawPart.trim();
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException(
            "bad "
                + label
                + " entry '"
                + part
                + "': expected key=value with a key among "
                + keys
                + ", e.g. "
                + example);
      }
      String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!seen.add(key)) {
        throw new IllegalArgumentException(
            label + " key '" + key + "' is given twice; give each key once");
      }
      entry.accept(key, part.substring(eq + 1).trim());
    }
  }

  /**
   * The error for a key that is not known.
   *
   * @param key the key
   * @return an exception naming the known keys
   */
  public IllegalArgumentException unknownKey(String key) {
    return new IllegalArgumentException(
        "unknown " + label + " key '" + key + "'; known keys: " + keys);
  }

  /**
   * Reads a share from 0 to 1.
   *
   * @param key the key, as written in messages
   * @param value the text
   * @param noun what the share is called in the message, such as {@code rate}
   * @param example a good value, such as {@code 0.05}
   * @return the share
   * @throws IllegalArgumentException when it is not a number from 0 to 1
   */
  public double share(String key, String value, String noun, String example) {
    double rate;
    try {
      rate = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw bad(
          key, value, "the " + noun + " must be a number between 0 and 1", key + "=" + example);
    }
    return rate;
  }

  /**
   * Reads an integer.
   *
   * @param key the key
   * @param value the text
   * @param example a good value
   * @return the number
   * @throws IllegalArgumentException when it is not an integer
   */
  public long integer(String key, String value, String example) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw bad(key, value, "'" + value + "' is not an integer", key + "=" + example);
    }
  }

  private IllegalArgumentException bad(String key, String value, String what, String example) {
    return new IllegalArgumentException(
        label + " " + key + "=" + value + ": " + what + ", e.g. " + example);
  }
}
