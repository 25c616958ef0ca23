package dev.ymchat.client.model;

import java.util.Objects;

/**
 * The order or return a chat is about, as a request names it ({@code ChatContextDTO}).
 *
 * @param type {@link ChatContextType#ORDER} or {@link ChatContextType#RETURN}
 * @param id the order or return id, at least 1
 */
public record ChatContext(ChatContextType type, long id) {

  /**
   * Checks that the type is present.
   *
   * @param type the context type
   * @param id the order or return id
   */
  public ChatContext {
    Objects.requireNonNull(type, "type");
  }

  /**
   * The context of an order.
   *
   * @param orderId the order id
   * @return the context
   */
  public static ChatContext order(long orderId) {
    return new ChatContext(ChatContextType.ORDER, orderId);
  }

  /**
   * The context of a return.
   *
   * @param returnId the return id
   * @return the context
   */
  public static ChatContext ofReturn(long returnId) {
    return new ChatContext(ChatContextType.RETURN, returnId);
  }
}
