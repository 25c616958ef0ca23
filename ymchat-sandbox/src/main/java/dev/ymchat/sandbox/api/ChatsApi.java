package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.ymchat.sandbox.domain.ChatRules;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import dev.ymchat.sandbox.limits.RateLimiter;
import dev.ymchat.sandbox.store.ChatRow;
import dev.ymchat.sandbox.store.FileRow;
import dev.ymchat.sandbox.store.MessageRow;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.wire.ChatHistory;
import dev.ymchat.sandbox.wire.ChatsResult;
import dev.ymchat.sandbox.wire.CreateChatResult;
import dev.ymchat.sandbox.wire.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The seven chat operations of the Partner API, on the seed paths and under {@code /v2}: before the
 * handler, a request is authenticated from its headers, its body read and its rate limits applied
 * ({@link Authenticator}, {@link Admission}); the handler parses it once into a {@link ChatsCall}
 * and does the work.
 */
public final class ChatsApi {

  /** Request attribute: the operation being served (for the access log). */
  public static final String ATTR_OPERATION = "ymchat.operation";

  /** Request attribute: the businessId of the path (for the access log). */
  public static final String ATTR_BUSINESS = "ymchat.business";

  private final SandboxStore store;
  private final Supplier<String> baseUrl;
  private final BiConsumer<Long, ApiOperation> requestHook;
  private final Authenticator authenticator;
  private final Admission admission;

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
    this.baseUrl = baseUrl;
    this.requestHook = requestHook;
    this.authenticator = new Authenticator(store);
    this.admission = new Admission(limiter, bodies);
  }

  /**
   * Registers the routes on both path styles, with the before-handler that authenticates and admits
   * their requests and the after-handler that frees their parallel slot.
   *
   * @param routes the routes of the Javalin app being configured
   */
  public void register(RoutesConfig routes) {
    routes.beforeMatched(this::admit);
    routes.after(admission::release);
    for (String prefix : ApiRoutes.PREFIXES) {
      for (ApiRoutes.Route route : ApiRoutes.ROUTES) {
        routes.addEndpoint(
            new Endpoint(route.method(), prefix + route.path(), this::serve, Set.of(route)));
      }
    }
  }

  private void admit(Context ctx) {
    ApiRoutes.Route route = route(ctx);
    if (route == null) {
      return;
    }
    ApiOperation operation = route.operation();
    ctx.attribute(ATTR_OPERATION, operation.operationId());
    long businessId = Http.parseId(ctx.pathParam("businessId"), "Path parameter businessId");
    ctx.attribute(ATTR_BUSINESS, businessId);
    // Credentials first, from the headers alone: a request that is not the business's own is
    // refused at once, with nothing read and nothing charged to the business's quota.
    authenticator.authenticate(ctx, businessId, operation);
    admission.admit(ctx, businessId, operation);
    if (requestHook != null) {
      requestHook.accept(businessId, operation);
    }
  }

  /** The API route the request matched, or null for the sandbox's own endpoints. */
  private static ApiRoutes.Route route(Context ctx) {
    // ctx.endpoint() is the handler running now; the matched one carries the route.
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    return matched == null ? null : matched.metadata(ApiRoutes.Route.class);
  }

  private void serve(Context ctx) {
    long businessId = ctx.attribute(ATTR_BUSINESS);
    ChatsCall call =
        ChatsRequests.parse(ctx, route(ctx).operation(), businessId, Admission.body(ctx));
    Http.ok(ctx, handle(call));
  }

  /** The work of each operation; returns the result to wrap in the envelope (null for none). */
  private Object handle(ChatsCall call) {
    if (call instanceof ChatsCall.CreateChat c) {
      return new CreateChatResult(
          store
              .chats()
              .createOrGetContextChat(
                  c.businessId(), ContextType.valueOf(c.contextType()), c.contextId()));
    } else if (call instanceof ChatsCall.GetChats c) {
      return chats(c);
    } else if (call instanceof ChatsCall.GetChatHistory c) {
      return history(c);
    } else if (call instanceof ChatsCall.SendMessage c) {
      requireChat(c.businessId(), c.chatId());
      store.messages().addMessage(c.businessId(), c.chatId(), Sender.PARTNER, c.text(), null);
      return null;
    } else if (call instanceof ChatsCall.SendFile c) {
      requireChat(c.businessId(), c.chatId());
      store.messages().addMessage(c.businessId(), c.chatId(), Sender.PARTNER, null, c.file());
      return null;
    } else if (call instanceof ChatsCall.GetChat c) {
      return chat(requireChat(c.businessId(), c.chatId()));
    }
    return message((ChatsCall.GetChatMessage) call);
  }

  private ChatsResult chats(ChatsCall.GetChats c) {
    List<ChatRow> rows = store.chats().chats(c.businessId(), c.filter(), c.before(), c.limit() + 1);
    List<Chat> chats = page(rows, c.limit(), ChatsApi::chat);
    Paging paging =
        rows.size() > c.limit()
            ? new Paging(
                PageTokens.encode(PageTokens.CHATS, c.businessId(), rows.get(c.limit() - 1).id()))
            : null;
    return new ChatsResult(chats, paging);
  }

  private ChatHistory history(ChatsCall.GetChatHistory c) {
    ChatRow chat = requireChat(c.businessId(), c.chatId());
    List<MessageRow> rows = store.messages().messages(c.chatId(), c.start(), c.limit() + 1);
    String base = baseUrl.get();
    List<ChatMessage> messages = page(rows, c.limit(), row -> message(row, base));
    Paging paging =
        rows.size() > c.limit()
            ? new Paging(
                PageTokens.encode(PageTokens.HISTORY, c.chatId(), rows.get(c.limit() - 1).id()))
            : null;
    return new ChatHistory(chat.orderId(), context(chat), messages, paging);
  }

  private static <R, T> List<T> page(List<R> rows, int limit, Function<R, T> render) {
    List<T> out = new ArrayList<>(Math.min(rows.size(), limit));
    for (R row : rows.subList(0, Math.min(rows.size(), limit))) {
      out.add(render.apply(row));
    }
    return out;
  }

  private ChatMessage message(ChatsCall.GetChatMessage c) {
    requireChat(c.businessId(), c.chatId());
    MessageRow row =
        store
            .messages()
            .message(c.chatId(), c.messageId())
            .orElseThrow(
                () ->
                    SandboxException.notFound(
                        "Message "
                            + c.messageId()
                            + " not found in chat "
                            + c.chatId()
                            + "; read the chat's history for message ids"));
    return message(row, baseUrl.get());
  }

  private ChatRow requireChat(long businessId, long chatId) {
    return store
        .chats()
        .chat(businessId, chatId)
        .orElseThrow(() -> SandboxException.of(ChatRules.chatNotFound(businessId, chatId)));
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
    if (ChatsRequests.CONTROL.matcher(name).find()) {
      throw SandboxException.badRequest("The filename contains control characters; remove them");
    }
    if (name.length() > 255) {
      throw SandboxException.badRequest(
          "The filename is " + name.length() + " characters long; use at most 255");
    }
    return name;
  }

  static ChatFullContext context(ChatRow row) {
    return new ChatFullContext(
        ChatContextType.of(row.contextType().name()),
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
        ChatType.of(row.type().name()),
        ChatStatus.of(row.status().name()),
        row.createdAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET),
        row.updatedAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET));
  }

  static ChatMessage message(MessageRow row, String baseUrl) {
    List<MessagePayload> payload = new ArrayList<>();
    for (FileRow file : row.files()) {
      payload.add(new MessagePayload(file.name(), fileUrl(baseUrl, file), file.size()));
    }
    return new ChatMessage(
        row.id(),
        row.createdAt().withOffsetSameInstant(SandboxStore.MARKET_OFFSET),
        MessageSender.of(row.sender().name()),
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
