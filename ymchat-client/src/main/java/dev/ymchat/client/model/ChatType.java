package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/** The kind of chat: an ordinary chat with the buyer, or a dispute ({@code ARBITRAGE}). */
public final class ChatType extends OpenEnum<ChatType.Known> {

  /** The values this library knows, plus {@code UNKNOWN} for newer ones. */
  public enum Known {
    /** {@code CHAT}. */
    CHAT,
    /** {@code ARBITRAGE}. */
    ARBITRAGE,
    /** A value newer than this library; the raw value is kept in {@link ChatType#value()}. */
    UNKNOWN
  }

  /** {@code CHAT}. */
  public static final ChatType CHAT = new ChatType("CHAT");

  /** {@code ARBITRAGE}. */
  public static final ChatType ARBITRAGE = new ChatType("ARBITRAGE");

  private static final Map<String, ChatType> KNOWN = index(List.of(CHAT, ARBITRAGE));

  private ChatType(String value) {
    super(value, Known.class);
  }

  /**
   * Returns the value for a wire string, known or not.
   *
   * @param value the wire value
   * @return the predefined constant, or a new value that keeps the raw string
   */
  @JsonCreator
  public static ChatType of(String value) {
    ChatType constant = KNOWN.get(value);
    return constant != null ? constant : new ChatType(value);
  }
}
