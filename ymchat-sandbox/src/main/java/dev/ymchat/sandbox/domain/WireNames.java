package dev.ymchat.sandbox.domain;

import java.util.EnumSet;
import java.util.Set;

/** Turns the API's names of enum constants into the domain's enums, at the wire's edge. */
public final class WireNames {

  private WireNames() {}

  /**
   * The constants with the given names.
   *
   * @param type the enum
   * @param names names already checked against the enum's constants, or null for "no filter"
   * @param <E> the enum type
   * @return the constants, or null when {@code names} is null
   * @throws IllegalArgumentException when a name is not a constant of the enum
   */
  public static <E extends Enum<E>> Set<E> setOf(Class<E> type, Set<String> names) {
    if (names == null) {
      return null;
    }
    Set<E> values = EnumSet.noneOf(type);
    for (String name : names) {
      values.add(Enum.valueOf(type, name));
    }
    return values;
  }
}
