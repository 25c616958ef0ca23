package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.WireNames;
import dev.ymchat.sandbox.store.ChatFilter;
import dev.ymchat.sandbox.store.NewFile;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a request of a chat operation into its {@link ChatsCall}: query, body and file checked
 * once, each error a 400 that names the field and says what to send.
 */
final class ChatsRequests {

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
  static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

  private ChatsRequests() {}

  /**
   * Parses the request of an operation.
   *
   * @param ctx the request (query and headers)
   * @param operation the operation its route serves
   * @param businessId the business of the path
   * @param body the body read on admission
   * @return the call
   * @throws SandboxException 400 when the request is not acceptable
   */
  static ChatsCall parse(Context ctx, ApiOperation operation, long businessId, byte[] body) {
    Http.requireValidQuery(ctx);
    return switch (operation) {
      case CREATE_CHAT -> createChat(businessId, json(ctx, body));
      case GET_CHATS -> getChats(ctx, businessId, body);
      case GET_CHAT_HISTORY -> getChatHistory(ctx, businessId, body);
      case SEND_MESSAGE -> sendMessage(ctx, businessId, body);
      case SEND_FILE -> sendFile(ctx, businessId, body);
      case GET_CHAT -> new ChatsCall.GetChat(businessId, Http.requiredIdParam(ctx, "chatId"));
      case GET_CHAT_MESSAGE ->
          new ChatsCall.GetChatMessage(
              businessId,
              Http.requiredIdParam(ctx, "chatId"),
              Http.requiredIdParam(ctx, "messageId"));
    };
  }

  private static ObjectNode json(Context ctx, byte[] body) {
    Http.requireJson(ctx);
    return JsonInput.object(body);
  }

  private static ChatsCall createChat(long businessId, ObjectNode body) {
    Long orderId = JsonInput.optionalId(body, "orderId", "orderId");
    JsonNode context = body.get("context");
    if (context == null || context.isNull()) {
      if (orderId == null) {
        throw SandboxException.badRequest(
            "context is required: {\"context\": {\"type\": \"ORDER\", \"id\": <orderId>}} (or the older {\"orderId\": …})");
      }
      return new ChatsCall.CreateChat(businessId, "ORDER", orderId);
    }
    if (!context.isObject()) {
      throw SandboxException.badRequest(
          "context must be an object {\"type\": \"ORDER\"|\"RETURN\", \"id\": …}, not "
              + JsonInput.describe(context));
    }
    JsonNode typeNode = context.get("type");
    if (typeNode != null && typeNode.isTextual() && "DIRECT".equals(typeNode.textValue())) {
      throw SandboxException.badRequest(
          "context.type DIRECT is not allowed: only a buyer can start a DIRECT chat; sellers start ORDER or RETURN chats");
    }
    String type = contextType(typeNode, "context.type");
    long id = JsonInput.requiredId(context, "id", "context.id");
    if (orderId != null && !("ORDER".equals(type) && orderId == id)) {
      throw SandboxException.badRequest(
          "orderId and context disagree; send only context (orderId is deprecated)");
    }
    return new ChatsCall.CreateChat(businessId, type, id);
  }

  private static String contextType(JsonNode typeNode, String path) {
    if (typeNode == null || typeNode.isNull()) {
      throw SandboxException.badRequest(path + " is required: ORDER or RETURN");
    }
    return JsonInput.enumValue(typeNode, path, CONTEXT_TYPES_REQUEST);
  }

  private static ChatsCall getChats(Context ctx, long businessId, byte[] raw) {
    int limit = Http.limitParam(ctx, 10, 20);
    String token = Http.pageToken(ctx);
    ObjectNode body = json(ctx, raw);
    Set<Long> orderIds = JsonInput.optionalSet(body, "orderIds", JsonInput::id);
    Set<JsonNode> contexts = JsonInput.optionalSet(body, "contexts", ChatsRequests::context);
    Set<Long> orderContexts = null;
    Set<Long> returnContexts = null;
    if (contexts != null) {
      for (JsonNode c : contexts) {
        if ("ORDER".equals(c.get("type").textValue())) {
          orderContexts = orderContexts == null ? new LinkedHashSet<>() : orderContexts;
          orderContexts.add(c.get("id").longValue());
        } else {
          returnContexts = returnContexts == null ? new LinkedHashSet<>() : returnContexts;
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
        new ChatFilter(
            orderIds,
            orderContexts,
            returnContexts,
            WireNames.setOf(ContextType.class, contextTypes),
            WireNames.setOf(dev.ymchat.sandbox.domain.ChatType.class, types),
            WireNames.setOf(dev.ymchat.sandbox.domain.ChatStatus.class, statuses));
    return new ChatsCall.GetChats(businessId, filter, before, limit);
  }

  private static JsonNode context(JsonNode node, String path) {
    if (!node.isObject()) {
      throw SandboxException.badRequest(
          path + " must be an object {\"type\", \"id\"}, not " + JsonInput.describe(node));
    }
    String type = contextType(node.get("type"), path + ".type");
    long id = JsonInput.requiredId(node, "id", path + ".id");
    return Http.MAPPER.createObjectNode().put("type", type).put("id", id);
  }

  private static ChatsCall getChatHistory(Context ctx, long businessId, byte[] raw) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    int limit = Http.limitParam(ctx, 50, 100);
    String token = Http.pageToken(ctx);
    ObjectNode body = json(ctx, raw);
    Long from = JsonInput.optionalId(body, "messageIdFrom", "messageIdFrom");
    long start = from == null ? 1 : from;
    if (token != null) {
      long last = PageTokens.decode(token, PageTokens.HISTORY, chatId, "pageToken");
      start = Math.max(start, last + 1);
    }
    return new ChatsCall.GetChatHistory(businessId, chatId, start, limit);
  }

  private static ChatsCall sendMessage(Context ctx, long businessId, byte[] raw) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    ObjectNode body = json(ctx, raw);
    JsonNode value = body.get("message");
    if (value == null || value.isNull()) {
      throw SandboxException.badRequest(
          "message is required: the text to send, 1 to 4096 characters");
    }
    return new ChatsCall.SendMessage(businessId, chatId, ChatsApi.validText(value, "message"));
  }

  private static ChatsCall sendFile(Context ctx, long businessId, byte[] body) {
    long chatId = Http.requiredIdParam(ctx, "chatId");
    String contentType = ctx.req().getContentType();
    if (contentType == null
        || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw SandboxException.badRequest(
          "Content-Type must be multipart/form-data with the file in a part named 'file', not "
              + (contentType == null ? "missing" : JsonInput.clip(contentType)));
    }
    Multipart.Part file = null;
    for (Multipart.Part part : Multipart.parse(body, Multipart.boundary(contentType))) {
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
    return new ChatsCall.SendFile(businessId, chatId, newFile(file));
  }

  private static NewFile newFile(Multipart.Part file) {
    String name = ChatsApi.fileName(file.fileName());
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
    if (type.length() > 200 || CONTROL.matcher(type).find()) {
      throw SandboxException.badRequest("The file part's Content-Type is not a valid media type");
    }
    return new NewFile(name, type, file.content());
  }
}
