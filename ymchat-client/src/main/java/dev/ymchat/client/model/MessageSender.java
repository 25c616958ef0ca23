package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * Who wrote a message: the seller ({@code PARTNER}), the buyer, Market's robot or Market's support.
 */
public final class MessageSender extends OpenEnum<MessageSender.Known> {

  /** The values this library knows, plus {@code UNKNOWN} for newer ones. */
  public enum Known {
    /** {@code PARTNER}. */
    PARTNER,
    /** {@code CUSTOMER}. */
    CUSTOMER,
    /** {@code MARKET}. */
    MARKET,
    /** {@code SUPPORT}. */
    SUPPORT,
    /** A value newer than this library; the raw value is kept in {@link MessageSender#value()}. */
    UNKNOWN
  }

  /** {@code PARTNER}. */
  public static final MessageSender PARTNER = new MessageSender("PARTNER");

  /** {@code CUSTOMER}. */
  public static final MessageSender CUSTOMER = new MessageSender("CUSTOMER");

  /** {@code MARKET}. */
  public static final MessageSender MARKET = new MessageSender("MARKET");

  /** {@code SUPPORT}. */
  public static final MessageSender SUPPORT = new MessageSender("SUPPORT");

  private static final Map<String, MessageSender> KNOWN =
      index(List.of(PARTNER, CUSTOMER, MARKET, SUPPORT));

  private MessageSender(String value) {
    super(value, Known.class);
  }

  /**
   * Returns the value for a wire string, known or not.
   *
   * @param value the wire value
   * @return the predefined constant, or a new value that keeps the raw string
   */
  @JsonCreator
  public static MessageSender of(String value) {
    MessageSender constant = KNOWN.get(value);
    return constant != null ? constant : new MessageSender(value);
  }
}
