package dev.ymchat.sandbox.domain;

/**
 * A change the chat rules refuse. It names the rule broken, not an HTTP status: the API layer maps
 * each {@link Violation} to its status and error code.
 */
public final class ChatRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The rule a change broke. */
  public enum Violation {
    /** The chat, order or return does not exist in the business. */
    NOT_FOUND,
    /**
     * The request asks for something the rules never allow (such as a dispute in a DIRECT chat).
     */
    NOT_ALLOWED,
    /** The chat is finished and takes no more changes. */
    CHAT_FINISHED,
    /** A dispute is already open in the chat. */
    DISPUTE_ALREADY_OPEN,
    /** The chat has no open dispute to finish. */
    NO_OPEN_DISPUTE
  }

  private final Violation violation;

  /**
   * Creates the exception.
   *
   * @param violation the rule broken
   * @param message what went wrong and what to do, for a person
   */
  public ChatRuleException(Violation violation, String message) {
    super(message);
    this.violation = violation;
  }

  /**
   * The rule broken.
   *
   * @return the violation
   */
  public Violation violation() {
    return violation;
  }
}
