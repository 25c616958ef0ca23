package dev.ymchat.client;

import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.internal.wire.CreateChatRequest;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.CreateChatResult;
import java.util.concurrent.CompletableFuture;

/**
 * A view of {@link ChatsClient} whose methods return the HTTP status, headers and rate-limit
 * headers with each result; get it from {@link ChatsClient#withRawResponse()}. Pages fetched
 * through {@code nextPage()} are plain pages.
 */
public final class RawChatsClient {

  private final ClientCore core;
  private final Operations ops;
  private final RequestOptions options;

  RawChatsClient(ClientCore core, RequestOptions options) {
    this.core = core;
    this.ops = core.ops;
    this.options = options;
  }

  /**
   * Opens a chat about an order or return (createChat).
   *
   * @param businessId the business id, at least 1
   * @param context the order or return
   * @return the chat id with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<CreateChatResult> createChat(long businessId, ChatContext context) {
    return core.execute(options, ops.createChat(businessId, CreateChatRequest.of(context)));
  }

  /**
   * Asynchronous {@link #createChat(long, ChatContext)}.
   *
   * @param businessId the business id
   * @param context the order or return
   * @return the future result
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<ApiResult<CreateChatResult>> createChatAsync(
      long businessId, ChatContext context) {
    return core.executeAsync(options, ops.createChat(businessId, CreateChatRequest.of(context)));
  }

  /**
   * Opens a chat about an order in the seed's form (body {@code {"orderId":…}}).
   *
   * @param businessId the business id, at least 1
   * @param orderId the order id, at least 1
   * @return the chat id with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<CreateChatResult> createChatForOrder(long businessId, long orderId) {
    return core.execute(options, ops.createChat(businessId, new CreateChatRequest(orderId, null)));
  }

  /**
   * Lists chats (getChats).
   *
   * @param businessId the business id, at least 1
   * @param query filters, page size and page token
   * @return the page with the answer's details
   * @throws IllegalArgumentException when the id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<ChatsPage> chats(long businessId, ChatsQuery query) {
    return core.execute(options, ops.chats(businessId, query));
  }

  /**
   * Lists the chats of a business, first page (getChats).
   *
   * @param businessId the business id, at least 1
   * @return the page with the answer's details
   * @throws IllegalArgumentException when the id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<ChatsPage> chats(long businessId) {
    return chats(businessId, ChatsQuery.all());
  }

  /**
   * Asynchronous {@link #chats(long, ChatsQuery)}.
   *
   * @param businessId the business id
   * @param query the query
   * @return the future page
   * @throws IllegalArgumentException when the id is below 1
   */
  public CompletableFuture<ApiResult<ChatsPage>> chatsAsync(long businessId, ChatsQuery query) {
    return core.executeAsync(options, ops.chats(businessId, query));
  }

  /**
   * Reads one chat (getChat).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @return the chat with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<Chat> chat(long businessId, long chatId) {
    return core.execute(options, ops.chat(businessId, chatId));
  }

  /**
   * Asynchronous {@link #chat(long, long)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @return the future chat
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<ApiResult<Chat>> chatAsync(long businessId, long chatId) {
    return core.executeAsync(options, ops.chat(businessId, chatId));
  }

  /**
   * Reads the history of a chat (getChatHistory).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param query start message, page size and page token
   * @return the page with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<HistoryPage> history(long businessId, long chatId, HistoryQuery query) {
    return core.execute(options, ops.history(businessId, chatId, query));
  }

  /**
   * Reads the history of a chat from its start (getChatHistory).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @return the page with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<HistoryPage> history(long businessId, long chatId) {
    return history(businessId, chatId, HistoryQuery.all());
  }

  /**
   * Asynchronous {@link #history(long, long, HistoryQuery)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param query the query
   * @return the future page
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<ApiResult<HistoryPage>> historyAsync(
      long businessId, long chatId, HistoryQuery query) {
    return core.executeAsync(options, ops.history(businessId, chatId, query));
  }

  /**
   * Reads one message (getChatMessage).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param messageId the message id, at least 1
   * @return the message with the answer's details
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ApiResult<ChatMessage> message(long businessId, long chatId, long messageId) {
    return core.execute(options, ops.message(businessId, chatId, messageId));
  }

  /**
   * Asynchronous {@link #message(long, long, long)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param messageId the message id
   * @return the future message
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<ApiResult<ChatMessage>> messageAsync(
      long businessId, long chatId, long messageId) {
    return core.executeAsync(options, ops.message(businessId, chatId, messageId));
  }

  /**
   * Sends a text (sendMessageToChat); same retry rules as {@link ChatsClient#sendMessage}.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param text 1 to 4096 characters
   * @return the answer's details, {@code value()} is {@code null}
   * @throws IllegalArgumentException when an input is invalid
   * @throws YmChatException when the request fails
   */
  public ApiResult<Void> sendMessage(long businessId, long chatId, String text) {
    return core.execute(options, ops.sendMessage(businessId, chatId, text));
  }

  /**
   * Asynchronous {@link #sendMessage(long, long, String)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param text the text
   * @return the future answer details
   * @throws IllegalArgumentException when an input is invalid
   */
  public CompletableFuture<ApiResult<Void>> sendMessageAsync(
      long businessId, long chatId, String text) {
    return core.executeAsync(options, ops.sendMessage(businessId, chatId, text));
  }

  /**
   * Sends a file (sendFileToChat); same retry rules as {@link ChatsClient#sendFile}.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param file the file, 1 byte to 5 MB
   * @return the answer's details, {@code value()} is {@code null}
   * @throws IllegalArgumentException when an input is invalid
   * @throws YmChatException when the request fails
   */
  public ApiResult<Void> sendFile(long businessId, long chatId, FileUpload file) {
    return core.execute(options, ops.sendFile(businessId, chatId, file));
  }

  /**
   * Asynchronous {@link #sendFile(long, long, FileUpload)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param file the file
   * @return the future answer details
   * @throws IllegalArgumentException when an input is invalid
   */
  public CompletableFuture<ApiResult<Void>> sendFileAsync(
      long businessId, long chatId, FileUpload file) {
    return core.executeAsync(options, ops.sendFile(businessId, chatId, file));
  }

  /** Describes the client without its credentials. */
  @Override
  public String toString() {
    return "RawChatsClient{" + core.description + ", options=" + options + "}";
  }
}
