package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatCustomer;
import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sandbox.SandboxException;
import dev.ymchat.sandbox.limits.RateLimiter;
import dev.ymchat.sandbox.store.ChatFilter;
import dev.ymchat.sandbox.store.ChatRow;
import dev.ymchat.sandbox.store.Credential;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.FileRow;
import dev.ymchat.sandbox.store.MessageRow;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.wire.ChatHistory;
import dev.ymchat.sandbox.wire.ChatsResult;
import dev.ymchat.sandbox.wire.CreateChatResult;
import dev.ymchat.sandbox.wire.Paging;
import dev.ymchat.sandbox.wire.WriteOperations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The seven chat operations of the Partner API, on the seed paths and under {@code /v2}. */
public final class ChatsApi {

  /** Request attribute: the operation being served (for the access log). */
  public static final String ATTR_OPERATION = "ymchat.operation";

  /** Request attribute: the businessId of the path (for the access log). */
  public static final String ATTR_BUSINESS = "ymchat.business";

  /** Request attribute: the body, read once before the request takes a parallel slot. */
  private static final String ATTR_BODY = "ymchat.body";

  private static final List<String> CONTEXT_TYPES_REQUEST = List.of("ORDER", "RETURN");
  private static final List<String> CONTEXT_TYPES = List.of("ORDER", "RETURN", "DIRECT");
  private static final List<String> CHAT_TYPES = List.of("CHAT", "ARBITRAGE");
  private static final List<String> STATUSES =
      List.of(
          "NEW",
          "WAITING_FOR_CUSTOMER",
          "WAITING_FOR_PARTNER",
          "WAITING_FOR_ARBITER",
          "WAITING_FOR_MARKET",
          "FINISHED");
  private static final Pattern FILE_NAME_FORBIDDEN = Pattern.compile("[\\p{Cntrl}]");

  /** A route of the API: method, path after the prefix, operation. */
  record Route(HandlerType method, String path, ApiOperation operation) {
    Pattern pattern() {
      return Pattern.compile("(?:/v2)?" + path.replace("{businessId}", "([0-9]{1,18})"));
    }
  }

  /**
   * An API call identified from its method and path alone.
   *
   * @param businessId the business in the path
   * @param operation the operation
   */
  public record ApiCall(long businessId, ApiOperation operation) {}

  static final List<Route> ROUTES =
      List.of(
          new Route(
              HandlerType.POST, "/businesses/{businessId}/chats/new", ApiOperation.CREATE_CHAT),
          new Route(HandlerType.POST, "/businesses/{businessId}/chats", ApiOperation.GET_CHATS),
          new Route(
              HandlerType.POST,
              "/businesses/{businessId}/chats/history",
              ApiOperation.GET_CHAT_HISTORY),
          new Route(
              HandlerType.POST,
              "/businesses/{businessId}/chats/message",
              ApiOperation.SEND_MESSAGE),
          new Route(
              HandlerType.POST, "/businesses/{businessId}/chats/file/send", ApiOperation.SEND_FILE),
          new Route(HandlerType.GET, "/businesses/{businessId}/chat", ApiOperation.GET_CHAT),
          new Route(
              HandlerType.GET,
              "/businesses/{businessId}/chats/message",
              ApiOperation.GET_CHAT_MESSAGE));

  private static final List<Pattern> PATTERNS =
      ROUTES.stream().map(Route::pattern).collect(java.util.stream.Collectors.toList());

  private final SandboxStore store;
  private final RateLimiter limiter;
  private final Supplier<String> baseUrl;
  private final BiConsumer<Long, ApiOperation> requestHook;
  private final BodyReader bodies;

  /**
   * Creates the API.
   *
   * @param store the state
   * @param limiter the rate limiter
   * @param baseUrl the sandbox's base URL (for file URLs)
   * @param requestHook called inside the request's parallel slot before the work (tests use it to
   *     hold requests in flight); may be null
   * @param bodies reads request bodies under the size limits and the read deadline
   */
  public ChatsApi(
      SandboxStore store,
      RateLimiter limiter,
      Supplier<String> baseUrl,
      BiConsumer<Long, ApiOperation> requestHook,
      BodyReader bodies) {
    this.store = store;
    this.limiter = limiter;
    this.baseUrl = baseUrl;
    this.requestHook = requestHook;
    this.bodies = bodies;
  }

