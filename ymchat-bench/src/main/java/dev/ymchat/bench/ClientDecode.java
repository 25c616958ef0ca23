package dev.ymchat.bench;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.model.ApiResponse;
import dev.ymchat.client.model.ApiResponseStatus;
import java.io.IOException;

/**
 * The client's answer decoding, step for step as {@code ClientCore.decode} does it (that method is
 * private, so it is mirrored here): read the whole body into a tree, check {@code status}, then
 * bind {@code result} to the model with the same mapper configuration ({@code
 * ModelJson.newMapper()}).
 */
public final class ClientDecode {

  private ClientDecode() {}

  /**
   * Decodes a 2xx answer the way the client does.
   *
   * @param mapper a mapper from {@code ModelJson.newMapper()}
   * @param body the response body
   * @param type the result model
   * @param <T> the result type
   * @return the bound result
   * @throws IOException when the body is not the API's JSON
   */
  public static <T> T decode(ObjectMapper mapper, byte[] body, Class<T> type) throws IOException {
    JsonNode root = body.length == 0 ? null : mapper.readTree(body);
    if (root == null || !root.isObject()) {
      throw new IOException("expected a JSON object");
    }
    JsonNode status = root.get("status");
    if (status == null || !"OK".equals(status.asText())) {
      throw new IOException("status is not OK: " + status);
    }
    JsonNode node = root.get("result");
    if (node == null || node.isNull()) {
      throw new IOException("no result");
    }
    return mapper.treeToValue(node, type);
  }

  /**
   * Decodes a 2xx answer in one binding pass: the envelope is bound as {@code ApiResponse<T>}
   * directly instead of {@code readTree} then {@code treeToValue}. The prototype of the change
   * measured against {@link #decode}.
   *
   * @param mapper a mapper from {@code ModelJson.newMapper()}
   * @param body the response body
   * @param envelope the JavaType of {@code ApiResponse<T>}, see {@link #envelopeOf}
   * @param <T> the result type
   * @return the bound result
   * @throws IOException when the body is not the API's JSON or not an OK answer with a result
   */
  public static <T> T decodeOnePass(ObjectMapper mapper, byte[] body, JavaType envelope)
      throws IOException {
    if (body.length == 0) {
      throw new IOException("expected a JSON object");
    }
    ApiResponse<T> response = mapper.readValue(body, envelope);
    if (response == null || !ApiResponseStatus.OK.equals(response.status())) {
      throw new IOException("status is not OK: " + (response == null ? null : response.status()));
    }
    if (response.result() == null) {
      throw new IOException("no result");
    }
    return response.result();
  }

  /**
   * The JavaType of the envelope {@code ApiResponse<T>} for {@link #decodeOnePass}.
   *
   * @param mapper the mapper
   * @param type the result model
   * @return {@code ApiResponse<type>}
   */
  public static JavaType envelopeOf(ObjectMapper mapper, Class<?> type) {
    return mapper.getTypeFactory().constructParametricType(ApiResponse.class, type);
  }
}
