package dev.ymchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The client's answer decoding, step for step as {@code ClientCore.decode} does it (that method is
 * private, so it is mirrored here): read the whole body into a tree, check {@code status}, then bind
 * {@code result} to the model with the same mapper configuration ({@code ModelJson.newMapper()}).
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
}