  /**
   * Registers the routes on both path styles.
   *
   * @param routes the routes of the Javalin app being configured
   */
  public void register(RoutesConfig routes) {
    for (String prefix : List.of("", "/v2")) {
      for (Route route : ROUTES) {
        routes.addHttpHandler(
            route.method(),
            prefix + route.path(),
            ctx -> serve(ctx, route.operation(), prefix.isEmpty()));
      }
    }
  }

  /**
   * The methods allowed on a path, for 405 answers.
   *
   * @param path the request path
   * @return the allowed methods, empty when the path is not an API path
   */
  public static Set<String> allowedMethods(String path) {
    Set<String> allowed = new java.util.TreeSet<>();
    for (Route route : ROUTES) {
      String regex = "(/v2)?" + route.path().replace("{businessId}", "[^/]+");
      if (path.matches(regex)) {
        allowed.add(route.method().name());
      }
    }
    return allowed;
  }

  /**
   * Which operation of which business a request calls, from its method and raw path (for the call
   * counters, which count refused and faulted calls too).
   *
   * @param method the HTTP method
   * @param path the request path, such as {@code /v2/businesses/1001/chats}
   * @return the call, or empty when the path is no operation's or its business id is not a number
   */
  public static Optional<ApiCall> classify(String method, String path) {
    for (int i = 0; i < ROUTES.size(); i++) {
      Route route = ROUTES.get(i);
      if (route.method().name().equals(method)) {
        java.util.regex.Matcher m = PATTERNS.get(i).matcher(path);
        if (m.matches()) {
          return Optional.of(new ApiCall(Long.parseLong(m.group(1)), route.operation()));
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- pipeline

  private void serve(Context ctx, ApiOperation operation, boolean seedPath) {
    ctx.attribute(ATTR_OPERATION, operation.operationId());
    long businessId = Http.parseId(ctx.pathParam("businessId"), "Path parameter businessId");
    ctx.attribute(ATTR_BUSINESS, businessId);
    // Credentials first, from the headers alone: a request that is not the business's own is
    // refused at once, with nothing read and nothing charged to the business's quota.
    authorize(ctx, businessId, operation);
    // Then the body, before the request takes one of the business's parallel slots: a body that
    // is slow to arrive holds no slot, and one that never arrives ends at the read deadline.
    SandboxException bodyError = null;
    if (ctx.method() == HandlerType.POST) {
      try {
        ctx.attribute(ATTR_BODY, readBody(ctx, operation));
      } catch (SandboxException e) {
        if (e.status() >= 500) {
          throw e;
        }
        bodyError = e;
      }
    }
    String key = Long.toString(businessId);
    RateLimiter.QuotaDecision decision = limiter.acquireQuota(key, operation);
    rateHeaders(ctx, decision);
    if (!decision.allowed()) {
      throw new SandboxException(
          420,
          "LIMIT_EXCEEDED",
          "Hit rate limit of "
              + decision.limit()
              + " requests per hour for "
              + operation.operationId()
              + " of businessId "
              + businessId
              + "; wait until "
              + decision.untilHeader());
    }
    if (bodyError != null) {
      throw bodyError;
    }
    if (!limiter.tryAcquireSlot(key)) {
      throw new SandboxException(
          420,
          "LIMIT_EXCEEDED",
          "Hit rate limit of "
              + limiter.maxParallel()
              + " parallel requests for businessId "
              + businessId
              + "; wait for a running request to finish");
    }
    boolean serverError = true;
    try {
      if (requestHook != null) {
        requestHook.accept(businessId, operation);
      }
      Http.requireValidQuery(ctx);
      dispatch(ctx, operation, businessId, seedPath);
      serverError = false;
    } catch (SandboxException e) {
      serverError = e.status() >= 500;
      throw e;
    } finally {
      limiter.releaseSlot(key);
      if (serverError) {
        limiter.refundQuota(key, operation);
      }
    }
  }

  private byte[] readBody(Context ctx, ApiOperation operation) {
    return operation == ApiOperation.SEND_FILE
        ? bodies.read(ctx, Http.MAX_MULTIPART_BODY, "a file may be at most 5 MB")
        : bodies.read(ctx, Http.MAX_JSON_BODY, "the API accepts at most 512 KB");
  }

  private static byte[] body(Context ctx) {
    byte[] body = ctx.attribute(ATTR_BODY);
    return body == null ? new byte[0] : body;
  }

  private static void rateHeaders(Context ctx, RateLimiter.QuotaDecision decision) {
    ctx.header("X-RateLimit-Resource-Limit", Integer.toString(decision.limit()));
    ctx.header("X-RateLimit-Resource-Remaining", Integer.toString(decision.remaining()));
    ctx.header("X-RateLimit-Resource-Until", decision.untilHeader());
  }

  private void authorize(Context ctx, long businessId, ApiOperation operation) {
    Optional<Credential> credential;
    String apiKey = ctx.header("Api-Key");
    String authorization = ctx.header("Authorization");
    if (apiKey != null && !apiKey.isBlank()) {
      credential = store.findCredential(CredentialKind.API_KEY, apiKey.trim());
      if (credential.isEmpty()) {
        throw new SandboxException(
            403,
            "FORBIDDEN",
            "The Api-Key is not valid; check the key (cabinet: Settings → API and modules) and send it unchanged");
      }
    } else if (authorization != null && !authorization.isBlank()) {
      String token = oauthToken(authorization);
      credential = store.findCredential(CredentialKind.OAUTH, token);
      if (credential.isEmpty()) {
        throw new SandboxException(
            403,
            "FORBIDDEN",
            "The OAuth token is not valid or has expired; get a new token with the market:partner-api scope");
      }
    } else {
      throw new SandboxException(
          401,
          "UNAUTHORIZED",
          "No credentials in the request; send the Api-Key header (or Authorization: Bearer <OAuth token>)");
    }
    Credential c = credential.get();
    if (c.businessId() != businessId) {
      throw new SandboxException(
          403,
          "FORBIDDEN",
          "These credentials give no access to businessId "
              + businessId
              + "; use the credentials of that business");
    }
    if (WriteOperations.contains(operation) && !c.scope().allowsWrites()) {
      throw new SandboxException(
          403,
          "FORBIDDEN",
          "The credentials' scope "
              + c.scope().wireName()
              + " does not allow "
              + operation.operationId()
              + "; use a key with the all-methods or communication scope");
    }
  }

  private static String oauthToken(String authorization) {
    String value = authorization.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ")) {
      return value.substring(7).trim();
    }
    if (lower.startsWith("oauth ")) {
      String rest = value.substring(6).trim();
      // Market's older form: OAuth oauth_token="…", oauth_client_id="…"
      for (String part : rest.split(",")) {
        String p = part.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("oauth_token=")) {
          return p.substring("oauth_token=".length()).replace("\"", "").trim();
        }
      }
      return rest;
    }
    throw new SandboxException(
        401,
        "UNAUTHORIZED",
        "The Authorization header must be 'Bearer <OAuth token>'; or send the Api-Key header instead");
  }

  private void dispatch(Context ctx, ApiOperation operation, long businessId, boolean seedPath) {
    switch (operation) {
      case CREATE_CHAT -> createChat(ctx, businessId);
      case GET_CHATS -> getChats(ctx, businessId);
      case GET_CHAT_HISTORY -> getChatHistory(ctx, businessId);
      case SEND_MESSAGE -> sendMessage(ctx, businessId);
      case SEND_FILE -> sendFile(ctx, businessId);
      case GET_CHAT -> getChat(ctx, businessId);
      case GET_CHAT_MESSAGE -> getChatMessage(ctx, businessId);
    }
  }

  private static ObjectNode jsonBody(Context ctx) {
    Http.requireJson(ctx);
    return JsonInput.object(body(ctx));
  }

  // ---------------------------------------------------------------- operations

  private void createChat(Context ctx, long businessId) {
    ObjectNode body = jsonBody(ctx);
    Long orderId = JsonInput.optionalId(body, "orderId", "orderId");
    JsonNode context = body.get("context");
    String type;
    long id;
    if (context != null && !context.isNull()) {
      if (!context.isObject()) {
        throw SandboxException.badRequest(
            "context must be an object {\"type\": \"ORDER\"|\"RETURN\", \"id\": …}, not "
                + JsonInput.describe(context));
      }
      JsonNode typeNode = context.get("type");
      if (typeNode == null || typeNode.isNull()) {
        throw SandboxException.badRequest("context.type is required: ORDER or RETURN");
      }
      if (typeNode.isTextual() && "DIRECT".equals(typeNode.textValue())) {
        throw SandboxException.badRequest(
            "context.type DIRECT is not allowed: only a buyer can start a DIRECT chat; sellers start ORDER or RETURN chats");
      }
      type = JsonInput.enumValue(typeNode, "context.type", CONTEXT_TYPES_REQUEST);
      id = JsonInput.requiredId(context, "id", "context.id");
      if (orderId != null && !("ORDER".equals(type) && orderId == id)) {
        throw SandboxException.badRequest(
            "orderId and context disagree; send only context (orderId is deprecated)");
      }
    } else if (orderId != null) {
      type = "ORDER";
      id = orderId;
    } else {
      throw SandboxException.badRequest(
          "context is required: {\"context\": {\"type\": \"ORDER\", \"id\": <orderId>}} (or the older {\"orderId\": …})");
    }
    long chatId = store.createOrGetContextChat(businessId, type, id);
    Http.ok(ctx, new CreateChatResult(chatId));
  }

  private void getChats(Context ctx, long businessId) {
    int limit = Http.limitParam(ctx, 10, 20);
    String token = Http.pageToken(ctx);
    ObjectNode body = jsonBody(ctx);
    Set<Long> orderIds = JsonInput.optionalSet(body, "orderIds", JsonInput::id);
    Set<JsonNode> contexts =
        JsonInput.optionalSet(
            body,
            "contexts",
            (node, path) -> {
              if (!node.isObject()) {
                throw SandboxException.badRequest(
                    path
                        + " must be an object {\"type\", \"id\"}, not "
                        + JsonInput.describe(node));
              }
              JsonNode t = node.get("type");
              if (t == null || t.isNull()) {
                throw SandboxException.badRequest(path + ".type is required: ORDER or RETURN");
              }
              String type = JsonInput.enumValue(t, path + ".type", CONTEXT_TYPES_REQUEST);
              long id = JsonInput.requiredId(node, "id", path + ".id");
              return Http.MAPPER.createObjectNode().put("type", type).put("id", id);
            });
    Set<Long> orderContexts = null;
    Set<Long> returnContexts = null;
    if (contexts != null) {
      for (JsonNode c : contexts) {
        if ("ORDER".equals(c.get("type").textValue())) {
          orderContexts = orderContexts == null ? new java.util.LinkedHashSet<>() : orderContexts;
          orderContexts.add(c.get("id").longValue());
        } else {
          returnContexts =
              returnContexts == null ? new java.util.LinkedHashSet<>() : returnContexts;
          returnContexts.add(c.get("id").longValue());
        }
      }
    }
    Set<String> contextTypes =
        JsonInput.optionalSet(
            body, "contextTypes", (n, p) -> JsonInput.enumValue(n, p, CONTEXT_TYPES));
    Set<String> types =
        JsonInput.optionalSet(body, "types", (n, p) -> JsonInput.enumValue(n, p, CHAT_TYPES));
    Set<String> statuses =
        JsonInput.optionalSet(body, "statuses", (n, p) -> JsonInput.enumValue(n, p, STATUSES));
    Long before =
        token == null ? null : PageTokens.decode(token, PageTokens.CHATS, businessId, "pageToken");
    ChatFilter filter =
        new ChatFilter(orderIds, orderContexts, returnContexts, contextTypes, types, statuses);
    List<ChatRow> rows = store.chats(businessId, filter, before, limit + 1);
    boolean more = rows.size() > limit;
    List<ChatRow> page = more ? rows.subList(0, limit) : rows;
    List<Chat> chats = new ArrayList<>(page.size());
    for (ChatRow row : page) {
      chats.add(chat(row));
    }
    Paging paging =
        more
            ? new Paging(
                PageTokens.encode(PageTokens.CHATS, businessId, page.get(page.size() - 1).id()))
            : null;
    Http.ok(ctx, new ChatsResult(chats, paging));
  }

  private ChatRow requireChat(long businessId, long chatId) {
    return store
        .chat(businessId, chatId)
        .orElseThrow(() -> SandboxStore.chatNotFound(businessId, chatId));
  }

  private void getChatHistory(Context ctx, long businessId) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    int limit = Http.limitParam(ctx, 50, 100);
    String token = Http.pageToken(ctx);
    ObjectNode body = jsonBody(ctx);
    Long from = JsonInput.optionalId(body, "messageIdFrom", "messageIdFrom");
    long start = from == null ? 1 : from;
    if (token != null) {
      long last = PageTokens.decode(token, PageTokens.HISTORY, chatId, "pageToken");
      start = Math.max(start, last + 1);
    }
    ChatRow chat = requireChat(businessId, chatId);
    List<MessageRow> rows = store.messages(chatId, start, limit + 1);
    boolean more = rows.size() > limit;
    List<MessageRow> page = more ? rows.subList(0, limit) : rows;
    List<ChatMessage> messages = new ArrayList<>(page.size());
    for (MessageRow row : page) {
      messages.add(message(row));
    }
    Paging paging =
        more
            ? new Paging(
                PageTokens.encode(PageTokens.HISTORY, chatId, page.get(page.size() - 1).id()))
            : null;
    Http.ok(ctx, new ChatHistory(chat.orderId(), context(chat), messages, paging));
  }

  private void sendMessage(Context ctx, long businessId) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    ObjectNode body = jsonBody(ctx);
    JsonNode value = body.get("message");
    if (value == null || value.isNull()) {
      throw SandboxException.badRequest(
          "message is required: the text to send, 1 to 4096 characters");
    }
    String text = validText(value, "message");
    requireChat(businessId, chatId);
    store.addMessage(businessId, chatId, "PARTNER", text, null);
    Http.ok(ctx, null);
  }

