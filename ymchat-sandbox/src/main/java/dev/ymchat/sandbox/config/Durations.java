package dev.ymchat.sandbox.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one reader of durations in the sandbox and its CLI: {@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 1m}, {@code 1h}, {@code 1500ns} or ISO-8601 such as {@code PT2S}; a bare number takes a
 * default unit.
 */
public final class Durations {

  private static final String EXAMPLES = "write it like 250ms, 2s, 1m, 1h or PT2S";

  private Durations() {}

  /**
   * Reads a duration whose unit is required.
   *
   * @param text such as {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h} or {@code PT2S}
   * @return the duration, zero or longer
   * @throws IllegalArgumentException when it is not a duration or is negative, naming the text
   */
  public static Duration parse(String text) {
    return parse(text, null);
  }

  /**
   * Reads a duration; a bare number is in {@code defaultUnit}.
   *
   * @param text such as {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code PT2S} or {@code
   *     250}
   * @param defaultUnit {@code ns}, {@code ms}, {@code s}, {@code m} or {@code h} for a bare number;
   *     null when a unit is required
   * @return the duration, zero or longer
   * @throws IllegalArgumentException when it is not a duration or is negative, naming the text
   */
  public static Duration parse(String text, String defaultUnit) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a duration is missing; " + EXAMPLES);
    }
    String v = text.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p") || v.startsWith("-p")) {
      return iso(text.trim());
    }
    String unit = unit(v);
    String number = unit == null ? v : v.substring(0, v.length() - unit.length()).trim();
    if (unit == null) {
      if (defaultUnit == null) {
        throw new IllegalArgumentException("'" + text + "' has no unit; " + EXAMPLES);
      }
      unit = defaultUnit;
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + EXAMPLES);
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("'" + text + "' is negative; give zero or more");
    }
    try {
      BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPer(unit)));
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long");
    }
  }

  /**
   * The unit a duration text ends with.
   *
   * @param text such as {@code 50ms}, lower case
   * @return {@code ns}, {@code ms}, {@code s}, {@code m} or {@code h}, or null for a bare number
   */
  public static String unit(String text) {
    for (String unit : new String[] {"ns", "ms", "s", "m", "h"}) {
      if (text.endsWith(unit)) {
        return unit;
      }
    }
    return null;
  }

  /**
   * Writes a duration the way {@link #parse(String)} reads it back.
   *
   * @param d the duration
   * @return whole milliseconds as {@code 250ms}, else nanoseconds as {@code 1500ns}
   */
  public static String format(Duration d) {
    if (d.toNanos() % 1_000_000 == 0) {
      return d.toMillis() + "ms";
    }
    return d.toNanos() + "ns";
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default ->
          throw new IllegalArgumentException(
              "unknown duration unit '" + unit + "'; use ms, s, m or h");
    };
  }

  private static Duration iso(String text) {
    Duration d;
    try {
      d = Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + EXAMPLES);
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; give zero or more");
    }
    return d;
  }
}
