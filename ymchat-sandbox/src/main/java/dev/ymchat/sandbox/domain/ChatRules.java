package dev.ymchat.sandbox.domain;

import dev.ymchat.sandbox.domain.ChatRuleException.Violation;

/**
 * Market's rules for a chat's life: how its status moves when a message arrives, when disputes may
 * open and finish, and which chats take no more messages. Pure functions over the chat's state; the
 * store applies their results.
 */
public final class ChatRules {

  private ChatRules() {}

  /** The part of a chat the rules look at. */
  public interface ChatState {
    /**
     * The chat's id.
     *
     * @return the id
     */
    long id();

    /**
     * What the chat is about.
     *
     * @return ORDER, RETURN or DIRECT
     */
    ContextType contextType();

    /**
     * The chat's type.
     *
     * @return CHAT or ARBITRAGE
     */
    ChatType type();

    /**
     * The chat's status.
     *
     * @return the status
     */
    ChatStatus status();
  }

  /**
   * The status a chat moves to when a message arrives.
   *
   * @param type CHAT or ARBITRAGE
   * @param current the current status
   * @param sender who writes
   * @return the new status
   */
  public static ChatStatus afterMessage(ChatType type, ChatStatus current, Sender sender) {
    boolean dispute = type == ChatType.ARBITRAGE;
    return switch (sender) {
      case PARTNER -> dispute ? ChatStatus.WAITING_FOR_ARBITER : ChatStatus.WAITING_FOR_CUSTOMER;
      case CUSTOMER -> dispute ? ChatStatus.WAITING_FOR_ARBITER : ChatStatus.WAITING_FOR_PARTNER;
      case SUPPORT -> ChatStatus.WAITING_FOR_PARTNER;
      // Market's automatic notices do not expect an answer.
      case MARKET -> current;
    };
  }

  /**
   * Checks that a chat takes a new message.
   *
   * @param chat the chat
   * @throws ChatRuleException CHAT_FINISHED when the chat is finished
   */
  public static void requireOpenForMessages(ChatState chat) {
    if (chat.status() == ChatStatus.FINISHED) {
      throw refusal(
          Violation.CHAT_FINISHED,
          chat,
          "is finished and accepts no new messages; start a new chat for the order instead");
    }
  }

  /**
   * Checks that a dispute may open in a chat.
   *
   * @param chat the chat
   * @throws ChatRuleException NOT_ALLOWED for a DIRECT chat, CHAT_FINISHED for a finished chat,
   *     DISPUTE_ALREADY_OPEN when one is open
   */
  public static void requireDisputeCanOpen(ChatState chat) {
    if (chat.contextType() == ContextType.DIRECT) {
      throw refusal(
          Violation.NOT_ALLOWED,
          chat,
          "is a DIRECT chat; disputes exist only for ORDER and RETURN chats");
    }
    if (chat.status() == ChatStatus.FINISHED) {
      throw refusal(Violation.CHAT_FINISHED, chat, "is finished; a dispute cannot be opened in it");
    }
    if (chat.type() == ChatType.ARBITRAGE) {
      throw refusal(Violation.DISPUTE_ALREADY_OPEN, chat, "already has an open dispute");
    }
  }

  /**
   * Checks that a chat has an open dispute to finish.
   *
   * @param chat the chat
   * @throws ChatRuleException NO_OPEN_DISPUTE otherwise
   */
  public static void requireOpenDispute(ChatState chat) {
    if (chat.type() != ChatType.ARBITRAGE || chat.status() == ChatStatus.FINISHED) {
      throw refusal(Violation.NO_OPEN_DISPUTE, chat, "has no open dispute; open one first");
    }
  }

  private static ChatRuleException refusal(Violation violation, ChatState chat, String what) {
    return new ChatRuleException(violation, "Chat " + chat.id() + " " + what);
  }

  /**
   * Checks that a seller may start a chat about this kind of context.
   *
   * @param contextType the context
   * @throws ChatRuleException NOT_ALLOWED for DIRECT: only a buyer starts those
   */
  public static void requireSellerContext(ContextType contextType) {
    if (contextType == ContextType.DIRECT) {
      throw new ChatRuleException(Violation.NOT_ALLOWED, "context.type must be ORDER or RETURN");
    }
  }

  /**
   * The refusal for a chat that does not exist in the business (also for another business's chat,
   * so nothing leaks about other businesses).
   *
   * @param businessId the business
   * @param chatId the chat
   * @return the exception
   */
  public static ChatRuleException chatNotFound(long businessId, long chatId) {
    return new ChatRuleException(
        Violation.NOT_FOUND,
        "Chat "
            + chatId
            + " not found in business "
            + businessId
            + "; list the business's chats with getChats");
  }
}
