package dev.ymchat.client.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A notification of a type this library has no record for (orders, feedback, questions, or a type
 * newer than this library), kept as it arrived.
 *
 * @param notificationType the raw {@code notificationType}
 * @param raw the whole notification as a JSON object (a defensive copy; the accessor returns a copy
 *     too, so the record stays immutable)
 */
public record UnknownNotification(String notificationType, JsonNode raw) implements Notification {

  /**
   * Checks and copies the fields.
   *
   * @param notificationType the raw {@code notificationType}
   * @param raw the whole notification; it must be a JSON object
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if {@code raw} is not a JSON object or its {@code
   *     notificationType} differs from the given one
   */
  public UnknownNotification {
    Objects.requireNonNull(notificationType, "notificationType");
    Objects.requireNonNull(raw, "raw");
    if (!raw.isObject()) {
      throw new IllegalArgumentException("raw must be a JSON object, got " + raw.getNodeType());
    }
    JsonNode rawType = raw.get("notificationType");
    if (rawType != null && !rawType.isNull() && !notificationType.equals(rawType.asText())) {
      throw new IllegalArgumentException(
          "raw has notificationType '"
              + rawType.asText()
              + "' but the record says '"
              + notificationType
              + "'");
    }
    ObjectNode copy = ((ObjectNode) raw).deepCopy();
    copy.put("notificationType", notificationType);
    raw = copy;
  }

  /**
   * Returns a copy of the notification as it arrived.
   *
   * @return the JSON object, including {@code notificationType}
   */
  @Override
  public JsonNode raw() {
    return raw.deepCopy();
  }
}
