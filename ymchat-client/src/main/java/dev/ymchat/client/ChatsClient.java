package dev.ymchat.client;

import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.internal.AuthTransport;
import dev.ymchat.client.internal.Credentials;
import dev.ymchat.client.internal.Downloads;
import dev.ymchat.client.internal.ErrorMapper;
import dev.ymchat.client.internal.JdkHttpTransport;
import dev.ymchat.client.internal.LoggingTransport;
import dev.ymchat.client.internal.Origin;
import dev.ymchat.client.internal.RateLimitingTransport;
import dev.ymchat.client.internal.RetryingTransport;
import dev.ymchat.client.internal.Transport;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.CreateChatRequest;
import dev.ymchat.client.model.CreateChatResult;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
   * The system property that sets the default {@link Builder#requestTimeout} of clients whose
   * builder sets none, as an ISO-8601 duration such as {@code PT5S}.
   */
  public static final String REQUEST_TIMEOUT_PROPERTY = "ymchat.client.requestTimeout";

  private static final String USER_AGENT = "ymchat-client/0.1 (Java)";

  private final ClientCore core;
  private final RequestOptions options;

  /** The view the synchronous methods use: the same options, exchanged on the caller's thread. */
  private final ChatsClient sync;

  private ChatsClient(ClientCore core, RequestOptions options) {
    this.core = core;
    this.options = options;
    // Blocking on an async exchange would hand every answer to another thread (on small machines
    // a new one per call); the synchronous methods run the exchange on the caller's thread instead.
    this.sync = options.blocking() ? this : new ChatsClient(core, options.asBlocking());
  }

  /**
   * Starts building a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
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
    return join(sync.createChatAsync(businessId, context));
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
    Objects.requireNonNull(context, "context");
    return core.createChat(options, businessId, CreateChatRequest.of(context))
        .thenApply(ApiResult::value);
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
    return join(sync.createChatForOrderAsync(businessId, orderId));
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
    return core.createChat(options, businessId, new CreateChatRequest(orderId, null))
        .thenApply(ApiResult::value);
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
    return join(sync.chatsAsync(businessId, query));
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
    Objects.requireNonNull(query, "query");
    return core.chats(options, businessId, query).thenApply(ApiResult::value);
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
    return join(sync.chatAsync(businessId, chatId));
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
    return core.chat(options, businessId, chatId).thenApply(ApiResult::value);
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
    return join(sync.historyAsync(businessId, chatId, query));
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
    Objects.requireNonNull(query, "query");
    return core.history(options, businessId, chatId, query).thenApply(ApiResult::value);
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
    return join(sync.messageAsync(businessId, chatId, messageId));
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
    return core.message(options, businessId, chatId, messageId).thenApply(ApiResult::value);
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
    join(sync.sendMessageAsync(businessId, chatId, text));
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
    return core.sendMessage(options, businessId, chatId, text).thenApply(ApiResult::value);
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
    join(sync.sendFileAsync(businessId, chatId, file));
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
    return core.sendFile(options, businessId, chatId, file).thenApply(ApiResult::value);
  }

  // ---- attachments ----

  /**
   * Downloads a message's file to a path, replacing it only once the whole file has arrived (it is
   * written to a temporary file beside the target first). The credentials are sent only to the
   * API's own origin, see {@link #openDownload}.
   *
   * @param file the payload of a message
   * @param target where to write
   * @throws IllegalArgumentException when the payload has no http(s) url
   * @throws YmChatException when the download fails, stalls ({@link TransportException}) or is
   *     larger than allowed ({@link dev.ymchat.client.error.InvalidResponseException}); the target
   *     is then left as it was
   */
  public void download(MessagePayload file, Path target) {
    Objects.requireNonNull(target, "target");
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try (InputStream in = core.openDownload(options, file)) {
      temp = Files.createTempFile(dir, ".ymchat-download", ".part");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new TransportException(
          "download of "
              + file.name()
              + " to "
              + target
              + " failed ("
              + e
              + "); check the disk and retry.",
          TransportException.Outcome.UNKNOWN,
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the download's own failure is the one to report
        }
      }
    }
  }

  /**
   * Opens a message's file for reading; close the stream when done.
   *
   * <p>The credentials go only to the API's own origin: the file URL and every redirect so far must
   * have the base URL's scheme, host and port; once a redirect leaves that origin they are not sent
   * again. The headers must arrive within the request timeout, each read gets data within it, and
   * the whole download must end within {@link Builder#downloadTimeout}; the file may be at most its
   * declared size plus 10% and 64 KB, and never over {@link Builder#maxDownloadSize}. Reads that
   * break these limits throw the unchecked {@link TransportException} (time) or {@link
   * dev.ymchat.client.error.InvalidResponseException} (size).
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

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = ErrorMapper.unwrap(e);
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /** Builds a {@link ChatsClient}; {@link #toString()} never shows the credentials. */
  public static final class Builder {
    private String apiKey;
    private String oauthToken;
    private String baseUrl = DEFAULT_BASE_URL;
    private PathStyle pathStyle = PathStyle.V2;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private ClientRateLimits rateLimits;
    private Duration requestTimeout;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration downloadTimeout = Duration.ofMinutes(10);
    private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
    private long maxDownloadSize = DEFAULT_MAX_DOWNLOAD_SIZE;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Authenticates with an API key ({@code Api-Key} header); exactly one of this and {@link
     * #oauthToken} is required.
     *
     * @param apiKey the key from the seller cabinet
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Authenticates with an OAuth token ({@code Authorization: Bearer}); exactly one of this and
     * {@link #apiKey} is required.
     *
     * @param oauthToken the token, scope {@code market:partner-api}
     * @return this builder
     */
    public Builder oauthToken(String oauthToken) {
      this.oauthToken = oauthToken;
      return this;
    }

    /**
     * Sets the base URL, such as a sandbox's {@code http://127.0.0.1:8080}.
     *
     * @param baseUrl an absolute http or https URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the path family: {@link PathStyle#V2} (default) or {@link PathStyle#LEGACY}.
     *
     * @param pathStyle the style
     * @return this builder
     */
    public Builder pathStyle(PathStyle pathStyle) {
      this.pathStyle = Objects.requireNonNull(pathStyle, "pathStyle");
      return this;
    }

    /**
     * Sets the retry policy; {@link RetryPolicy#none()} turns retries off.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Turns on the client-side limiter; off by default.
     *
     * @param rateLimits the limits, or {@code null} to turn it off
     * @return this builder
     */
    public Builder rateLimiter(ClientRateLimits rateLimits) {
      this.rateLimits = rateLimits;
      return this;
    }

    /**
     * Sets the timeout of each attempt, from sending to the last byte of the answer (default 30 s,
     * or the system property {@value ChatsClient#REQUEST_TIMEOUT_PROPERTY}); for downloads, the
     * longest wait for the headers and for each next bytes of the file.
     *
     * @param requestTimeout a positive duration
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Sets the longest a download may take, redirects and the whole file included (default 10 min).
     *
     * @param downloadTimeout a positive duration
     * @return this builder
     */
    public Builder downloadTimeout(Duration downloadTimeout) {
      this.downloadTimeout = downloadTimeout;
      return this;
    }

    /**
     * Sets the most bytes an API answer may have (default 8 MB); a longer one fails with {@link
     * dev.ymchat.client.error.InvalidResponseException} and is not read further.
     *
     * @param bytes 1 byte to 1 GB
     * @return this builder
     */
    public Builder maxResponseSize(long bytes) {
      this.maxResponseSize = bytes;
      return this;
    }

    /**
     * Sets the most bytes a downloaded file may have (default 64 MB); the limit of a file whose
     * message declares its size is that size plus 10% and 64 KB, within this maximum.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxDownloadSize(long bytes) {
      this.maxDownloadSize = bytes;
      return this;
    }

    /**
     * Sets the connect timeout of the client's own HTTP client (default 10 s).
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Uses this HTTP client instead of a new one (its connect timeout then applies); it must not
     * follow redirects ({@link HttpClient.Redirect#NEVER}), so credentials never go to another
     * origin.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Sets the clock of the retry budget, rate-limit windows and the limiter; for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits between attempts and for the limiter; for tests.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the client, checking every setting.
     *
     * @return the client
     * @throws IllegalStateException naming a missing or bad setting
     */
    public ChatsClient build() {
      boolean hasKey = apiKey != null && !apiKey.isBlank();
      boolean hasToken = oauthToken != null && !oauthToken.isBlank();
      if (hasKey && hasToken) {
        throw new IllegalStateException(
            "both apiKey and oauthToken are set; set exactly one of them");
      }
      if (!hasKey && !hasToken) {
        throw new IllegalStateException(
            "no credentials: set apiKey(...) (sent as the Api-Key "
                + "header) or oauthToken(...) (sent as Authorization: Bearer)");
      }
      String secret = hasKey ? apiKey.trim() : oauthToken.trim();
      if (secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalStateException(
            (hasKey ? "apiKey" : "oauthToken")
                + " contains spaces, line breaks or non-ASCII characters; copy it again from the "
                + "seller cabinet");
      }
      Credentials credentials = hasKey ? Credentials.apiKey(secret) : Credentials.oauth(secret);
      URI base = parseBaseUrl(baseUrl);
      Duration requestTimeout =
          this.requestTimeout != null ? this.requestTimeout : defaultRequestTimeout();
      if (!positive(requestTimeout)) {
        throw new IllegalStateException("requestTimeout must be positive, got " + requestTimeout);
      }
      if (!positive(connectTimeout)) {
        throw new IllegalStateException("connectTimeout must be positive, got " + connectTimeout);
      }
      if (!positive(downloadTimeout)) {
        throw new IllegalStateException("downloadTimeout must be positive, got " + downloadTimeout);
      }
      if (maxResponseSize < 1 || maxResponseSize > MAX_RESPONSE_SIZE_LIMIT) {
        throw new IllegalStateException(
            "maxResponseSize must be 1 byte to 1 GB, got "
                + maxResponseSize
                + "; the default is "
                + DEFAULT_MAX_RESPONSE_SIZE);
      }
      if (maxDownloadSize < 1) {
        throw new IllegalStateException(
            "maxDownloadSize must be at least 1 byte, got " + maxDownloadSize);
      }
      if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalStateException(
            "the httpClient follows redirects ("
                + httpClient.followRedirects()
                + "), which would send the credentials to wherever an answer points; build it"
                + " with followRedirects(HttpClient.Redirect.NEVER): the client follows download"
                + " redirects itself");
      }
      HttpClient http =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(connectTimeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      Origin origin = Origin.of(base);
      Transport transport = new JdkHttpTransport(http, USER_AGENT, maxResponseSize);
      transport = new LoggingTransport(transport);
      if (rateLimits != null) {
        transport = new RateLimitingTransport(transport, rateLimits, clock, sleeper);
      }
      transport = new RetryingTransport(transport, retryPolicy, clock, sleeper);
      transport = new AuthTransport(transport, credentials, origin);
      Downloads downloads =
          new Downloads(http, credentials, origin, USER_AGENT, maxDownloadSize, downloadTimeout);
      String description =
          "baseUrl="
              + base
              + ", pathStyle="
              + pathStyle
              + ", auth="
              + credentials
              + ", retryPolicy="
              + retryPolicy
              + ", rateLimiter="
              + (rateLimits == null ? "off" : rateLimits)
              + ", requestTimeout="
              + requestTimeout;
      ClientCore core =
          new ClientCore(
              base, pathStyle, transport, downloads, requestTimeout, retryPolicy, description);
      return new ChatsClient(core, RequestOptions.none());
    }

    private static final long MAX_RESPONSE_SIZE_LIMIT = 1L << 30;

    private static Duration defaultRequestTimeout() {
      String value = System.getProperty(REQUEST_TIMEOUT_PROPERTY);
      if (value == null || value.isBlank()) {
        return Duration.ofSeconds(30);
      }
      try {
        return Duration.parse(value.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalStateException(
            "the system property "
                + REQUEST_TIMEOUT_PROPERTY
                + " must be an ISO-8601 duration such as PT30S, got '"
                + value
                + "'",
            e);
      }
    }

    private static boolean positive(Duration d) {
      return d != null && !d.isZero() && !d.isNegative();
    }

    private static URI parseBaseUrl(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(
            "baseUrl is empty; leave it unset for "
                + DEFAULT_BASE_URL
                + " or give an absolute URL such as http://127.0.0.1:8080");
      }
      try {
        URI uri = new URI(value.trim());
        String scheme = uri.getScheme();
        if (scheme == null
            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || uri.getHost() == null
            || uri.getRawQuery() != null
            || uri.getRawFragment() != null) {
          throw new IllegalStateException(
              "baseUrl must be an absolute http(s) URL without query, "
                  + "such as "
                  + DEFAULT_BASE_URL
                  + ", got "
                  + value);
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalStateException(
            "baseUrl is not a valid URL: " + value + " (" + e.getReason() + ")", e);
      }
    }

    /** Describes the settings without the credentials. */
    @Override
    public String toString() {
      String auth =
          apiKey != null ? "Api-Key(redacted)" : oauthToken != null ? "OAuth(redacted)" : "none";
      return "ChatsClient.Builder{baseUrl="
          + baseUrl
          + ", pathStyle="
          + pathStyle
          + ", auth="
          + auth
          + ", retryPolicy="
          + retryPolicy
          + ", rateLimiter="
          + rateLimits
          + ", requestTimeout="
          + (requestTimeout == null ? "default" : requestTimeout)
          + ", connectTimeout="
          + connectTimeout
          + "}";
    }
  }
}
