package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An API enumeration that tolerates values this version of the library does not know.
 *
 * <p>Yandex adds values over time (the chat context type gained {@code DIRECT}); such a value is
 * kept as it came on the wire, {@link #isKnown()} answers {@code false} and {@link #known()} maps
 * it to the {@code UNKNOWN} constant of the typed enum, so a {@code switch} never fails.
 *
 * @param <K> the typed enum of the values this library knows
 */
public abstract class OpenEnum<K extends Enum<K>> {

  private final String value;
  private final K known;

  /**
   * Creates a value.
   *
   * @param value the raw wire value
   * @param type the typed enum; it must have an {@code UNKNOWN} constant
   */
  protected OpenEnum(String value, Class<K> type) {
    this.value = Objects.requireNonNull(value, "value");
    K match = Enum.valueOf(type, "UNKNOWN");
    for (K constant : type.getEnumConstants()) {
      if (!constant.name().equals("UNKNOWN") && constant.name().equals(value)) {
        match = constant;
      }
    }
    this.known = match;
  }

  /**
   * Returns the raw value as it travels on the wire.
   *
   * @return the wire value, never {@code null}
   */
  @JsonValue
  public final String value() {
    return value;
  }

  /**
   * Returns the typed constant of this value, or {@code UNKNOWN} when this library does not know
   * it.
   *
   * @return the typed constant
   */
  public final K known() {
    return known;
  }

  /**
   * Tells whether this library knows the value.
   *
   * @return {@code true} unless the value is newer than this library
   */
  public final boolean isKnown() {
    return !known.name().equals("UNKNOWN");
  }

  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && ((OpenEnum<?>) other).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  @Override
  public final String toString() {
    return value;
  }

  /**
   * Indexes the predefined constants of a concrete open enum by their wire value.
   *
   * @param constants the predefined constants
   * @param <T> the open enum type
   * @return an immutable map from wire value to constant
   */
  protected static <T extends OpenEnum<?>> Map<String, T> index(List<T> constants) {
    return constants.stream()
        .collect(Collectors.toUnmodifiableMap(OpenEnum::value, Function.identity()));
  }
}
