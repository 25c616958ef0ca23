package dev.ymchat.client;

import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.internal.wire.CreateChatRequest;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.CreateChatResult;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The client of the chats of the Yandex Market Partner API.
 *
 * <pre>{@code
 * try (ChatsClient client = ChatsClient.builder().apiKey(key).build()) {
 *   for (Chat chat : client.chats(businessId).autoPager()) { ... }
 *   client.sendMessage(businessId, chatId, "Здравствуйте!");
 * }
 * }</pre>
 *
 * <p>Every method takes the business id first. Inputs are checked before anything is sent (an
 * {@link IllegalArgumentException} naming the parameter, the value and the allowed range); failures
 * are unchecked {@link YmChatException}s. Retries follow the {@link RetryPolicy}; the asynchronous
 * twins share it and never block a thread while waiting. Instances are thread-safe.
 */
public final class ChatsClient implements AutoCloseable {

  /** The API's base URL, used unless another is set. */
  public static final String DEFAULT_BASE_URL = "https://api.partner.market.yandex.ru";

  /** The most bytes an API answer may have unless set otherwise: 8 MB. */
  public static final long DEFAULT_MAX_RESPONSE_SIZE = 8L * 1024 * 1024;

  /** The most bytes a downloaded file may have unless set otherwise: 64 MB. */
  public static final long DEFAULT_MAX_DOWNLOAD_SIZE = 64L * 1024 * 1024;

  /**
   * The system property that sets the default {@link ChatsClientBuilder#requestTimeout} of clients
   * whose builder sets none, as an ISO-8601 duration such as {@code PT5S}.
   */
  public static final String REQUEST_TIMEOUT_PROPERTY = "ymchat.client.requestTimeout";

  private final ClientCore core;
  private final Operations ops;
  private final RequestOptions options;

  private ChatsClient(ClientCore core, RequestOptions options) {
    this.core = core;
    this.ops = core.ops;
    this.options = options;
  }

  /** Runs a call on the caller's thread. */
  private <T> T call(Call<?, T> call) {
    return core.execute(options, call).value();
  }

  /** Runs a call without blocking. */
  private <T> CompletableFuture<T> callAsync(Call<?, T> call) {
    return core.executeAsync(options, call).thenApply(ApiResult::value);
  }

  /**
   * Starts building a client.
   *
   * @return a new builder
   */
  public static ChatsClientBuilder builder() {
    return new ChatsClientBuilder();
  }

  /** The client the builder made, with no options. */
  static ChatsClient create(ClientCore core) {
    return new ChatsClient(core, RequestOptions.none());
  }

