package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.sandbox.SandboxDemo;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.TestSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the sandbox's request handlers over HTTP: random JSON bodies, query
 * strings and headers sent to every API path of an in-process sandbox. Every answer is below 500
 * and in the API's envelope, and the sandbox still answers correctly afterwards. (The fixed corpus
 * of known-bad requests is {@code BadInputCorpusTest}; this explores around it.)
 */
class RequestHandlerFuzzTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final String[] KEYS = {
    SandboxDemo.ALL_METHODS_KEY,
    SandboxDemo.ALL_METHODS_KEY,
    SandboxDemo.READ_ONLY_KEY,
    SandboxDemo.COMMUNICATION_KEY,
    SandboxDemo.OTHER_BUSINESS_KEY,
    "wrong-key",
    "",
    "Bearer x"
  };

  private static SandboxServer sandbox;
  private static long chat;
  private static long message;
  private static long order;

  /** One generated request. */
  record Call(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " "
          + query
          + " "
          + headers
          + " body="
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  @BeforeContainer
  static void start() {
    sandbox = TestSandbox.startDemo();
    order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Fuzz");
    chat = sandbox.market().buyerOpensDirectChat(B, "fuzz chat");
    message = sandbox.market().buyerWrites(B, chat, "fuzz message");
    sandbox.market().createReturn(B, order);
  }

  @AfterContainer
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Property(tries = 300)
  void randomRequests_neverGetA5xxAndAlwaysTheEnvelope(@ForAll("calls") Call call)
      throws Exception {
    check(call);
    Statistics.coverage(
        c -> {
          c.check("2xx").count(n -> n > 0);
          c.check("4xx").count(n -> n > 0);
        });
  }

  @Property(tries = 5_000)
  @Tag("long")
  void randomRequests_neverGetA5xxAndAlwaysTheEnvelope_long(@ForAll("calls") Call call)
      throws Exception {
    check(call);
  }

  /** After each property the sandbox still serves a well-formed request. */
  @AfterProperty
  void sandboxStillHealthy() throws Exception {
    HttpResponse<String> health =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> read =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/v2/businesses/" + B + "/chat?chatId=" + chat))
                .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).at("/result/chatId").asLong()).isEqualTo(chat);
  }

  private static void check(Call call) throws IOException, InterruptedException {
    StringBuilder uri = new StringBuilder(sandbox.baseUrl()).append(call.path());
    char sep = '?';
    for (Map.Entry<String, String> q : call.query().entrySet()) {
      uri.append(sep)
          .append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(Duration.ofSeconds(30))
            .method(
                call.method(),
                call.method().equals("GET") && call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(request::header);
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    String text = new String(response.body(), StandardCharsets.UTF_8);
    int status = response.statusCode();
    assertThat(status).as("status for %s: %s", call, text).isBetween(200, 499);
    JsonNode body = JSON.readTree(text);
    assertThat(body).as("JSON envelope for %s", call).isNotNull();
    String envelopeStatus = body.path("status").asText();
    if (status < 300) {
      assertThat(envelopeStatus).as(text).isEqualTo("OK");
      Statistics.collect("2xx");
    } else {
      assertThat(envelopeStatus).as(text).isEqualTo("ERROR");
      assertThat(body.get("errors")).as(text).isNotEmpty();
      for (JsonNode e : body.get("errors")) {
        assertThat(e.path("code").asText()).as(text).isNotBlank();
        assertThat(e.path("message").asText()).as(text).isNotBlank();
      }
      Statistics.collect("4xx");
    }
    // the answer never echoes a credential
    for (String key : KEYS) {
      if (key.length() > 8) {
        assertThat(text).doesNotContain(key);
      }
    }
    assertThat(text)
        .doesNotContain(SandboxDemo.OAUTH_TOKEN)
        .doesNotContain(SandboxDemo.ADMIN_TOKEN);
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String[]> endpoint =
        Arbitraries.of(
            new String[] {"POST", "/chats/new"},
            new String[] {"POST", "/chats"},
            new String[] {"POST", "/chats/history"},
            new String[] {"POST", "/chats/message"},
            new String[] {"POST", "/chats/file/send"},
            new String[] {"GET", "/chat"},
            new String[] {"GET", "/chats/message"},
            new String[] {"PUT", "/chats"},
            new String[] {"DELETE", "/chat"});
    Arbitrary<String> prefix = Arbitraries.of("/v2/businesses/", "/businesses/");
    Arbitrary<String> business =
        Arbitraries.of(
            Long.toString(B),
            Long.toString(B),
            "1002",
            "0",
            "-1",
            "abc",
            "99999999999999999999",
            "1001.0");
    Arbitrary<Map<String, String>> query = Arbitraries.randomValue(RequestHandlerFuzzTest::query);
    Arbitrary<Map<String, String>> headers =
        Arbitraries.randomValue(RequestHandlerFuzzTest::headers);
    Arbitrary<byte[]> body =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8, Arbitraries.randomValue(r -> bytes(randomBody(r).toString()))),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.strings().ofMaxLength(30).map(RequestHandlerFuzzTest::bytes)),
            net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(30)));
    Arbitrary<Call> random =
        Combinators.combine(endpoint, prefix, business, query, headers, body)
            .as((e, p, b, q, h, bd) -> new Call(e[0], p + b + e[1], q, h, bd));
    // valid requests with at most one part made random, so the handlers' deeper paths are reached
    // too
    Arbitrary<Call> nearlyValid = Arbitraries.randomValue(RequestHandlerFuzzTest::nearlyValid);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(1, nearlyValid));
  }

  private static Call nearlyValid(Random r) {
    String prefix = r.nextBoolean() ? "/v2/businesses/" + B : "/businesses/" + B;
    Map<String, String> q = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Api-Key", SandboxDemo.ALL_METHODS_KEY);
    h.put("Content-Type", "application/json");
    String method = "POST";
    String path;
    String body;
    switch (r.nextInt(6)) {
      case 0 -> {
        path = "/chats";
        q.put("limit", Integer.toString(1 + r.nextInt(20)));
        body =
            pick(
                r,
                "{}",
                "{\"types\":[\"CHAT\"]}",
                "{\"contextTypes\":[\"DIRECT\",\"ORDER\"]}",
                "{\"statuses\":[\"NEW\"]}");
      }
      case 1 -> {
        path = "/chats/history";
        q.put("chatId", Long.toString(chat));
        q.put("limit", Integer.toString(1 + r.nextInt(100)));
        body = r.nextBoolean() ? "{}" : "{\"messageIdFrom\":" + message + "}";
      }
      case 2 -> {
        path = "/chats/message";
        q.put("chatId", Long.toString(chat));
        body = "{\"message\":\"fuzz " + r.nextInt(1000) + "\"}";
      }
      case 3 -> {
        method = "GET";
        path = "/chat";
        q.put("chatId", Long.toString(chat));
        body = "";
      }
      case 4 -> {
        method = "GET";
        path = "/chats/message";
        q.put("chatId", Long.toString(chat));
        q.put("messageId", Long.toString(message));
        body = "";
      }
      default -> {
        path = "/chats/new";
        body = "{\"context\":{\"type\":\"ORDER\",\"id\":" + order + "}}";
      }
    }
    switch (r.nextInt(6)) {
      case 0 -> body = randomBody(r).toString();
      case 1 -> q.putAll(query(r));
      case 2 -> h.putAll(headers(r));
      default -> {}
    }
    return new Call(method, prefix + path, q, h, bytes(body));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(Random r, String... values) {
    return values[r.nextInt(values.length)];
  }

  private static Map<String, String> query(Random r) {
    Map<String, String> q = new LinkedHashMap<>();
    String[] ids = {
      Long.toString(chat),
      Long.toString(chat),
      Long.toString(message),
      "0",
      "-5",
      "x",
      "",
      "9223372036854775807",
      "9223372036854775808",
      "1e3",
      " 1",
      "１２"
    };
    if (r.nextInt(4) > 0) {
      q.put("chatId", pick(r, ids));
    }
    if (r.nextBoolean()) {
      q.put("messageId", pick(r, ids));
    }
    if (r.nextBoolean()) {
      q.put("limit", pick(r, "1", "20", "21", "100", "101", "0", "-1", "abc", "", "2147483648"));
    }
    if (r.nextInt(3) == 0) {
      q.put(
          pick(r, "pageToken", "page_token"),
          pick(
              r,
              "",
              "abc",
              "djEuY2hhdHMuMTAwMS4xMDAuYWJj",
              "!!!",
              "eyJ9",
              "v1.chats.1001.5.0",
              "a".repeat(500)));
    }
    if (r.nextInt(5) == 0) {
      q.put(pick(r, "unknown", "chatid", "LIMIT", "x"), pick(r, "1", "", "\u0000", "☃"));
    }
    return q;
  }

  private static Map<String, String> headers(Random r) {
    Map<String, String> h = new LinkedHashMap<>();
    switch (r.nextInt(5)) {
      case 0 -> {}
      case 1 ->
          h.put(
              "Authorization",
              pick(
                  r,
                  "Bearer " + SandboxDemo.OAUTH_TOKEN,
                  "Bearer",
                  "Bearer ",
                  "OAuth oauth_token=" + SandboxDemo.OAUTH_TOKEN,
                  "Basic abc",
                  "OAuth",
                  "bearer x"));
      default -> {
        String key = pick(r, KEYS);
        h.put("Api-Key", key.isEmpty() ? " " : key);
      }
    }
    if (r.nextInt(4) > 0) {
      h.put(
          "Content-Type",
          pick(
              r,
              "application/json",
              "application/json; charset=utf-8",
              "application/json; charset=koi8-r",
              "text/plain",
              "multipart/form-data; boundary=abc",
              "multipart/form-data",
              "application/x-www-form-urlencoded",
              "*/*",
              "json"));
    }
    if (r.nextInt(6) == 0) {
      h.put(
          pick(r, "Accept", "X-Forwarded-For", "X-Sandbox-Admin-Token", "Accept-Charset"),
          pick(r, "*/*", "text/html", "1.2.3.4", "demo-admin-token", "utf-16"));
    }
    return h;
  }

  /**
   * A random JSON body, mostly objects with the API's field names and values around their limits.
   */
  static JsonNode randomBody(Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (r.nextInt(8) == 0) {
      return randomValue(r, 0);
    }
    ObjectNode root = f.objectNode();
    String[] fields = {
      "context",
      "orderId",
      "message",
      "messageIdFrom",
      "contexts",
      "contextTypes",
      "types",
      "statuses",
      "orderIds",
      "x"
    };
    for (int i = r.nextInt(4); i >= 0; i--) {
      String field = pick(r, fields);
      switch (field) {
        case "context" -> {
          ObjectNode ctx = f.objectNode();
          if (r.nextInt(5) > 0) {
            ctx.set(
                "type",
                r.nextInt(4) > 0
                    ? f.textNode(pick(r, "ORDER", "RETURN", "DIRECT", "order", "", "NEW"))
                    : randomValue(r, 2));
          }
          if (r.nextInt(5) > 0) {
            ctx.set("id", randomValue(r, 2));
          }
          root.set(field, r.nextInt(6) > 0 ? ctx : randomValue(r, 1));
        }
        case "message" ->
            root.set(
                field,
                r.nextInt(4) > 0
                    ? f.textNode(
                        pick(
                            r,
                            "hi",
                            "",
                            " ",
                            "x".repeat(4096),
                            "x".repeat(4097),
                            "😀".repeat(2049),
                            "\u0000",
                            "привет"))
                    : randomValue(r, 1));
        case "contexts", "contextTypes", "types", "statuses", "orderIds" -> {
          ArrayNode arr = f.arrayNode();
          for (int k = r.nextInt(3); k > 0; k--) {
            arr.add(
                r.nextBoolean()
                    ? f.textNode(pick(r, "ORDER", "CHAT", "ARBITRAGE", "NEW", "FINISHED", "BOGUS"))
                    : randomValue(r, 2));
          }
          root.set(field, r.nextInt(5) > 0 ? arr : randomValue(r, 1));
        }
        default -> root.set(field, randomValue(r, 1));
      }
    }
    return root;
  }

  private static JsonNode randomValue(Random r, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (depth > 3 ? r.nextInt(5) : r.nextInt(7)) {
      case 0:
        return f.nullNode();
      case 1:
        return f.booleanNode(r.nextBoolean());
      case 2:
        return f.numberNode(
            new long[] {0, 1, -1, chat, message, Long.MAX_VALUE, Long.MIN_VALUE}[r.nextInt(7)]);
      case 3:
        return r.nextBoolean()
            ? f.numberNode(1.5)
            : f.numberNode(new java.math.BigInteger("99999999999999999999"));
      case 4:
        return f.textNode(pick(r, "", "1", "ORDER", "abc", "\uFFFF", "null"));
      case 5:
        {
          ArrayNode arr = f.arrayNode();
          for (int i = r.nextInt(3); i > 0; i--) {
            arr.add(randomValue(r, depth + 1));
          }
          return arr;
        }
      default:
        {
          ObjectNode obj = f.objectNode();
          List<String> names = new ArrayList<>(List.of("type", "id", "x", "context", "message"));
          for (int i = r.nextInt(3); i > 0; i--) {
            obj.set(names.get(r.nextInt(names.size())), randomValue(r, depth + 1));
          }
          return obj;
        }
    }
  }
}
