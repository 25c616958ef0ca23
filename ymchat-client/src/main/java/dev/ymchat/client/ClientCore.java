package dev.ymchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.internal.BodySource;
import dev.ymchat.client.internal.Downloads;
import dev.ymchat.client.internal.ErrorMapper;
import dev.ymchat.client.internal.HttpCall;
import dev.ymchat.client.internal.HttpResult;
import dev.ymchat.client.internal.LogUrls;
import dev.ymchat.client.internal.Multipart;
import dev.ymchat.client.internal.Transport;
import dev.ymchat.client.model.ApiResponse;
import dev.ymchat.client.model.ApiResponseStatus;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatHistory;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatsResult;
import dev.ymchat.client.model.CreateChatRequest;
import dev.ymchat.client.model.CreateChatResult;
import dev.ymchat.client.model.GetChatHistoryRequest;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.client.model.SendMessageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared engine of {@link ChatsClient} and {@link RawChatsClient}: builds calls, decodes
 * answers.
 */
final class ClientCore {

  final URI baseUri;
  final PathStyle pathStyle;
  final Transport transport;
  final Downloads downloads;
  final Duration requestTimeout;
  final RetryPolicy retryPolicy;
  final String description;
  private final ObjectMapper mapper = ModelJson.newMapper();
  private final Map<Class<?>, ObjectReader> envelopeReaders = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  ClientCore(
      URI baseUri,
      PathStyle pathStyle,
      Transport transport,
      Downloads downloads,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      String description) {
    this.baseUri = baseUri;
    this.pathStyle = pathStyle;
    this.transport = transport;
    this.downloads = downloads;
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.description = description;
  }

  void close() {
    closed.set(true);
  }

  // ---- operations ----

  CompletableFuture<ApiResult<CreateChatResult>> createChat(
      RequestOptions options, long businessId, CreateChatRequest body) {
    Validation.id("businessId", businessId);
    if (body.context() != null) {
      Validation.requestContext("context", body.context());
    }
    if (body.orderId() != null) {
      Validation.id("orderId", body.orderId());
    }
    CreateChatRequest wire = body;
    if (pathStyle == PathStyle.LEGACY
        && body.context() != null
        && ChatContextType.ORDER.equals(body.context().type())) {
      // the seed-era API knows only {"orderId":…}; today's API still accepts it
      wire = new CreateChatRequest(body.context().id(), null);
    }
    URI uri = uri(false, businessId, "/chats/new", Map.of());
    return send(
        options,
        ApiOperation.CREATE_CHAT,
        businessId,
        "POST",
        uri,
        json(wire),
        CreateChatResult.class);
  }

  CompletableFuture<ApiResult<ChatsPage>> chats(
      RequestOptions options, long businessId, ChatsQuery query) {
    return chats(options, businessId, query, PageChain.START);
  }

  private CompletableFuture<ApiResult<ChatsPage>> chats(
      RequestOptions options, long businessId, ChatsQuery query, PageChain before) {
    Validation.id("businessId", businessId);
    PageChain chain = before.then(query.pageToken().orElse(null));
    Map<String, String> params = new LinkedHashMap<>();
    query.pageToken().ifPresent(t -> params.put(pageTokenName(), t));
    query.limit().ifPresent(l -> params.put("limit", Integer.toString(l)));
    URI uri = uri(false, businessId, "/chats", params);
    return send(
            options,
            ApiOperation.GET_CHATS,
            businessId,
            "POST",
            uri,
            json(query.filters()),
            ChatsResult.class)
        .thenApply(
            result -> {
              String next =
                  result.value().paging() == null ? null : result.value().paging().nextPageToken();
              chain.checkNext(ApiOperation.GET_CHATS.operationId(), next, result);
              return result.map(
                  r ->
                      new ChatsPage(
                          r.chats(),
                          next,
                          token ->
                              ChatsClient.join(
                                      chats(
                                          options.asBlocking(),
                                          businessId,
                                          query.withPageToken(token),
                                          chain))
                                  .value()));
            });
  }

