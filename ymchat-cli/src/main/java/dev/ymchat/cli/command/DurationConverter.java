package dev.ymchat.cli.command;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h} (or ISO {@code
 * PT15S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(text);
    Duration duration;
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          duration = Duration.ofMillis(amount);
          break;
        case "s":
          duration = Duration.ofSeconds(amount);
          break;
        case "m":
          duration = Duration.ofMinutes(amount);
          break;
        default:
          duration = Duration.ofHours(amount);
          break;
      }
    } else {
      try {
        duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write it like 500ms, 15s, 2m or 1h");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return duration;
  }
}
