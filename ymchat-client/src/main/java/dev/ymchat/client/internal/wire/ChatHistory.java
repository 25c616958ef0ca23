package dev.ymchat.client.internal.wire;

import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import java.util.List;

/**
 * The result of getChatHistory ({@code ChatMessagesResultDTO}): one page of messages, oldest first.
 *
 * @param orderId the order id (deprecated; use {@code context}), or {@code null}
 * @param context what the chat is about; {@code null} only from servers of the seed era
 * @param messages the messages of this page, never {@code null}
 * @param paging the paging information, or {@code null}
 */
public record ChatHistory(
    Long orderId, ChatFullContext context, List<ChatMessage> messages, Paging paging) {

  /**
   * Copies the messages.
   *
   * @param orderId the order id
   * @param context what the chat is about
   * @param messages the messages of this page
   * @param paging the paging information
   */
  public ChatHistory {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
