package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/** What a chat is about: an order, a return, or a chat the buyer started ({@code DIRECT}). */
public final class ChatContextType extends OpenEnum<ChatContextType.Known> {

  /** The values this library knows, plus {@code UNKNOWN} for newer ones. */
  public enum Known {
    /** {@code ORDER}. */
    ORDER,
    /** {@code RETURN}. */
    RETURN,
    /** {@code DIRECT}. */
    DIRECT,
    /**
     * A value newer than this library; the raw value is kept in {@link ChatContextType#value()}.
     */
    UNKNOWN
  }

  /** {@code ORDER}. */
  public static final ChatContextType ORDER = new ChatContextType("ORDER");

  /** {@code RETURN}. */
  public static final ChatContextType RETURN = new ChatContextType("RETURN");

  /** {@code DIRECT}. */
  public static final ChatContextType DIRECT = new ChatContextType("DIRECT");

  private static final Map<String, ChatContextType> KNOWN = index(List.of(ORDER, RETURN, DIRECT));

  private ChatContextType(String value) {
    super(value, Known.class);
  }

  /**
   * Returns the value for a wire string, known or not.
   *
   * @param value the wire value
   * @return the predefined constant, or a new value that keeps the raw string
   */
  @JsonCreator
  public static ChatContextType of(String value) {
    ChatContextType constant = KNOWN.get(value);
    return constant != null ? constant : new ChatContextType(value);
  }
}
