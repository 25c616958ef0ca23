package dev.ymchat.cli.command;

import dev.ymchat.sandbox.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h} (or ISO {@code PT15S})
 * with the sandbox's {@link Durations}, and refuses zero.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration duration;
    try {
      duration = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; write it like 500ms, 15s, 2m or 1h");
    }
    if (duration.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero");
    }
    return duration;
  }
}
