package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.wire.ApiResponse;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading requests and writing the API's envelope. */
final class Http {

  /** Market refuses JSON bodies over 512 KB. */
  static final int MAX_JSON_BODY = 512 * 1024;

  /** A file may be 5 MB; the multipart framing around it gets a little room. */
  static final int MAX_FILE = 5 * 1024 * 1024;

  static final int MAX_MULTIPART_BODY = MAX_FILE + 64 * 1024;

  static final ObjectMapper MAPPER = responseMapper();

  private Http() {}

  private static ObjectMapper responseMapper() {
    ObjectMapper mapper = ModelJson.newMapper();
    // The spec gives payload minItems 1: a text-only message carries no payload at all.
    mapper.addMixIn(ChatMessage.class, ChatMessageMixin.class);
    return mapper;
  }

  abstract static class ChatMessageMixin {
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract List<MessagePayload> payload();
  }

  static void ok(Context ctx, Object result) {
    try {
      write(ctx, 200, MAPPER.writeValueAsBytes(ApiResponse.ok(result)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response", e);
    }
  }

  static void ok(Context ctx, Object ignored, Map<String, ?> plain) {
    // Health and similar answers are not wrapped in the API envelope.
    try {
      ctx.status(200);
      ctx.contentType("application/json; charset=utf-8");
      ctx.result(MAPPER.writeValueAsBytes(plain));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response", e);
    }
  }

  private static void write(Context ctx, int status, byte[] json) {
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(json);
  }

  /** Requires {@code application/json} (charset, if given, UTF-8). */
  static void requireJson(Context ctx) {
    String contentType = ctx.req().getContentType();
    if (contentType == null || contentType.isBlank()) {
      throw SandboxException.badRequest(
          "Content-Type is missing; send the body as application/json");
    }
    String[] parts = contentType.split(";");
    String mime = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!mime.equals("application/json")) {
      throw SandboxException.badRequest(
          "Content-Type "
              + JsonInput.clip(mime)
              + " is not accepted here; send the body as application/json");
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=")) {
        String charset = param.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw SandboxException.badRequest(
              "charset "
                  + JsonInput.clip(charset)
                  + " is not accepted; encode the JSON body in UTF-8");
        }
      }
    }
  }

  static String describeSize(int bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
  }

  /**
   * Refuses a query string that is not valid URL encoding of UTF-8 (a lenient parser would drop
   * such parameters silently, hiding the caller's bug).
   */
  static void requireValidQuery(Context ctx) {
    String query = ctx.req().getQueryString();
    if (query == null || query.isEmpty()) {
      return;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < query.length(); i++) {
      char ch = query.charAt(i);
      if (ch == '%') {
        if (i + 2 >= query.length()
            || Character.digit(query.charAt(i + 1), 16) < 0
            || Character.digit(query.charAt(i + 2), 16) < 0) {
          throw badQuery();
        }
        bytes.write(
            Character.digit(query.charAt(i + 1), 16) * 16
                + Character.digit(query.charAt(i + 2), 16));
        i += 2;
      } else if (ch == '&' || ch == '=') {
        checkUtf8(bytes.toByteArray());
        bytes.reset();
      } else {
        bytes.write(ch);
      }
    }
    checkUtf8(bytes.toByteArray());
  }

  private static void checkUtf8(byte[] bytes) {
    try {
      java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw badQuery();
    }
  }

  private static SandboxException badQuery() {
    return SandboxException.badRequest(
        "The query string is not valid URL encoding (a % must start %XX of UTF-8 bytes); encode the parameters properly");
  }

  /** A single-valued query parameter; repeating it is an error. */
  static String query(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw SandboxException.badRequest(
          "Query parameter " + name + " is given " + values.size() + " times; give it once");
    }
    return values.get(0);
  }

  static long requiredIdParam(Context ctx, String name) {
    String raw = query(ctx, name);
    if (raw == null || raw.isEmpty()) {
      throw SandboxException.badRequest(
          "Query parameter " + name + " is required: give the id as an integer of at least 1");
    }
    return parseId(raw, "Query parameter " + name);
  }

  static long parseId(String raw, String what) {
    long value;
    try {
      value = Long.parseLong(raw.trim().isEmpty() ? "x" : raw);
    } catch (NumberFormatException e) {
      throw SandboxException.badRequest(
          what + " must be an integer of at least 1 (int64), not '" + JsonInput.clip(raw) + "'");
    }
    if (value < 1) {
      throw SandboxException.badRequest(what + " must be at least 1, was " + value);
    }
    return value;
  }

  static int limitParam(Context ctx, int defaultLimit, int max) {
    String raw = query(ctx, "limit");
    if (raw == null) {
      return defaultLimit;
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw SandboxException.badRequest(
          "Query parameter limit must be an integer from 1 to "
              + max
              + ", not '"
              + JsonInput.clip(raw)
              + "'");
    }
    if (value < 1 || value > max) {
      throw SandboxException.badRequest(
          "Query parameter limit must be from 1 to " + max + ", was " + value);
    }
    return value;
  }

  /** The page token under either of its names, pageToken or page_token. */
  static String pageToken(Context ctx) {
    String camel = query(ctx, "pageToken");
    String snake = query(ctx, "page_token");
    if (camel != null && snake != null && !camel.equals(snake)) {
      throw SandboxException.badRequest(
          "pageToken and page_token are both given with different values; give one of them");
    }
    String token = camel != null ? camel : snake;
    if (token != null && token.isEmpty()) {
      throw SandboxException.badRequest("pageToken is empty; omit it for the first page");
    }
    if (token != null && token.length() > 512) {
      throw SandboxException.badRequest(
          "pageToken is too long to be a token this API issued; pass nextPageToken unchanged");
    }
    return token;
  }
}
