package dev.ymchat.client.internal.wire;

import dev.ymchat.client.model.ChatContext;
import java.util.Objects;

/**
 * The body of createChat: the context, or (deprecated, the seed's form) an order id.
 *
 * @param orderId the order id (deprecated form), or {@code null}
 * @param context the order or return, or {@code null} when {@code orderId} is used
 */
public record CreateChatRequest(Long orderId, ChatContext context) {

  /**
   * A request for the chat of a context.
   *
   * @param context the order or return
   * @return the request
   */
  public static CreateChatRequest of(ChatContext context) {
    return new CreateChatRequest(null, Objects.requireNonNull(context, "context"));
  }
}
