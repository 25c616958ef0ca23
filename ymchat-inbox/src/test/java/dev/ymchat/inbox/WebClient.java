package dev.ymchat.inbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that signs in like a browser; for tests. */
final class WebClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  final String base;
  final HttpClient http;
  String csrf;

  WebClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    if (csrf != null) {
      all.putIfAbsent("_csrf", csrf);
    }
    String body =
        all.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Posts a multipart form with one file, as the reply form does (the CSRF token as a header). */
  HttpResponse<String> postFile(String path, String text, String fileName, byte[] content) {
    String boundary = "----ymchat" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
                + text
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    body.writeBytes(head);
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("X-CSRF-Token", csrf)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /** Signs in; returns the answer of the login POST. */
  HttpResponse<String> login(String login, String password) {
    HttpResponse<String> page = get("/login");
    csrf = csrfOf(page.body());
    HttpResponse<String> r = post("/login", Map.of("login", login, "password", password));
    if (r.statusCode() == 302 || r.statusCode() == 303) {
      csrf = csrfOf(get("/").body());
    }
    return r;
  }

  static String csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    return m.find() ? m.group(1) : null;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
