package dev.ymchat.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ymchat.client.internal.wire.ApiResponse;
import dev.ymchat.client.internal.wire.ApiResponseStatus;
import dev.ymchat.client.model.ModelJson;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's answer decoding for the reference variants, mirrored because {@code
 * ClientCore.decode} is private: {@link #current()} binds the envelope {@code ApiResponse<T>} in
 * one pass with a mapper from {@code ModelJson.newMapper()} (whose dates skip the JDK formatter),
 * as the client does since 2026-11-26; {@link #previous()} is the decoding it replaced: {@code
 * readTree} of the whole body, then {@code treeToValue} of {@code result}, with the Java time
 * module's own date parsing.
 */
public final class ClientDecode {

  private final ObjectMapper mapper;
  private final boolean throughTree;
  private final Map<Class<?>, ObjectReader> envelopes = new ConcurrentHashMap<>();

  private ClientDecode(ObjectMapper mapper, boolean throughTree) {
    this.mapper = mapper;
    this.throughTree = throughTree;
  }

  /**
   * The client's decoding.
   *
   * @return a decoder doing what {@code ClientCore.decode} does with a usual answer
   */
  public static ClientDecode current() {
    return new ClientDecode(ModelJson.newMapper(), false);
  }

  /**
   * The client's decoding before the one-pass binding and the fast dates, for comparison.
   *
   * @return a decoder reading a tree first, with the Java time module's date parsing
   */
  public static ClientDecode previous() {
    ObjectMapper standard =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    return new ClientDecode(standard, true);
  }

  /**
   * Decodes a 2xx answer {@code {"status":"OK","result":…}}.
   *
   * @param body the response body
   * @param type the result model
   * @param <T> the result type
   * @return the bound result
   * @throws IOException when the body is not an OK answer with a result of that type
   */
  public <T> T decode(byte[] body, Class<T> type) throws IOException {
    if (body.length == 0) {
      throw new IOException("expected a JSON object");
    }
    if (throughTree) {
      JsonNode root = mapper.readTree(body);
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
    ObjectReader reader =
        envelopes.computeIfAbsent(
            type,
            t ->
                mapper.readerFor(
                    mapper.getTypeFactory().constructParametricType(ApiResponse.class, t)));
    ApiResponse<?> envelope = reader.readValue(body);
    if (envelope == null || !ApiResponseStatus.OK.equals(envelope.status())) {
      throw new IOException("status is not OK: " + (envelope == null ? null : envelope.status()));
    }
    if (envelope.result() == null) {
      throw new IOException("no result");
    }
    return type.cast(envelope.result());
  }
}