  /**
   * Validates a message text: a string of 1 to 4096 characters that is not blank.
   *
   * @param value the JSON value
   * @param path the field name for messages
   * @return the text
   * @throws SandboxException 400 when it is not acceptable
   */
  public static String validText(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw SandboxException.badRequest(
          path + " must be a string, not " + JsonInput.describe(value));
    }
    String text = value.textValue();
    int length = text.codePointCount(0, text.length());
    if (length < 1 || text.isBlank()) {
      throw SandboxException.badRequest(
          path + " must not be empty or blank; send 1 to 4096 characters");
    }
    if (length > 4096) {
      throw SandboxException.badRequest(
          path + " is " + length + " characters long; send at most 4096 (split longer texts)");
    }
    if (text.indexOf('\u0000') >= 0) {
      throw SandboxException.badRequest(path + " contains a NUL character; remove it");
    }
    return text;
  }

  private void sendFile(Context ctx, long businessId) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    String contentType = ctx.req().getContentType();
    if (contentType == null
        || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw SandboxException.badRequest(
          "Content-Type must be multipart/form-data with the file in a part named 'file', not "
              + (contentType == null ? "missing" : JsonInput.clip(contentType)));
    }
    String boundary = Multipart.boundary(contentType);
    byte[] body = body(ctx);
    Multipart.Part file = null;
    for (Multipart.Part part : Multipart.parse(body, boundary)) {
      if ("file".equals(part.name())) {
        if (file != null) {
          throw SandboxException.badRequest(
              "The form has more than one part named 'file'; send one file per request");
        }
        file = part;
      }
    }
    if (file == null) {
      throw SandboxException.badRequest(
          "The form has no part named 'file'; send the file as the multipart part 'file'");
    }
    String name = fileName(file.fileName());
    if (file.content().length == 0) {
      throw SandboxException.badRequest(
          "The file '" + JsonInput.clip(name) + "' is empty; send a file of 1 byte to 5 MB");
    }
    if (file.content().length > Http.MAX_FILE) {
      throw SandboxException.badRequest(
          "The file '"
              + JsonInput.clip(name)
              + "' has "
              + file.content().length
              + " bytes; a file may be at most 5 MB (5242880 bytes)");
    }
    String type =
        file.contentType() == null || file.contentType().isBlank()
            ? "application/octet-stream"
            : file.contentType().trim();
    if (type.length() > 200 || FILE_NAME_FORBIDDEN.matcher(type).find()) {
      throw SandboxException.badRequest("The file part's Content-Type is not a valid media type");
    }
    requireChat(businessId, chatId);
    store.addMessage(
        businessId, chatId, "PARTNER", null, new SandboxStore.NewFile(name, type, file.content()));
    Http.ok(ctx, null);
  }

  /**
   * Cleans a file name: keeps the last path segment, refuses empty or control-character names.
   *
   * @param raw the name from the upload
   * @return the name to store
   * @throws SandboxException 400 when it is unusable
   */
  public static String fileName(String raw) {
    if (raw == null || raw.isBlank()) {
      throw SandboxException.badRequest(
          "The 'file' part has no filename; send it with Content-Disposition: form-data;"
              + " name=\"file\"; filename=\"…\"");
    }
    String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).trim();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw SandboxException.badRequest(
          "The filename '"
              + JsonInput.clip(raw)
              + "' has no name after its folders; send a plain file name");
    }
    if (FILE_NAME_FORBIDDEN.matcher(name).find()) {
      throw SandboxException.badRequest("The filename contains control characters; remove them");
    }
    if (name.length() > 255) {
      throw SandboxException.badRequest(
          "The filename is " + name.length() + " characters long; use at most 255");
    }
    return name;
  }

  private void getChat(Context ctx, long businessId) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    Http.ok(ctx, chat(requireChat(businessId, chatId)));
  }

  private void getChatMessage(Context ctx, long businessId) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    long messageId = Http.requiredIdParam(ctx, "messageId");
    requireChat(businessId, chatId);
    MessageRow row =
        store
            .message(chatId, messageId)
            .orElseThrow(
                () ->
                    SandboxException.notFound(
                        "Message "
                            + messageId
                            + " not found in chat "
                            + chatId
                            + "; read the chat's history for message ids"));
    Http.ok(ctx, message(row));
  }

  // ---------------------------------------------------------------- rendering

  static ChatFullContext context(ChatRow row) {
    return new ChatFullContext(
        ChatContextType.of(row.contextType()),
        new ChatCustomer(row.buyerName(), row.buyerPublicId()),
        row.campaignId(),
        row.orderId(),
        row.returnId());
  }

  static Chat chat(ChatRow row) {
    return new Chat(
        row.id(),
        row.orderId(),
        context(row),
        ChatType.of(row.type()),
        ChatStatus.of(row.status()),
        row.createdAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET),
        row.updatedAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET));
  }

  ChatMessage message(MessageRow row) {
    return message(row, baseUrl.get());
  }

  static ChatMessage message(MessageRow row, String baseUrl) {
    List<MessagePayload> payload = new ArrayList<>();
    for (FileRow file : row.files()) {
      payload.add(new MessagePayload(file.name(), fileUrl(baseUrl, file), file.size()));
    }
    return new ChatMessage(
        row.id(),
        row.createdAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET),
        MessageSender.of(row.sender()),
        row.text(),
        payload);
  }

  /**
   * The public download URL of a stored file.
   *
   * @param baseUrl the sandbox's base URL
   * @param file the file
   * @return {@code {baseUrl}/sandbox/files/{key}/{name}}
   */
  public static String fileUrl(String baseUrl, FileRow file) {
    return baseUrl
        + "/sandbox/files/"
        + file.downloadKey()
        + "/"
        + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
