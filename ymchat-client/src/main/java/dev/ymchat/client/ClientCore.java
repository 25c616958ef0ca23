package dev.ymchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.internal.Download;
import dev.ymchat.client.internal.ErrorMapper;
import dev.ymchat.client.internal.Futures;
import dev.ymchat.client.internal.HttpCall;
import dev.ymchat.client.internal.HttpResult;
import dev.ymchat.client.internal.LogUrls;
import dev.ymchat.client.internal.Transport;
import dev.ymchat.client.internal.wire.ApiResponse;
import dev.ymchat.client.internal.wire.ApiResponseStatus;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.ModelJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine under {@link ChatsClient} and {@link RawChatsClient}: runs a {@link Call} of the
 * {@link Operations} table through the transport, on the caller's thread ({@link #execute}) or
 * without blocking ({@link #executeAsync}), and decodes the answer.
 */
final class ClientCore {

  final URI baseUri;
  final Transport transport;
  private final long maxDownloadSize;
  private final Duration downloadTimeout;
  final Duration requestTimeout;
  final RetryPolicy retryPolicy;
  final String description;
  final Operations ops;
  private final ObjectMapper mapper = ModelJson.newMapper();
  private final Map<Class<?>, ObjectReader> envelopeReaders = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  ClientCore(
      URI baseUri,
      PathStyle pathStyle,
      Transport transport,
      long maxDownloadSize,
      Duration downloadTimeout,
      Duration requestTimeout,
      RetryPolicy retryPolicy,
      String description) {
    this.baseUri = baseUri;
    this.transport = transport;
    this.maxDownloadSize = maxDownloadSize;
    this.downloadTimeout = downloadTimeout;
    this.requestTimeout = requestTimeout;
    this.retryPolicy = retryPolicy;
    this.description = description;
    this.ops = new Operations(baseUri, pathStyle, mapper, this);
  }

  void close() {
    closed.set(true);
  }

  /**
   * Runs a call on this thread.
   *
   * @throws dev.ymchat.client.error.YmChatException when it fails
   */
  <W, T> ApiResult<T> execute(RequestOptions options, Call<W, T> call) {
    HttpResult answer = transport.execute(httpCall(options, call));
    return call.finish().apply(decode(call.operation(), answer, call.wireType()), options);
  }

  /** Runs a call without blocking; failures complete the future. */
  <W, T> CompletableFuture<ApiResult<T>> executeAsync(RequestOptions options, Call<W, T> call) {
    HttpCall http = httpCall(options, call);
    return Futures.guard(() -> transport.executeAsync(http))
        .thenApply(
            answer ->
                call.finish().apply(decode(call.operation(), answer, call.wireType()), options));
  }

  private HttpCall httpCall(RequestOptions options, Call<?, ?> call) {
    ensureOpen();
    return HttpCall.of(
        call.operation(),
        call.businessId(),
        call.method(),
        call.uri(),
        call.body(),
        options.timeout().orElse(requestTimeout),
        maxAttempts(options));
  }

  private static Integer maxAttempts(RequestOptions options) {
    return options.maxAttempts().isPresent() ? options.maxAttempts().getAsInt() : null;
  }

  // ---- downloads ----

  InputStream openDownload(RequestOptions options, MessagePayload file) {
    ensureOpen();
    if (file == null || file.url() == null || file.url().isBlank()) {
      throw new IllegalArgumentException(
          "file must be a message payload with a url, got "
              + (file == null ? "null" : "a payload without a url"));
    }
    URI uri;
    try {
      uri = baseUri.resolve(new URI(file.url().trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "file url is not a valid URI: " + LogUrls.mask(file.url()), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "file url must be an http(s) URL, got " + LogUrls.mask(uri));
    }
    // a download is a call through the same chain (retries, logging, the origin check); the
    // stream it answers with is read by the caller, so a failure in the body is not retried
    HttpCall call =
        HttpCall.download(
            uri,
            options.timeout().orElse(requestTimeout),
            maxAttempts(options),
            Download.start(file.size(), maxDownloadSize, downloadTimeout));
    return transport.execute(call).stream();
  }

  void download(RequestOptions options, MessagePayload file, Path target) {
    Objects.requireNonNull(target, "target");
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try (InputStream in = openDownload(options, file)) {
      temp = Files.createTempFile(dir, ".ymchat-download", ".part");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new TransportException(
          "download of "
              + file.name()
              + " to "
              + target
              + " failed ("
              + e
              + "); check the disk and retry.",
          TransportException.Outcome.UNKNOWN,
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the download's own failure is the one to report
        }
      }
    }
  }

  private <T> ApiResult<T> decode(ApiOperation operation, HttpResult result, Class<T> type) {
    if (type != Void.class) {
      T value = bindEnvelope(result.body(), type);
      if (value != null) {
        return new ApiResult<>(value, result.statusCode(), result.headers());
      }
    }
    return decodeThroughTree(operation, result, type);
  }

  /**
   * The usual answer, {@code {"status":"OK","result":{…}}}, bound to the result model in one pass.
   *
   * @return the result, or {@code null} for any other answer: {@link #decodeThroughTree} then reads
   *     it again to say exactly what is wrong with it
   */
  private <T> T bindEnvelope(byte[] body, Class<T> type) {
    if (body.length == 0) {
      return null;
    }
    ObjectReader reader =
        envelopeReaders.computeIfAbsent(
            type,
            t ->
                mapper.readerFor(
                    mapper.getTypeFactory().constructParametricType(ApiResponse.class, t)));
    try {
      ApiResponse<?> envelope = reader.readValue(body);
      if (envelope == null || !ApiResponseStatus.OK.equals(envelope.status())) {
        return null;
      }
      return type.cast(envelope.result());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Decodes an answer through a tree: the path of answers without a result, and the diagnosis of
   * the answers {@link #bindEnvelope} could not bind.
   */
  private <T> ApiResult<T> decodeThroughTree(
      ApiOperation operation, HttpResult result, Class<T> type) {
    String op = operation.operationId();
    JsonNode root;
    try {
      root = result.body().length == 0 ? null : mapper.readTree(result.body());
    } catch (IOException e) {
      throw ErrorMapper.invalid(
          op, result.statusCode(), result.headers(), result.body(), "not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw ErrorMapper.invalid(
          op, result.statusCode(), result.headers(), result.body(), "expected a JSON object", null);
    }
    JsonNode status = root.get("status");
    if (status == null || !"OK".equals(status.asText())) {
      throw ErrorMapper.invalid(
          op,
          result.statusCode(),
          result.headers(),
          result.body(),
          "status is " + (status == null ? "missing" : status.toString()) + ", expected \"OK\"",
          null);
    }
    T value = null;
    if (type != Void.class) {
      JsonNode node = root.get("result");
      if (node == null || node.isNull()) {
        throw ErrorMapper.invalid(
            op, result.statusCode(), result.headers(), result.body(), "no result", null);
      }
      try {
        value = mapper.treeToValue(node, type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw ErrorMapper.invalid(
            op,
            result.statusCode(),
            result.headers(),
            result.body(),
            "the result does not match "
                + type.getSimpleName()
                + ": "
                + ErrorMapper.truncate(String.valueOf(e.getMessage()), 300),
            e);
      }
    }
    return new ApiResult<>(value, result.statusCode(), result.headers());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this ChatsClient is closed; build a new one");
    }
  }
}