  /**
   * Builds a client from the environment, as the {@code ymchat} command line reads it: {@code
   * YM_API_KEY} or {@code YM_OAUTH_TOKEN} (the key wins when both are set) and optionally {@code
   * YM_BASE_URL}. The business id, {@code YM_BUSINESS_ID}, is not a client setting: read it with
   * {@link YmEnvironment#businessId()}.
   *
   * @return the client
   * @throws IllegalStateException when neither credential variable is set, or a value is bad
   */
  public static ChatsClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Builds a client from the given environment variables, see {@link #fromEnv()}.
   *
   * @param env the variables
   * @return the client
   * @throws IllegalStateException when neither credential variable is set, or a value is bad
   */
  public static ChatsClient fromEnv(Map<String, String> env) {
    return YmEnvironment.of(env).clientBuilder().build();
  }

  /**
   * Returns a view of this client whose calls use the given options; unset options keep this
   * view's.
   *
   * @param options the options
   * @return the view, sharing connections, limiter and retry policy with this client
   */
  public ChatsClient withOptions(RequestOptions options) {
    return new ChatsClient(core, Objects.requireNonNull(options, "options").orElse(this.options));
  }

  /**
   * Returns a view of this client whose methods return the HTTP status, headers and rate-limit
   * headers together with the result.
   *
   * @return the raw view, with this view's options
   */
  public RawChatsClient withRawResponse() {
    return new RawChatsClient(core, options);
  }

  // ---- createChat ----

  /**
   * Opens a chat about an order or return (createChat); returns the existing chat if there is one.
   * With {@link PathStyle#LEGACY} an order context travels in the seed's form {@code
   * {"orderId":…}}.
   *
   * @param businessId the business (cabinet) id, at least 1
   * @param context the order or return
   * @return the chat id
   * @throws IllegalArgumentException when an id is below 1 or the context is not an {@code ORDER}
   *     or {@code RETURN} one
   * @throws YmChatException when the request fails
   */
  public CreateChatResult createChat(long businessId, ChatContext context) {
    return call(ops.createChat(businessId, CreateChatRequest.of(context)));
  }

  /**
   * Asynchronous {@link #createChat(long, ChatContext)}.
   *
   * @param businessId the business id
   * @param context the order or return
   * @return the future chat id; fails with a {@link YmChatException}
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<CreateChatResult> createChatAsync(long businessId, ChatContext context) {
    return callAsync(ops.createChat(businessId, CreateChatRequest.of(context)));
  }

  /**
   * Opens a chat about an order in the seed's form (body {@code {"orderId":…}}).
   *
   * @param businessId the business id, at least 1
   * @param orderId the order id, at least 1
   * @return the chat id
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public CreateChatResult createChatForOrder(long businessId, long orderId) {
    return call(ops.createChat(businessId, new CreateChatRequest(orderId, null)));
  }

  /**
   * Asynchronous {@link #createChatForOrder(long, long)}.
   *
   * @param businessId the business id
   * @param orderId the order id
   * @return the future chat id
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<CreateChatResult> createChatForOrderAsync(
      long businessId, long orderId) {
    return callAsync(ops.createChat(businessId, new CreateChatRequest(orderId, null)));
  }

  // ---- getChats ----

  /**
   * Lists the chats of a business, first page (getChats).
   *
   * @param businessId the business id, at least 1
   * @return the first page
   * @throws IllegalArgumentException when the id is below 1
   * @throws YmChatException when the request fails
   */
  public ChatsPage chats(long businessId) {
    return chats(businessId, ChatsQuery.all());
  }

  /**
   * Lists the chats that match a query (getChats).
   *
   * @param businessId the business id, at least 1
   * @param query filters, page size and page token
   * @return the page
   * @throws IllegalArgumentException when the id is below 1
   * @throws YmChatException when the request fails
   */
  public ChatsPage chats(long businessId, ChatsQuery query) {
    return call(ops.chats(businessId, query));
  }

  /**
   * Asynchronous {@link #chats(long)}.
   *
   * @param businessId the business id
   * @return the future first page
   * @throws IllegalArgumentException when the id is below 1
   */
  public CompletableFuture<ChatsPage> chatsAsync(long businessId) {
    return chatsAsync(businessId, ChatsQuery.all());
  }

  /**
   * Asynchronous {@link #chats(long, ChatsQuery)}; later pages are fetched synchronously.
   *
   * @param businessId the business id
   * @param query the query
   * @return the future page
   * @throws IllegalArgumentException when the id is below 1
   */
  public CompletableFuture<ChatsPage> chatsAsync(long businessId, ChatsQuery query) {
    return callAsync(ops.chats(businessId, query));
  }

  // ---- getChat ----

  /**
   * Reads one chat (getChat, {@code GET /v2/businesses/{id}/chat}).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @return the chat
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public Chat chat(long businessId, long chatId) {
    return call(ops.chat(businessId, chatId));
  }

  /**
   * Asynchronous {@link #chat(long, long)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @return the future chat
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<Chat> chatAsync(long businessId, long chatId) {
    return callAsync(ops.chat(businessId, chatId));
  }

  // ---- getChatHistory ----

  /**
   * Reads the history of a chat from its start, oldest first (getChatHistory).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @return the first page
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public HistoryPage history(long businessId, long chatId) {
    return history(businessId, chatId, HistoryQuery.all());
  }

  /**
   * Reads the history of a chat by a query (getChatHistory); later pages keep messageIdFrom and
   * limit.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param query start message, page size and page token
   * @return the page
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public HistoryPage history(long businessId, long chatId, HistoryQuery query) {
    return call(ops.history(businessId, chatId, query));
  }

  /**
   * Asynchronous {@link #history(long, long)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @return the future first page
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<HistoryPage> historyAsync(long businessId, long chatId) {
    return historyAsync(businessId, chatId, HistoryQuery.all());
  }

  /**
   * Asynchronous {@link #history(long, long, HistoryQuery)}; later pages are fetched synchronously.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param query the query
   * @return the future page
   * @throws IllegalArgumentException when an id is below 1
   */
  public CompletableFuture<HistoryPage> historyAsync(
      long businessId, long chatId, HistoryQuery query) {
    return callAsync(ops.history(businessId, chatId, query));
  }

  // ---- getChatMessage ----

  /**
   * Reads one message (getChatMessage, {@code GET /v2/businesses/{id}/chats/message}).
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param messageId the message id, at least 1
   * @return the message
   * @throws IllegalArgumentException when an id is below 1
   * @throws YmChatException when the request fails
   */
  public ChatMessage message(long businessId, long chatId, long messageId) {
    return call(ops.message(businessId, chatId, messageId));
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
  public CompletableFuture<ChatMessage> messageAsync(long businessId, long chatId, long messageId) {
    return callAsync(ops.message(businessId, chatId, messageId));
  }

  // ---- sendMessageToChat ----

  /**
   * Sends a text to a chat (sendMessageToChat). Repeated only when it surely did not reach the
   * server or the server answered 420/503; an ambiguous failure is thrown as a {@link
   * TransportException} with outcome {@code UNKNOWN}, see {@link #sendMessageReconciled}.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param text 1 to 4096 characters, counted as Unicode code points
   * @throws IllegalArgumentException when an id is below 1 or the text is empty or too long
   * @throws YmChatException when the request fails
   */
  public void sendMessage(long businessId, long chatId, String text) {
    call(ops.sendMessage(businessId, chatId, text));
  }

  /**
   * Asynchronous {@link #sendMessage(long, long, String)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param text the text
   * @return a future completing when the message was accepted
   * @throws IllegalArgumentException when an input is invalid
   */
  public CompletableFuture<Void> sendMessageAsync(long businessId, long chatId, String text) {
    return callAsync(ops.sendMessage(businessId, chatId, text));
  }

  /**
   * Sends a text and, after an ambiguous failure, looks in the history before sending again, so a
   * message is neither lost nor doubled.
   *
   * <p>Before sending it reads the whole history once to learn the newest message id. When a send
   * fails ambiguously (a {@link TransportException} with outcome {@code UNKNOWN}, or a 5xx other
   * than 503, which the send does not repeat because Market may have stored the message before
   * failing), it reads the messages after that id and resends only if no {@code PARTNER} message
   * with exactly this text appeared; up to the retry policy's (or this view's) number of attempts.
   * Limit: if the same text is sent on purpose by another process in that window, it is taken for
   * this one and not sent again.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param text 1 to 4096 characters
   * @throws IllegalArgumentException when an input is invalid
   * @throws YmChatException when sending or reading the history fails
   */
  public void sendMessageReconciled(long businessId, long chatId, String text) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    Validation.message(text);
    Long newest = null;
    for (ChatMessage m :
        history(businessId, chatId, HistoryQuery.builder().limit(100).build()).autoPager()) {
      newest = m.messageId();
    }
    int attempts = options.maxAttempts().orElse(core.retryPolicy.maxAttempts());
    for (int attempt = 1; ; attempt++) {
      try {
        sendMessage(businessId, chatId, text);
        return;
      } catch (TransportException | ServerException e) {
        if (!isAmbiguous(e)) {
          throw e;
        }
        boolean arrived;
        try {
          arrived = appearedAfter(businessId, chatId, newest, text);
        } catch (YmChatException readFailure) {
          readFailure.addSuppressed(e);
          throw readFailure;
        }
        if (arrived || attempt >= attempts) {
          if (arrived) {
            return;
          }
          throw e;
        }
      }
    }
  }

  /** A failure after which the message may or may not be stored: look before sending again. */
  private static boolean isAmbiguous(YmChatException e) {
    if (e instanceof TransportException) {
      return ((TransportException) e).outcome() == TransportException.Outcome.UNKNOWN;
    }
    // 503 says the request was not processed (and the send already repeated it); other 5xx may have
    // been
    return e instanceof ServerException && e.statusCode() != 503;
  }

  private boolean appearedAfter(long businessId, long chatId, Long newest, String text) {
    HistoryQuery.Builder query = HistoryQuery.builder().limit(100);
    if (newest != null) {
      query.messageIdFrom(newest);
    }
    for (ChatMessage m : history(businessId, chatId, query.build()).autoPager()) {
      if ((newest == null || m.messageId() > newest)
          && MessageSender.PARTNER.equals(m.sender())
          && text.equals(m.message())) {
        return true;
      }
    }
    return false;
  }

  // ---- sendFileToChat ----

  /**
   * Sends a file to a chat (sendFileToChat) as multipart/form-data, part {@code file}; same retry
   * rules as {@link #sendMessage}.
   *
   * @param businessId the business id, at least 1
   * @param chatId the chat id, at least 1
   * @param file the file, 1 byte to 5 MB
   * @throws IllegalArgumentException when an id is below 1 or the file is empty, too big or missing
   * @throws YmChatException when the request fails
   */
  public void sendFile(long businessId, long chatId, FileUpload file) {
    call(ops.sendFile(businessId, chatId, file));
  }

  /**
   * Asynchronous {@link #sendFile(long, long, FileUpload)}.
   *
   * @param businessId the business id
   * @param chatId the chat id
   * @param file the file
   * @return a future completing when the file was accepted
   * @throws IllegalArgumentException when an input is invalid
   */
  public CompletableFuture<Void> sendFileAsync(long businessId, long chatId, FileUpload file) {
    return callAsync(ops.sendFile(businessId, chatId, file));
  }

  // ---- attachments ----

  /**
   * Downloads a message's file to a path, replacing it only once the whole file has arrived (it is
   * written to a temporary file beside the target first). The credentials are sent only to the
   * API's own origin, and retries end where the body begins, see {@link #openDownload}.
   *
   * @param file the payload of a message
   * @param target where to write
   * @throws IllegalArgumentException when the payload has no http(s) url
   * @throws YmChatException when the download fails, stalls ({@link TransportException}) or is
   *     larger than allowed ({@link dev.ymchat.client.error.InvalidResponseException}); the target
   *     is then left as it was
   */
  public void download(MessagePayload file, Path target) {
    core.download(options, file, target);
  }

  /**
   * Opens a message's file for reading; close the stream when done.
   *
   * <p>The credentials go only to the API's own origin: the file URL and every redirect so far must
   * have the base URL's scheme, host and port; once a redirect leaves that origin they are not sent
   * again. The headers must arrive within the request timeout, each read gets data within it, and
   * the whole download must end within {@link ChatsClientBuilder#downloadTimeout}; the file may be
   * at most its declared size plus 10% and 64 KB, and never over {@link
   * ChatsClientBuilder#maxDownloadSize}. Reads that break these limits throw the unchecked {@link
   * TransportException} (time) or {@link dev.ymchat.client.error.InvalidResponseException} (size).
   *
   * <p>A download is a call like the others: a 5xx answer (420 too) or a connection failure before
   * the body starts is retried by the client's {@link RetryPolicy} (and {@link
   * RequestOptions#maxAttempts}), from the file URL again, within the download timeout; each hop is
   * logged at DEBUG like a call, with the file URL's key masked. A failure in the middle of the
   * body is <em>not</em> retried: the caller already has bytes of it, so the read throws and the
   * caller decides (call {@code openDownload} again for a fresh stream). Downloads do not count
   * against the client-side limiter's quotas: a file URL is not an API operation.
   *
   * @param file the payload of a message
   * @return the content
   * @throws IllegalArgumentException when the payload has no http(s) url
   * @throws YmChatException when the download fails
   */
  public InputStream openDownload(MessagePayload file) {
    return core.openDownload(options, file);
  }

  /** Marks the client closed; later calls fail. Idempotent. */
  @Override
  public void close() {
    core.close();
  }

  /** Describes the client without its credentials. */
  @Override
  public String toString() {
    return "ChatsClient{" + core.description + ", options=" + options + "}";
  }
}
