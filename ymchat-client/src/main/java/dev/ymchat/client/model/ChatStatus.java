package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/** Whose turn it is in a chat, or that the chat is finished. */
public final class ChatStatus extends OpenEnum<ChatStatus.Known> {

  /** The values this library knows, plus {@code UNKNOWN} for newer ones. */
  public enum Known {
    /** {@code NEW}. */
    NEW,
    /** {@code WAITING_FOR_CUSTOMER}. */
    WAITING_FOR_CUSTOMER,
    /** {@code WAITING_FOR_PARTNER}. */
    WAITING_FOR_PARTNER,
    /** {@code WAITING_FOR_ARBITER}. */
    WAITING_FOR_ARBITER,
    /** {@code WAITING_FOR_MARKET}. */
    WAITING_FOR_MARKET,
    /** {@code FINISHED}. */
    FINISHED,
    /** A value newer than this library; the raw value is kept in {@link ChatStatus#value()}. */
    UNKNOWN
  }

  /** {@code NEW}. */
  public static final ChatStatus NEW = new ChatStatus("NEW");

  /** {@code WAITING_FOR_CUSTOMER}. */
  public static final ChatStatus WAITING_FOR_CUSTOMER = new ChatStatus("WAITING_FOR_CUSTOMER");

  /** {@code WAITING_FOR_PARTNER}. */
  public static final ChatStatus WAITING_FOR_PARTNER = new ChatStatus("WAITING_FOR_PARTNER");

  /** {@code WAITING_FOR_ARBITER}. */
  public static final ChatStatus WAITING_FOR_ARBITER = new ChatStatus("WAITING_FOR_ARBITER");

  /** {@code WAITING_FOR_MARKET}. */
  public static final ChatStatus WAITING_FOR_MARKET = new ChatStatus("WAITING_FOR_MARKET");

  /** {@code FINISHED}. */
  public static final ChatStatus FINISHED = new ChatStatus("FINISHED");

  private static final Map<String, ChatStatus> KNOWN =
      index(
          List.of(
              NEW,
              WAITING_FOR_CUSTOMER,
              WAITING_FOR_PARTNER,
              WAITING_FOR_ARBITER,
              WAITING_FOR_MARKET,
              FINISHED));

  private ChatStatus(String value) {
    super(value, Known.class);
  }

  /**
   * Returns the value for a wire string, known or not.
   *
   * @param value the wire value
   * @return the predefined constant, or a new value that keeps the raw string
   */
  @JsonCreator
  public static ChatStatus of(String value) {
    ChatStatus constant = KNOWN.get(value);
    return constant != null ? constant : new ChatStatus(value);
  }
}
