package dev.ymchat.client.notify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes push notifications in Market's exact wire format.
 *
 * <p>Reading is strict where the specification is: the body must be one JSON object with a string
 * {@code notificationType}, ids must be JSON integers of at least 1, dates ISO 8601 strings with an
 * offset. {@code messageId} of {@code CHAT_MESSAGE_SENT} is a string on the wire and is accepted as
 * a string of digits or as a JSON integer. Unknown fields are ignored, unknown types become {@link
 * UnknownNotification}. Writing produces what Market sends: {@code messageId} as a string, dates
 * with their offset.
 */
public final class NotificationJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // a repeated key would make the event ambiguous: refuse it instead of taking the last one
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private NotificationJson() {}

  /**
   * Parses a notification body.
   *
   * @param json the body as text
   * @return the notification
   * @throws NotificationFormatException if the body is not a notification as Market sends them
   */
  public static Notification parse(String json) {
    if (json == null) {
      throw new NotificationFormatException("The body is empty; expected a JSON object.");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    }
    return fromTree(tree);
  }

  /**
   * Parses a notification body given as bytes (UTF-8, or another encoding JSON allows).
   *
   * @param json the body as bytes
   * @return the notification
   * @throws NotificationFormatException if the body is not a notification as Market sends them
   */
  public static Notification parse(byte[] json) {
    if (json == null) {
      throw new NotificationFormatException("The body is empty; expected a JSON object.");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw notJson(e);
    } catch (IOException e) {
      // reading from a byte array does no I/O; a malformed encoding is the only way here
      throw new NotificationFormatException("The body is not readable JSON text.");
    }
    return fromTree(tree);
  }

  /**
   * Converts a parsed JSON tree into a notification.
   *
   * @param tree the notification as a JSON tree
   * @return the notification
   * @throws NotificationFormatException if the tree is not a notification as Market sends them
   */
  public static Notification fromTree(JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      throw new NotificationFormatException("The body is empty; expected a JSON object.");
    }
    if (!tree.isObject()) {
      throw new NotificationFormatException(
          "The body is a JSON " + kind(tree) + "; expected a JSON object.");
    }
    JsonNode typeNode = tree.get("notificationType");
    if (typeNode == null || typeNode.isNull()) {
      throw new NotificationFormatException("The field 'notificationType' is missing.");
    }
    if (!typeNode.isTextual() || typeNode.asText().isBlank()) {
      throw new NotificationFormatException(
          "The field 'notificationType' must be a non-empty string, got " + kind(typeNode) + ".");
    }
    String type = typeNode.asText();
    switch (type) {
      case PingNotification.TYPE:
        return new PingNotification(optionalDate(tree, "time"));
      case ChatCreatedNotification.TYPE:
        return new ChatCreatedNotification(
            id(tree, "chatId"), id(tree, "businessId"), date(tree, "createdAt"));
      case ChatMessageSentNotification.TYPE:
        return new ChatMessageSentNotification(
            id(tree, "chatId"), messageId(tree), id(tree, "businessId"), date(tree, "sentAt"));
      case ChatArbitrageStartedNotification.TYPE:
        return new ChatArbitrageStartedNotification(
            id(tree, "chatId"), id(tree, "businessId"), date(tree, "startedAt"));
      case ChatArbitrageFinishedNotification.TYPE:
        return new ChatArbitrageFinishedNotification(
            id(tree, "chatId"), id(tree, "businessId"), date(tree, "finishedAt"));
      default:
        return new UnknownNotification(type, tree);
    }
  }

  /**
   * Writes a notification as Market sends it.
   *
   * @param notification the notification
   * @return the JSON text
   * @throws NullPointerException if {@code notification} is {@code null}
   */
  public static String toJson(Notification notification) {
    try {
      return MAPPER.writeValueAsString(toTree(notification));
    } catch (JsonProcessingException e) {
      // a tree of plain strings and numbers always serializes
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds the wire JSON tree of a notification.
   *
   * @param notification the notification
   * @return a new JSON object, fields in the specification's order
   * @throws NullPointerException if {@code notification} is {@code null}
   */
  public static ObjectNode toTree(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    if (notification instanceof UnknownNotification) {
      return (ObjectNode) ((UnknownNotification) notification).raw();
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("notificationType", notification.notificationType());
    if (notification instanceof PingNotification) {
      PingNotification ping = (PingNotification) notification;
      if (ping.time() != null) {
        node.put("time", DATE_TIME.format(ping.time()));
      }
    } else if (notification instanceof ChatCreatedNotification) {
      ChatCreatedNotification created = (ChatCreatedNotification) notification;
      node.put("chatId", created.chatId());
      node.put("businessId", created.businessId());
      node.put("createdAt", DATE_TIME.format(created.createdAt()));
    } else if (notification instanceof ChatMessageSentNotification) {
      ChatMessageSentNotification sent = (ChatMessageSentNotification) notification;
      node.put("chatId", sent.chatId());
      node.put("messageId", Long.toString(sent.messageId()));
      node.put("businessId", sent.businessId());
      node.put("sentAt", DATE_TIME.format(sent.sentAt()));
    } else if (notification instanceof ChatArbitrageStartedNotification) {
      ChatArbitrageStartedNotification started = (ChatArbitrageStartedNotification) notification;
      node.put("chatId", started.chatId());
      node.put("businessId", started.businessId());
      node.put("startedAt", DATE_TIME.format(started.startedAt()));
    } else if (notification instanceof ChatArbitrageFinishedNotification) {
      ChatArbitrageFinishedNotification finished = (ChatArbitrageFinishedNotification) notification;
      node.put("chatId", finished.chatId());
      node.put("businessId", finished.businessId());
      node.put("finishedAt", DATE_TIME.format(finished.finishedAt()));
    }
    return node;
  }

  private static NotificationFormatException notJson(JacksonException e) {
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 0
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    // Jackson's own message quotes the body; the body is Market's data, but keep the answer short
    return new NotificationFormatException(
        "The body is not a single valid JSON object" + where + ".");
  }

  private static long id(JsonNode tree, String field) {
    JsonNode node = required(tree, field);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new NotificationFormatException(
          "The field '" + field + "' must be an int64 JSON integer, got " + kind(node) + ".");
    }
    return positive(field, node.asLong());
  }

  private static long messageId(JsonNode tree) {
    JsonNode node = required(tree, "messageId");
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return positive("messageId", node.asLong());
    }
    if (node.isTextual()) {
      String text = node.asText();
      boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
      if (digits && text.length() <= 19) {
        try {
          return positive("messageId", Long.parseLong(text));
        } catch (NumberFormatException e) {
          // 19 digits beyond Long.MAX_VALUE: reported below
        }
      }
      throw new NotificationFormatException(
          "The field 'messageId' must be a string of digits holding an int64 message id.");
    }
    throw new NotificationFormatException(
        "The field 'messageId' must be a string of digits, got " + kind(node) + ".");
  }

  private static long positive(String field, long value) {
    if (value < 1) {
      throw new NotificationFormatException(
          "The field '" + field + "' must be at least 1, got " + value + ".");
    }
    return value;
  }

  private static OffsetDateTime date(JsonNode tree, String field) {
    return parseDate(field, required(tree, field));
  }

  private static OffsetDateTime optionalDate(JsonNode tree, String field) {
    JsonNode node = tree.get(field);
    return node == null || node.isNull() ? null : parseDate(field, node);
  }

  private static OffsetDateTime parseDate(String field, JsonNode node) {
    if (!node.isTextual()) {
      throw new NotificationFormatException(
          "The field '"
              + field
              + "' must be an ISO 8601 date-time string with an offset, got "
              + kind(node)
              + ".");
    }
    try {
      return OffsetDateTime.parse(node.asText(), DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new NotificationFormatException(
          "The field '"
              + field
              + "' must be an ISO 8601 date-time with an offset, such as"
              + " 2017-11-21T00:00:00.213Z.");
    }
  }

  private static JsonNode required(JsonNode tree, String field) {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      throw new NotificationFormatException(
          "The field '"
              + field
              + "' is required for "
              + tree.get("notificationType").asText()
              + " but is missing.");
    }
    return node;
  }

  private static String kind(JsonNode node) {
    switch (node.getNodeType()) {
      case ARRAY:
        return "array";
      case BOOLEAN:
        return "boolean";
      case NUMBER:
        return node.isIntegralNumber() ? "integer out of the int64 range" : "fractional number";
      case OBJECT:
        return "object";
      case STRING:
        return "string";
      case NULL:
        return "null";
      default:
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }
}
