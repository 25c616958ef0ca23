package dev.ymchat.cli.command;

import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Case-insensitive converters for the API's open enums, refusing values this version does not know.
 */
final class OpenEnumConverters {

  private OpenEnumConverters() {}

  private static <T> T convert(
      String value, Class<? extends Enum<?>> known, Function<String, T> of) {
    String upper = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> names =
        Arrays.stream(known.getEnumConstants())
            .map(Enum::name)
            .filter(name -> !name.equals("UNKNOWN"))
            .collect(Collectors.toList());
    if (!names.contains(upper)) {
      throw new TypeConversionException(
          "'" + value + "' is not one of " + String.join(", ", names) + " (any case)");
    }
    return of.apply(upper);
  }

  /** {@code --status}. */
  static final class Status implements ITypeConverter<ChatStatus> {
    @Override
    public ChatStatus convert(String value) {
      return OpenEnumConverters.convert(value, ChatStatus.Known.class, ChatStatus::of);
    }
  }

  /** {@code --type}. */
  static final class Type implements ITypeConverter<ChatType> {
    @Override
    public ChatType convert(String value) {
      return OpenEnumConverters.convert(value, ChatType.Known.class, ChatType::of);
    }
  }

  /** {@code --context-type}. */
  static final class ContextType implements ITypeConverter<ChatContextType> {
    @Override
    public ChatContextType convert(String value) {
      return OpenEnumConverters.convert(value, ChatContextType.Known.class, ChatContextType::of);
    }
  }

  /** Completion candidates (shown in help) for an open enum. */
  abstract static class Candidates implements Iterable<String> {
    private final Class<? extends Enum<?>> known;

    Candidates(Class<? extends Enum<?>> known) {
      this.known = known;
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(known.getEnumConstants())
          .map(Enum::name)
          .filter(name -> !name.equals("UNKNOWN"))
          .iterator();
    }
  }

  /** Values of {@code --status}. */
  static final class StatusCandidates extends Candidates {
    StatusCandidates() {
      super(ChatStatus.Known.class);
    }
  }

  /** Values of {@code --type}. */
  static final class TypeCandidates extends Candidates {
    TypeCandidates() {
      super(ChatType.Known.class);
    }
  }

  /** Values of {@code --context-type}. */
  static final class ContextTypeCandidates extends Candidates {
    ContextTypeCandidates() {
      super(ChatContextType.Known.class);
    }
  }
}
