package dev.ymchat.cli.command;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for numbers with bounds, so a value out of range is a usage error (exit 2) that names
 * the range, before anything is sent.
 */
final class Bounded {

  private Bounded() {}

  private static long parse(String value, long min, long max) {
    long number;
    try {
      number = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    if (number < min || number > max) {
      throw new TypeConversionException(
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? "'" + value + "' must be at least " + min
              : "'" + value + "' is out of range: give " + min + ".." + max);
    }
    return number;
  }

  /** An id of the API (business, chat, message, order, return): 1 or more. */
  static final class Id implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parse(value, 1, Long.MAX_VALUE);
    }
  }

  /** A count such as {@code --max-polls} or a quota: 1 or more. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) parse(value, 1, Integer.MAX_VALUE);
    }
  }

  /** {@code chats --limit}: the API takes 1..20 chats per page. */
  static final class ChatsLimit implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) parse(value, 1, 20);
    }
  }

  /** {@code history --limit}: the API takes 1..100 messages per page. */
  static final class HistoryLimit implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) parse(value, 1, 100);
    }
  }

  /** A TCP port; 0 asks for any free one. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) parse(value, 0, 65_535);
    }
  }
}
