package dev.ymchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.internal.BodySource;
import dev.ymchat.client.internal.Multipart;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import dev.ymchat.client.internal.wire.CreateChatRequest;
import dev.ymchat.client.internal.wire.GetChatHistoryRequest;
import dev.ymchat.client.internal.wire.SendMessageRequest;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.CreateChatResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The table of the seven operations of the chats API: how each checks its inputs, which path,
 * method and body it sends, and what its answer becomes. {@link ChatsClient}, its asynchronous
 * methods and {@link RawChatsClient} all call through it and {@link ClientCore}.
 */
final class Operations {

  private final URI baseUri;
  private final PathStyle pathStyle;
  private final ObjectMapper mapper;
  private final ClientCore core;

  Operations(URI baseUri, PathStyle pathStyle, ObjectMapper mapper, ClientCore core) {
    this.baseUri = baseUri;
    this.pathStyle = pathStyle;
    this.mapper = mapper;
    this.core = core;
  }

  Call<CreateChatResult, CreateChatResult> createChat(long businessId, CreateChatRequest body) {
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
    return new Call<>(
        ApiOperation.CREATE_CHAT,
        businessId,
        "POST",
        uri(false, businessId, "/chats/new", Map.of()),
        json(wire),
        CreateChatResult.class,
        Call.asIs());
  }

  Call<ChatsResult, ChatsPage> chats(long businessId, ChatsQuery query) {
    return chats(businessId, Objects.requireNonNull(query, "query"), PageChain.START);
  }

  private Call<ChatsResult, ChatsPage> chats(long businessId, ChatsQuery query, PageChain before) {
    Validation.id("businessId", businessId);
    PageChain chain = before.then(query.pageToken().orElse(null));
    Map<String, String> params = new LinkedHashMap<>();
    query.pageToken().ifPresent(t -> params.put(pageTokenName(), t));
    query.limit().ifPresent(l -> params.put("limit", Integer.toString(l)));
    return new Call<>(
        ApiOperation.GET_CHATS,
        businessId,
        "POST",
        uri(false, businessId, "/chats", params),
        json(query.filters()),
        ChatsResult.class,
        (answer, options) -> {
          String next = chain.checkNext(ApiOperation.GET_CHATS, answer, answer.value().paging());
          return answer.map(
              r ->
                  new ChatsPage(
                      r.chats(),
                      next,
                      token ->
                          core.execute(
                                  options, chats(businessId, query.withPageToken(token), chain))
                              .value()));
        });
  }

  Call<Chat, Chat> chat(long businessId, long chatId) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    URI uri = uri(true, businessId, "/chat", Map.of("chatId", Long.toString(chatId)));
    return new Call<>(ApiOperation.GET_CHAT, businessId, "GET", uri, null, Chat.class, Call.asIs());
  }

  Call<ChatHistory, HistoryPage> history(long businessId, long chatId, HistoryQuery query) {
    return history(businessId, chatId, Objects.requireNonNull(query, "query"), PageChain.START);
  }

  private Call<ChatHistory, HistoryPage> history(
      long businessId, long chatId, HistoryQuery query, PageChain before) {
    Validation.id("businessId", businessId);
    PageChain chain = before.then(query.pageToken().orElse(null));
    Validation.id("chatId", chatId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("chatId", Long.toString(chatId));
    query.pageToken().ifPresent(t -> params.put(pageTokenName(), t));
    query.limit().ifPresent(l -> params.put("limit", Integer.toString(l)));
    GetChatHistoryRequest body =
        new GetChatHistoryRequest(
            query.messageIdFrom().isPresent() ? query.messageIdFrom().getAsLong() : null);
    return new Call<>(
        ApiOperation.GET_CHAT_HISTORY,
        businessId,
        "POST",
        uri(false, businessId, "/chats/history", params),
        json(body),
        ChatHistory.class,
        (answer, options) -> {
          String next =
              chain.checkNext(ApiOperation.GET_CHAT_HISTORY, answer, answer.value().paging());
          return answer.map(
              h ->
                  new HistoryPage(
                      h.messages(),
                      next,
                      h.context(),
                      h.orderId(),
                      token ->
                          core.execute(
                                  options,
                                  history(businessId, chatId, query.withPageToken(token), chain))
                              .value()));
        });
  }

  Call<ChatMessage, ChatMessage> message(long businessId, long chatId, long messageId) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    Validation.id("messageId", messageId);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("chatId", Long.toString(chatId));
    params.put("messageId", Long.toString(messageId));
    URI uri = uri(true, businessId, "/chats/message", params);
    return new Call<>(
        ApiOperation.GET_CHAT_MESSAGE,
        businessId,
        "GET",
        uri,
        null,
        ChatMessage.class,
        Call.asIs());
  }

  Call<Void, Void> sendMessage(long businessId, long chatId, String text) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    Validation.message(text);
    URI uri = uri(false, businessId, "/chats/message", Map.of("chatId", Long.toString(chatId)));
    return new Call<>(
        ApiOperation.SEND_MESSAGE,
        businessId,
        "POST",
        uri,
        json(new SendMessageRequest(text)),
        Void.class,
        Call.asIs());
  }

  Call<Void, Void> sendFile(long businessId, long chatId, FileUpload file) {
    Validation.id("businessId", businessId);
    Validation.id("chatId", chatId);
    if (file == null) {
      throw new IllegalArgumentException("file must be given, got null");
    }
    file.validatedSize();
    URI uri = uri(false, businessId, "/chats/file/send", Map.of("chatId", Long.toString(chatId)));
    Multipart body = new Multipart("file", file.fileName(), file.contentType(), file.content());
    return new Call<>(
        ApiOperation.SEND_FILE, businessId, "POST", uri, body, Void.class, Call.asIs());
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

  private URI uri(boolean v2Only, long businessId, String suffix, Map<String, String> query) {
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
}
