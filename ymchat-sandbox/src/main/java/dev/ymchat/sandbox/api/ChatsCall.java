package dev.ymchat.sandbox.api;

import dev.ymchat.sandbox.store.ChatFilter;
import dev.ymchat.sandbox.store.NewFile;

/**
 * A chat operation's request, parsed and checked once by {@link ChatsRequests}, before any work.
 */
sealed interface ChatsCall {

  /**
   * The business in the path.
   *
   * @return the businessId
   */
  long businessId();

  /**
   * createChat: the ORDER or RETURN chat of a context.
   *
   * @param businessId the business
   * @param contextType ORDER or RETURN
   * @param contextId the order or return id
   */
  record CreateChat(long businessId, String contextType, long contextId) implements ChatsCall {}

  /**
   * getChats: one page of the business's chats.
   *
   * @param businessId the business
   * @param filter the filters of the body
   * @param before the id the page token points past, or null for the first page
   * @param limit the page size
   */
  record GetChats(long businessId, ChatFilter filter, Long before, int limit)
      implements ChatsCall {}

  /**
   * getChatHistory: one page of a chat's messages.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param start the first message id to return
   * @param limit the page size
   */
  record GetChatHistory(long businessId, long chatId, long start, int limit) implements ChatsCall {}

  /**
   * sendMessage: a text from the seller.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param text the checked text
   */
  record SendMessage(long businessId, long chatId, String text) implements ChatsCall {}

  /**
   * sendFileToChat: a file from the seller.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param file the checked file
   */
  record SendFile(long businessId, long chatId, NewFile file) implements ChatsCall {}

  /**
   * getChat: one chat.
   *
   * @param businessId the business
   * @param chatId the chat
   */
  record GetChat(long businessId, long chatId) implements ChatsCall {}

  /**
   * getChatMessage: one message of a chat.
   *
   * @param businessId the business
   * @param chatId the chat
   * @param messageId the message
   */
  record GetChatMessage(long businessId, long chatId, long messageId) implements ChatsCall {}
}