  CompletableFuture<ApiResult<Chat>> chat(RequestOptions options, long businessId, long chatId) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    URI uri = uri(true, businessId, "/chat", Map.of("chatId", Long.toString(chatId)));
    return send(options, ApiOperation.GET_CHAT, businessId, "GET", uri, null, Chat.class);
  }

  CompletableFuture<ApiResult<HistoryPage>> history(
      RequestOptions options, long businessId, long chatId, HistoryQuery query) {
    return history(options, businessId, chatId, query, PageChain.START);
  }

  private CompletableFuture<ApiResult<HistoryPage>> history(
      RequestOptions options, long businessId, long chatId, HistoryQuery query, PageChain before) {
    Validation.id("businessId", businessId);
    PageChain chain = before.then(query.pageToken().orElse(null));
    Validation.id("chatId", chatId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("chatId", Long.toString(chatId));
    query.pageToken().ifPresent(t -> params.put(pageTokenName(), t));
    query.limit().ifPresent(l -> params.put("limit", Integer.toString(l)));
    URI uri = uri(false, businessId, "/chats/history", params);
    GetChatHistoryRequest body =
        new GetChatHistoryRequest(
            query.messageIdFrom().isPresent() ? query.messageIdFrom().getAsLong() : null);
    return send(
            options,
            ApiOperation.GET_CHAT_HISTORY,
            businessId,
            "POST",
            uri,
            json(body),
            ChatHistory.class)
        .thenApply(
            result -> {
              String next =
                  result.value().paging() == null ? null : result.value().paging().nextPageToken();
              chain.checkNext(ApiOperation.GET_CHAT_HISTORY.operationId(), next, result);
              return result.map(
                  h ->
                      new HistoryPage(
                          h.messages(),
                          next,
                          h.context(),
                          h.orderId(),
                          token ->
                              ChatsClient.join(
                                      history(
                                          options.asBlocking(),
                                          businessId,
                                          chatId,
                                          query.withPageToken(token),
                                          chain))
                                  .value()));
            });
  }

  CompletableFuture<ApiResult<ChatMessage>> message(
      RequestOptions options, long businessId, long chatId, long messageId) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    Validation.id("messageId", messageId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("chatId", Long.toString(chatId));
    params.put("messageId", Long.toString(messageId));
    URI uri = uri(true, businessId, "/chats/message", params);
    return send(
        options, ApiOperation.GET_CHAT_MESSAGE, businessId, "GET", uri, null, ChatMessage.class);
  }

  CompletableFuture<ApiResult<Void>> sendMessage(
      RequestOptions options, long businessId, long chatId, String text) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    Validation.message(text);
    URI uri = uri(false, businessId, "/chats/message", Map.of("chatId", Long.toString(chatId)));
    return send(
        options,
        ApiOperation.SEND_MESSAGE,
        businessId,
        "POST",
        uri,
        json(new SendMessageRequest(text)),
        Void.class);
  }

  CompletableFuture<ApiResult<Void>> sendFile(
      RequestOptions options, long businessId, long chatId, FileUpload file) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    if (file == null) {
      throw new IllegalArgumentException("file must be given, got null");
    }
    file.validatedSize();
    URI uri = uri(false, businessId, "/chats/file/send", Map.of("chatId", Long.toString(chatId)));
    Multipart body = new Multipart("file", file.fileName(), file.contentType(), file.content());
    return send(options, ApiOperation.SEND_FILE, businessId, "POST", uri, body, Void.class);
  }

  // ---- downloads ----

  InputStream openDownload(RequestOptions options, MessagePayload file) {
    ensureOpen();
    if (file == null || file.url() == null || file.url().isBlank()) {
      throw new IllegalArgumentException(
          "file must be a message payload with a url, got "
              + (file == null ? "null" : "a payload without a url"));
    }
    URI uri;
    try {
      uri = baseUri.resolve(new URI(file.url().trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "file url is not a valid URI: " + LogUrls.mask(file.url()), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "file url must be an http(s) URL, got " + LogUrls.mask(uri));
    }
    return downloads.open(uri, file.size(), options.timeout().orElse(requestTimeout));
  }

  // ---- plumbing ----

  private <T> CompletableFuture<ApiResult<T>> send(
      RequestOptions options,
      ApiOperation operation,
      long businessId,
      String method,
      URI uri,
      BodySource body,
      Class<T> resultType) {
    ensureOpen();
    Integer maxAttempts =
        options.maxAttempts().isPresent() ? options.maxAttempts().getAsInt() : null;
    HttpCall call =
        HttpCall.of(
            operation,
            businessId,
            method,
            uri,
            body,
            options.timeout().orElse(requestTimeout),
            maxAttempts,
            options.blocking());
    CompletableFuture<HttpResult> answer;
    try {
      answer = transport.execute(call);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.thenApply(result -> decode(operation, result, resultType));
  }

  private <T> ApiResult<T> decode(ApiOperation operation, HttpResult result, Class<T> type) {
    if (type != Void.class) {
      T value = bindEnvelope(result.body(), type);
      if (value != null) {
        return new ApiResult<>(value, result.statusCode(), result.headers());
      }
    }
    return decodeThroughTree(operation, result, type);
  }

  /**
   * The usual answer, {@code {"status":"OK","result":{…}}}, bound to the result model in one pass.
   *
   * @return the result, or {@code null} for any other answer: {@link #decodeThroughTree} then reads
   *     it again to say exactly what is wrong with it
   */
  private <T> T bindEnvelope(byte[] body, Class<T> type) {
    if (body.length == 0) {
      return null;
    }
    ObjectReader reader =
        envelopeReaders.computeIfAbsent(
            type,
            t ->
                mapper.readerFor(
                    mapper.getTypeFactory().constructParametricType(ApiResponse.class, t)));
    try {
      ApiResponse<?> envelope = reader.readValue(body);
      if (envelope == null || !ApiResponseStatus.OK.equals(envelope.status())) {
        return null;
      }
      return type.cast(envelope.result());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Decodes an answer through a tree: the path of answers without a result, and the diagnosis of
   * the answers {@link #bindEnvelope} could not bind.
   */
  private <T> ApiResult<T> decodeThroughTree(
      ApiOperation operation, HttpResult result, Class<T> type) {
    String op = operation.operationId();
    JsonNode root;
    try {
      root = result.body().length == 0 ? null : mapper.readTree(result.body());
    } catch (IOException e) {
      throw ErrorMapper.invalid(
          op, result.statusCode(), result.headers(), result.body(), "not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw ErrorMapper.invalid(
          op, result.statusCode(), result.headers(), result.body(), "expected a JSON object", null);
    }
    JsonNode status = root.get("status");
    if (status == null || !"OK".equals(status.asText())) {
      throw ErrorMapper.invalid(
          op,
          result.statusCode(),
          result.headers(),
          result.body(),
          "status is " + (status == null ? "missing" : status.toString()) + ", expected \"OK\"",
          null);
    }
    T value = null;
    if (type != Void.class) {
      JsonNode node = root.get("result");
      if (node == null || node.isNull()) {
        throw ErrorMapper.invalid(
            op, result.statusCode(), result.headers(), result.body(), "no result", null);
      }
      try {
        value = mapper.treeToValue(node, type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw ErrorMapper.invalid(
            op,
            result.statusCode(),
            result.headers(),
            result.body(),
            "the result does not match "
                + type.getSimpleName()
                + ": "
                + ErrorMapper.truncate(String.valueOf(e.getMessage()), 300),
            e);
      }
    }
    return new ApiResult<>(value, result.statusCode(), result.headers());
  }

  private BodySource json(Object body) {
    try {
      return BodySource.json(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the request body as JSON", e);
    }
  }

  private String pageTokenName() {
    return pathStyle == PathStyle.LEGACY ? "page_token" : "pageToken";
  }

  URI uri(boolean v2Only, long businessId, String suffix, Map<String, String> query) {
    String base = baseUri.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String prefix = v2Only || pathStyle == PathStyle.V2 ? "/v2" : "";
    StringBuilder s =
        new StringBuilder(base)
            .append(prefix)
            .append("/businesses/")
            .append(businessId)
            .append(suffix);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return URI.create(s.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this ChatsClient is closed; build a new one");
    }
  }

  static YmChatException unwrapped(CompletionException e) {
    Throwable cause = ErrorMapper.unwrap(e);
    if (cause instanceof YmChatException) {
      return (YmChatException) cause;
    }
    return null;
  }
}
