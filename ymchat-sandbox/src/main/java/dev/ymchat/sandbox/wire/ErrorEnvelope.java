package dev.ymchat.sandbox.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.model.ModelJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The API's error answer, {@code {"status":"ERROR","errors":[{"code":…,"message":…}]}}, written the
 * same way for the handlers, Jetty's own errors, the server's fallbacks and injected faults.
 */
public final class ErrorEnvelope {

  /** The message of the 503 answered while the sandbox stops. */
  public static final String SHUTTING_DOWN =
      "The sandbox is shutting down; retry against a running sandbox";

  // The models' mapper, as the API surface's: an error has no result, so nothing else differs.
  private static final ObjectMapper MAPPER = ModelJson.newMapper();

  private ErrorEnvelope() {}

  /**
   * Writes the envelope.
   *
   * @param code the error code, such as {@code BAD_REQUEST}
   * @param message what was wrong and what to do
   * @return the JSON as UTF-8 bytes
   */
  public static byte[] bytes(String code, String message) {
    try {
      return MAPPER.writeValueAsBytes(ApiResponse.error(List.of(new ApiError(code, message))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write an error envelope as JSON", e);
    }
  }

  /**
   * Writes the envelope as text.
   *
   * @param code the error code
   * @param message what was wrong and what to do
   * @return the JSON
   */
  public static String text(String code, String message) {
    return new String(bytes(code, message), StandardCharsets.UTF_8);
  }
}
