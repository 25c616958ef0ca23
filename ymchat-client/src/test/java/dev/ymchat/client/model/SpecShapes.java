package dev.ymchat.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A light structural check of JSON documents against the schemas of an OpenAPI file in the test
 * resources: every property must be declared by the schema (after resolving {@code $ref} and {@code
 * allOf}), every required property must be present, and JSON types and enum values must match.
 */
public final class SpecShapes {

  // parsing a spec takes a while; the checker is read-only, so every test shares one per file
  private static final Map<String, SpecShapes> LOADED = new ConcurrentHashMap<>();

  private final String specName;
  private final JsonNode schemas;

  private SpecShapes(String specName, JsonNode spec) {
    this.specName = specName;
    this.schemas = spec.path("components").path("schemas");
    if (!schemas.isObject() || schemas.size() == 0) {
      throw new IllegalArgumentException(specName + " has no components.schemas");
    }
  }

  /**
   * Loads a spec copied into {@code src/test/resources/spec/}.
   *
   * @param fileName such as {@code chats-openapi.yaml}
   * @return the checker
   */
  public static SpecShapes load(String fileName) {
    return LOADED.computeIfAbsent(fileName, SpecShapes::read);
  }

  private static SpecShapes read(String fileName) {
    String resource = "/spec/" + fileName;
    try (InputStream in = SpecShapes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + resource);
      }
      return new SpecShapes(fileName, new YAMLMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lists every way the document differs from the named schema.
   *
   * @param document the JSON document
   * @param schemaName a name under {@code components.schemas}
   * @return the problems, empty when the document fits
   */
  public List<String> problems(JsonNode document, String schemaName) {
    List<String> problems = new ArrayList<>();
    check(document, schemaRef(schemaName), "$", problems);
    return problems;
  }

  /**
   * Returns the names of the schema's properties, resolved through {@code $ref} and {@code allOf}.
   *
   * @param schemaName a name under {@code components.schemas}
   * @return the property names
   */
  public Set<String> propertyNames(String schemaName) {
    return new Shape(resolve(schemaRef(schemaName))).properties.keySet();
  }

  private JsonNode schemaRef(String schemaName) {
    JsonNode schema = schemas.get(schemaName);
    if (schema == null) {
      throw new IllegalArgumentException(specName + " has no schema " + schemaName);
    }
    return schema;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    while (current.has("$ref")) {
      String ref = current.get("$ref").asText();
      String prefix = "#/components/schemas/";
      if (!ref.startsWith(prefix)) {
        throw new IllegalArgumentException("Unsupported $ref " + ref + " in " + specName);
      }
      current = schemaRef(ref.substring(prefix.length()));
    }
    return current;
  }

  /** A schema flattened through allOf: its properties, required names, type, enum, nullable. */
  private final class Shape {
    final Map<String, JsonNode> properties = new LinkedHashMap<>();
    final Set<String> required = new LinkedHashSet<>();
    String type;
    JsonNode enumValues;
    JsonNode items;
    boolean nullable;

    Shape(JsonNode schema) {
      add(resolve(schema));
    }

    private void add(JsonNode schema) {
      if (schema.has("type") && type == null) {
        type = schema.get("type").asText();
      }
      if (schema.has("enum")) {
        enumValues = schema.get("enum");
      }
      if (schema.has("items")) {
        items = schema.get("items");
      }
      nullable |= schema.path("nullable").asBoolean(false);
      for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
        properties.put(field.getKey(), field.getValue());
      }
      schema.path("required").forEach(name -> required.add(name.asText()));
      for (JsonNode part : schema.path("allOf")) {
        add(resolve(part));
      }
    }

    boolean isObject() {
      return "object".equals(type) || !properties.isEmpty();
    }
  }

  private void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
    Shape shape = new Shape(schema);
    if (value.isNull()) {
      if (!shape.nullable) {
        problems.add(path + " is null but the schema does not allow null");
      }
      return;
    }
    if (shape.isObject()) {
      if (!value.isObject()) {
        problems.add(path + " should be an object, is " + value.getNodeType());
        return;
      }
      Iterator<String> names = value.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        JsonNode propertySchema = shape.properties.get(name);
        if (propertySchema == null) {
          problems.add(
              path + "." + name + " is not a property of the schema " + shape.properties.keySet());
        } else {
          check(value.get(name), propertySchema, path + "." + name, problems);
        }
      }
      for (String name : shape.required) {
        if (!value.has(name)) {
          problems.add(path + "." + name + " is required but missing");
        }
      }
      return;
    }
    if (shape.type == null) {
      return;
    }
    switch (shape.type) {
      case "array":
        if (!value.isArray()) {
          problems.add(path + " should be an array, is " + value.getNodeType());
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), shape.items, path + "[" + i + "]", problems);
        }
        return;
      case "integer":
        if (!value.isIntegralNumber()) {
          problems.add(path + " should be an integer, is " + value.getNodeType());
        }
        return;
      case "number":
        if (!value.isNumber()) {
          problems.add(path + " should be a number, is " + value.getNodeType());
        }
        return;
      case "boolean":
        if (!value.isBoolean()) {
          problems.add(path + " should be a boolean, is " + value.getNodeType());
        }
        return;
      case "string":
        if (!value.isTextual()) {
          problems.add(path + " should be a string, is " + value.getNodeType());
        } else if (shape.enumValues != null && !contains(shape.enumValues, value.asText())) {
          problems.add(path + " is '" + value.asText() + "', not one of " + shape.enumValues);
        }
        return;
      default:
        problems.add(path + " has a schema of unsupported type " + shape.type);
    }
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode candidate : values) {
      if (candidate.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
