package dev.ymchat.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny HTTP helper for tests: java.net.http against the sandbox on loopback. */
final class SandboxHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;

  SandboxHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** An answer: status, headers and body. */
  record Response(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + text(), e);
      }
    }

    JsonNode result() {
      return json().get("result");
    }

    String errorCode() {
      return json().path("errors").path(0).path("code").asText();
    }

    String errorMessage() {
      return json().path("errors").path(0).path("message").asText();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  /**
   * Opens a chat about an order through createChat (V2 path) and returns its id.
   *
   * @param businessId the business
   * @param apiKey a key allowed to write
   * @param orderId the order, e.g. from {@code market().createOrder(…)}
   * @return the chat id the sandbox answered
   */
  long openOrderChat(long businessId, String apiKey, long orderId) {
    return postJson(
            "/v2/businesses/" + businessId + "/chats/new",
            apiKey,
            "{\"context\":{\"type\":\"ORDER\",\"id\":" + orderId + "}}")
        .result()
        .get("chatId")
        .asLong();
  }

  Response postJson(String path, String apiKey, String json) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (apiKey != null) {
      b.header("Api-Key", apiKey);
    }
    return send(b.build());
  }

  Response get(String path, String apiKey) {
    HttpRequest.Builder b = request(path).GET();
    if (apiKey != null) {
      b.header("Api-Key", apiKey);
    }
    return send(b.build());
  }

  Response admin(String path, String adminToken, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("X-Sandbox-Admin-Token", adminToken)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  Response sendFile(
      String path, String apiKey, String fileName, String contentType, byte[] content) {
    String boundary = "----ymchat-test-boundary-7d2f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + contentType
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path)
            .header("Api-Key", apiKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
