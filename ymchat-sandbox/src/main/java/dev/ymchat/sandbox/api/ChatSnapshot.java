package dev.ymchat.sandbox.api;

import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One chat of the sandbox's state with all its messages, as the API shows them: the chat as getChat
 * returns it, the messages as getChatHistory does (oldest first, files with name, size and URL).
 *
 * @param businessId the business the chat belongs to
 * @param chat the chat
 * @param messages its messages in id order
 */
public record ChatSnapshot(long businessId, Chat chat, List<ChatMessage> messages) {

  /**
   * Copies the messages.
   *
   * @param businessId the business the chat belongs to
   * @param chat the chat
   * @param messages its messages in id order
   */
  public ChatSnapshot {
    Objects.requireNonNull(chat, "chat");
    messages = List.copyOf(messages);
  }
}
