package dev.ymchat.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small validator for the parts of OpenAPI 3.0 schemas the chat specs use: $ref, allOf, object
 * with required and properties, array with items and minItems, string with enum, minLength and
 * date-time, integer with minimum, nullable.
 */
final class OpenApiSchema {

  private final JsonNode spec;

  private OpenApiSchema(JsonNode spec) {
    this.spec = spec;
  }

  static OpenApiSchema load(String resource) {
    try (InputStream in = OpenApiSchema.class.getResourceAsStream(resource)) {
      return new OpenApiSchema(new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** The JSON schema of a documented answer. */
  JsonNode responseSchema(String path, String method, int status) {
    JsonNode operation =
        spec.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
    if (operation.isMissingNode()) {
      throw new AssertionError("the spec has no " + method + " " + path);
    }
    JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
    if (response.isMissingNode()) {
      throw new AssertionError("the spec documents no " + status + " for " + method + " " + path);
    }
    return response.path("content").path("application/json").path("schema");
  }

  /** Validates a value; returns the violations (empty when it conforms). */
  List<String> validate(JsonNode value, JsonNode schema) {
    List<String> errors = new ArrayList<>();
    check(value, schema, "$", errors);
    return errors;
  }

  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("external $ref " + ref);
      }
      node = spec.at(ref.substring(1));
    }
    return node;
  }

  private void check(JsonNode value, JsonNode rawSchema, String where, List<String> errors) {
    JsonNode schema = resolve(rawSchema);
    if (value == null || value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
        errors.add(where + ": null where " + schema.get("type").asText() + " is required");
      }
      return;
    }
    for (JsonNode part : schema.path("allOf")) {
      check(value, part, where, errors);
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          errors.add(where + ": expected an object, got " + value.getNodeType());
          return;
        }
        for (JsonNode required : schema.path("required")) {
          if (!value.has(required.asText())) {
            errors.add(where + ": missing required field " + required.asText());
          }
        }
        for (var field : schema.path("properties").properties()) {
          if (value.has(field.getKey())) {
            check(
                value.get(field.getKey()), field.getValue(), where + "." + field.getKey(), errors);
          }
        }
      }
      case "array" -> {
        if (!value.isArray()) {
          errors.add(where + ": expected an array, got " + value.getNodeType());
          return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
          errors.add(where + ": fewer than " + schema.get("minItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.path("items"), where + "[" + i + "]", errors);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(where + ": expected a string, got " + value.getNodeType());
          return;
        }
        String text = value.asText();
        if (schema.has("enum")) {
          boolean known = false;
          for (JsonNode e : schema.get("enum")) {
            known |= e.asText().equals(text);
          }
          if (!known) {
            errors.add(where + ": '" + text + "' is not in " + schema.get("enum"));
          }
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
          errors.add(where + ": shorter than " + schema.get("minLength").asInt());
        }
        if ("date-time".equals(schema.path("format").asText())) {
          try {
            OffsetDateTime.parse(text);
          } catch (DateTimeParseException e) {
            errors.add(where + ": '" + text + "' is not an ISO 8601 date-time with offset");
          }
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(where + ": expected an integer, got " + value.getNodeType());
          return;
        }
        if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
          errors.add(where + ": below the minimum " + schema.get("minimum").asLong());
        }
        if ("int32".equals(schema.path("format").asText()) && !value.canConvertToInt()) {
          errors.add(where + ": does not fit int32");
        }
      }
      default -> {
        // schemas without a type (pure allOf wrappers) were handled above
      }
    }
  }
}
