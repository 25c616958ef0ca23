package dev.ymchat.sandbox.store;

import java.util.Optional;

/** The scopes a seller's credential can carry, as the Partner API names them. */
public enum Scope {
  /** Every method, reading and writing. */
  ALL_METHODS("all-methods"),
  /** Every method that only reads. */
  ALL_METHODS_READ_ONLY("all-methods:read-only"),
  /** The communication methods: chats, reading and writing. */
  COMMUNICATION("communication");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The scope's name in the Partner API's documentation.
   *
   * @return the name, such as {@code all-methods:read-only}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the scope allows operations that change data (create a chat, send a message or file).
   *
   * @return true unless the scope is read-only
   */
  public boolean allowsWrites() {
    return this != ALL_METHODS_READ_ONLY;
  }

  /**
   * Finds a scope by its documented name.
   *
   * @param wireName a name such as {@code communication}
   * @return the scope, or empty when the name is unknown
   */
  public static Optional<Scope> fromWireName(String wireName) {
    for (Scope scope : values()) {
      if (scope.wireName.equals(wireName)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
