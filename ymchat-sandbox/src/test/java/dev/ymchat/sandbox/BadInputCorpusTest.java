package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A data-driven corpus of malformed requests (corpus/bad-requests.tsv): every one is answered with
 * the expected 4xx in the error envelope, and the server stays healthy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static SandboxServer sandbox;
  private static SandboxHttp http;
  private static long chat;
  private static long message;
  private static String chatsToken;
  private static long direct;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    http = new SandboxHttp(sandbox.baseUrl());
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Corpus");
    chat = http.openOrderChat(B, SandboxDemo.ALL_METHODS_KEY, order);
    message = sandbox.market().buyerWrites(B, chat, "corpus message");
    direct = sandbox.market().buyerOpensDirectChat(B, "direct");
    chatsToken =
        http.postJson("/v2/businesses/" + B + "/chats?limit=1", SandboxDemo.ALL_METHODS_KEY, "{}")
            .result()
            .at("/paging/nextPageToken")
            .asText();
  }

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/corpus/bad-requests.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          throw new IllegalStateException("corpus line needs 6 tab-separated fields: " + line);
        }
        cases.add(Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5]));
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    return cases.stream();
  }

  private static String expand(String text) {
    return text.replace("{B}", Long.toString(B))
        .replace("{C}", Long.toString(chat))
        .replace("{M}", Long.toString(message))
        .replace("<LONGTOKEN>", "A".repeat(600))
        .replace("<CHATS_TOKEN>", chatsToken)
        .replace("{DIRECT}", Long.toString(direct));
  }

  private static byte[] body(String spec) {
    switch (spec) {
      case "-":
      case "<EMPTY>":
        return new byte[0];
      case "<INVALID_UTF8>":
        return new byte[] {
          '{', '"', 'o', 'r', 'd', 'e', 'r', 'I', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'
        };
      case "<DEEP>":
        return ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
      case "<BIG>":
        return ("{\"message\":\"" + "x".repeat(600 * 1024) + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
      default:
        return spec.replace("<4097>", "ы".repeat(4097))
            .replace("<300CHARS>", "я".repeat(300))
            .replace("<CRLF>", "\r\n")
            .replace("<RAWNL>", "\n")
            .getBytes(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedRequest_isAnswered4xxInTheEnvelope(
      String name, String method, String path, String contentType, String body, String expected) {
    HttpRequest.Builder request =
        http.request(expand(path)).header("Api-Key", SandboxDemo.ALL_METHODS_KEY);
    if (!name.equals("admin-no-token")) {
      request.header("X-Sandbox-Admin-Token", sandbox.adminToken());
    }
    if (!contentType.equals("-")) {
      request.header("Content-Type", contentType);
    }
    byte[] bytes = body(body);
    request.method(
        method,
        bytes.length == 0 && method.equals("GET")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(bytes));
    SandboxHttp.Response r = http.send(request.build());

    if (expected.equals("4xx")) {
      assertThat(r.status()).as(name + ": " + r.text()).isBetween(400, 499);
    } else {
      assertThat(r.status()).as(name + ": " + r.text()).isEqualTo(Integer.parseInt(expected));
    }
    JsonNode json = r.json();
    assertThat(json.get("status").asText()).isEqualTo("ERROR");
    assertThat(json.at("/errors/0/code").asText()).isNotBlank();
    assertThat(json.at("/errors/0/message").asText()).isNotBlank();
  }

  static Stream<Arguments> rawRequests() {
    String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
    String key = "Api-Key: " + SandboxDemo.ALL_METHODS_KEY + "\r\n";
    return Stream.of(
        Arguments.of("garbage request line", "GARBAGE\r\n\r\n"),
        Arguments.of("nul in request line", "GET /he\u0000alth HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of("two hosts", "GET /health HTTP/1.1\r\n" + host + "Host: other\r\n\r\n"),
        Arguments.of(
            "bad percent escape",
            "GET /v2/businesses/%zz/chat?chatId=1 HTTP/1.1\r\n" + host + "\r\n"),
        Arguments.of(
            "bad percent in query",
            "GET /v2/businesses/1001/chat?chatId=%zz HTTP/1.1\r\n" + host + key + "\r\n"),
        Arguments.of(
            "lone percent in query",
            "GET /v2/businesses/1001/chat?chatId=% HTTP/1.1\r\n" + host + key + "\r\n"),
        Arguments.of(
            "truncated UTF-8 in query",
            "POST /v2/businesses/1001/chats?limit=%E0%A4%A HTTP/1.1\r\n"
                + host
                + key
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
        Arguments.of(
            "bad percent in token",
            "POST /v2/businesses/1001/chats?pageToken=%G1 HTTP/1.1\r\n"
                + host
                + key
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
        Arguments.of(
            "truncated UTF-8 in path",
            "POST /v2/businesses/%E0%A4%A/chats HTTP/1.1\r\n"
                + host
                + key
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
        Arguments.of(
            "huge header",
            "GET /v2/businesses/1001/chat?chatId=1 HTTP/1.1\r\n"
                + host
                + "X-Big: "
                + "a".repeat(20_000)
                + "\r\n\r\n"),
        Arguments.of(
            "bad content length",
            "POST /v2/businesses/1001/chats HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n"),
        Arguments.of(
            "header without colon", "GET /health HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n"));
  }

  @Test
  void unknownHttpVersion_isAnswered505InTheEnvelope() throws IOException {
    // Jetty's protocol-level answer; the only 5xx input can reach, and it is not a failure of the
    // sandbox.
    String text = raw("GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(text).startsWith("HTTP/1.1 505 ").contains("HTTP_VERSION_NOT_SUPPORTED");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawRequests")
  void malformedHttp_isAnswered4xxInTheEnvelope(String name, String raw) throws IOException {
    String text = raw(raw);
    assertThat(text).as(name).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
    assertThat(text).as(name).contains("\"status\":\"ERROR\"");
  }

  private static String raw(String raw) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      int n;
      try {
        while ((n = in.read(buffer)) > 0) {
          response.write(buffer, 0, n);
          if (response.toString(StandardCharsets.ISO_8859_1).contains("\"errors\"")
              && response.toString(StandardCharsets.ISO_8859_1).endsWith("}")) {
            break;
          }
        }
      } catch (java.net.SocketException e) {
        // the server may close right after answering
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void serverIsStillHealthyAfterTheCorpus() {
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    SandboxHttp.Response ok =
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chat,
            SandboxDemo.ALL_METHODS_KEY,
            "{\"message\":\"still fine\"}");
    assertThat(ok.status()).isEqualTo(200);
  }
}
