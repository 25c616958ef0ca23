package dev.ymchat.sandbox.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.sandbox.domain.SandboxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** Parses and validates JSON request bodies field by field, naming the field in every error. */
public final class JsonInput {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonInput() {}

  /**
   * Parses a body that must be a JSON object.
   *
   * @param body the raw bytes (UTF-8)
   * @return the object
   * @throws SandboxException 400 for an empty body, malformed JSON or a non-object
   */
  public static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      throw SandboxException.badRequest(
          "The request body is empty; send a JSON object (at least {})");
    }
    JsonNode root;
    try {
      root = STRICT.readTree(body);
    } catch (JacksonException e) {
      throw SandboxException.badRequest(
          "The request body is not valid JSON ("
              + summary(e)
              + "); send a JSON object encoded in UTF-8");
    } catch (java.io.IOException e) {
      throw SandboxException.badRequest(
          "The request body could not be read as JSON; send a JSON object encoded in UTF-8");
    }
    if (root == null || !root.isObject()) {
      throw SandboxException.badRequest(
          "The request body must be a JSON object, not "
              + (root == null ? "nothing" : describe(root)));
    }
    return (ObjectNode) root;
  }

  private static String summary(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return "syntax error";
    }
    message = message.replaceAll("[\\r\\n\\t]+", " ");
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return (message.length() > 160 ? message.substring(0, 160) + "…" : message) + where;
  }

  static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Reads an optional id field (an integer of at least 1).
   *
   * @param node the object holding the field
   * @param field the field name
   * @param path the field's path for messages
   * @return the value, or null when absent or null
   * @throws SandboxException 400 when the value is not an integer of at least 1
   */
  public static Long optionalId(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    return id(value, path);
  }

  /**
   * Reads a required id field.
   *
   * @param node the object
   * @param field the field name
   * @param path the field's path for messages
   * @return the value
   * @throws SandboxException 400 when missing or not an integer of at least 1
   */
  public static long requiredId(JsonNode node, String field, String path) {
    Long value = optionalId(node, field, path);
    if (value == null) {
      throw SandboxException.badRequest(path + " is required: give an integer of at least 1");
    }
    return value;
  }

  static long id(JsonNode value, String path) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw SandboxException.badRequest(
          path
              + " must be an integer of at least 1 (int64), not "
              + describe(value)
              + (value.isNumber() ? " " + value.asText() : ""));
    }
    long id = value.longValue();
    if (id < 1) {
      throw SandboxException.badRequest(path + " must be at least 1, was " + id);
    }
    return id;
  }

  /**
   * Reads an optional string field.
   *
   * @param node the object
   * @param field the field name
   * @param path the field's path for messages
   * @return the string, or null when absent or null
   * @throws SandboxException 400 when the value is not a string
   */
  public static String optionalString(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw SandboxException.badRequest(path + " must be a string, not " + describe(value));
    }
    return value.textValue();
  }

  /**
   * Reads an enum-like string that must be one of the allowed values.
   *
   * @param value the JSON value
   * @param path the field's path for messages
   * @param allowed the allowed values
   * @return the value
   * @throws SandboxException 400 for anything else
   */
  public static String enumValue(JsonNode value, String path, List<String> allowed) {
    if (!value.isTextual()) {
      throw SandboxException.badRequest(
          path + " must be one of " + String.join(", ", allowed) + ", not " + describe(value));
    }
    String text = value.textValue();
    if (!allowed.contains(text)) {
      throw SandboxException.badRequest(
          path
              + " has the unknown value '"
              + clip(text)
              + "'; use one of "
              + String.join(", ", allowed));
    }
    return text;
  }

  /**
   * Reads an optional filter set: absent or null means no filter; it must otherwise be a non-empty
   * array without duplicates.
   *
   * @param node the object
   * @param field the field name
   * @param element reads one element from its value and path
   * @param <T> the element type
   * @return the set, or null when absent
   * @throws SandboxException 400 for a non-array, an empty array, duplicates or a bad element
   */
  public static <T> Set<T> optionalSet(
      JsonNode node, String field, BiFunction<JsonNode, String, T> element) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw SandboxException.badRequest(field + " must be an array, not " + describe(value));
    }
    if (value.isEmpty()) {
      throw SandboxException.badRequest(
          field + " must not be empty; omit it (or send null) to skip this filter");
    }
    if (value.size() > 1000) {
      throw SandboxException.badRequest(
          field + " has " + value.size() + " items; send at most 1000");
    }
    Set<T> result = new LinkedHashSet<>();
    for (int i = 0; i < value.size(); i++) {
      String path = field + "[" + i + "]";
      if (!result.add(element.apply(value.get(i), path))) {
        throw SandboxException.badRequest(
            path + " repeats an earlier item; the items of " + field + " must be unique");
      }
    }
    return result;
  }

  static String clip(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine;
  }
}
