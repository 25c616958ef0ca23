package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
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
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing of the sandbox's request handlers over HTTP: random JSON bodies, query strings and
 * headers sent to every API path of an in-process sandbox. Every answer is below 500 and in the
 * API's envelope, and the sandbox still answers correctly afterwards. (The fixed corpus of
 * known-bad requests is {@code BadInputCorpusTest}; this explores around it.)
 *
 * <p>Each try is one seed of a {@link SplittableRandom}: the seeds come from a fixed base ({@code
 * -Dymchat.fuzz.base=N} picks another series), a failure names its seed, and {@code
 * -Dymchat.fuzz.seed=N} runs that one try alone.
 */
class RequestHandlerFuzzTest {

  /** The seed of the series of tries; the same base gives the same requests. */
  private static final long BASE = Long.getLong("ymchat.fuzz.base", 0x7E57_F022L);

  /** When set, only this try runs (the seed a failure printed). */
  private static final Long ONLY = Long.getLong("ymchat.fuzz.seed");

  private static final AtomicInteger SUCCESSES = new AtomicInteger();
  private static final AtomicInteger REFUSALS = new AtomicInteger();

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
    /** The request without the values of credential headers: the seed reproduces them. */
    @Override
    public String toString() {
      Map<String, String> shown = new LinkedHashMap<>();
      headers.forEach(
          (name, value) ->
              shown.put(
                  name,
                  name.equals("Api-Key")
                          || name.equals("Authorization")
                          || name.equals("X-Sandbox-Admin-Token")
                      ? "***"
                      : value));
      return method
          + " "
          + path
          + " "
          + query
          + " "
          + shown
          + " body="
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  @BeforeAll
  static void start() {
    sandbox = SandboxExtension.start(b -> {});
    order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Fuzz");
    chat = sandbox.market().buyerOpensDirectChat(B, "fuzz chat");
    message = sandbox.market().buyerWrites(B, chat, "fuzz message");
    sandbox.market().createReturn(B, order);
  }

  /** After all tries the sandbox still serves a well-formed request, and both kinds were seen. */
  @AfterAll
  static void stop() throws Exception {
    try {
      if (sandbox != null) {
        sandboxStillHealthy();
        if (ONLY == null && SUCCESSES.get() + REFUSALS.get() >= 100) {
          // the generator reaches the handlers' success paths as well as their refusals
          assertThat(SUCCESSES.get()).as("2xx answers").isPositive();
          assertThat(REFUSALS.get()).as("4xx answers").isPositive();
        }
      }
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  static LongStream seeds() {
    return seeds(300);
  }

  static LongStream longSeeds() {
    return seeds(5_000);
  }

  private static LongStream seeds(int tries) {
    if (ONLY != null) {
      return LongStream.of(ONLY);
    }
    SplittableRandom series = new SplittableRandom(BASE);
    return LongStream.generate(series::nextLong).limit(tries);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomRequests_neverGetA5xxAndAlwaysTheEnvelope(long seed) throws Exception {
    tryOnce(seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("longSeeds")
  @Tag("long")
  void randomRequests_neverGetA5xxAndAlwaysTheEnvelope_long(long seed) throws Exception {
    tryOnce(seed);
  }

  private static void tryOnce(long seed) throws Exception {
    Call call = call(new SplittableRandom(seed));
    try {
      check(call);
    } catch (AssertionError | IOException | RuntimeException e) {
      throw new AssertionError(
          "Failed for seed "
              + seed
              + "; run this try alone with -Dymchat.fuzz.seed="
              + seed
              + " -Dtest=RequestHandlerFuzzTest\n  request: "
              + call
              + "\n  failure: "
              + e.getMessage(),
          e);
    }
  }

  private static void sandboxStillHealthy() throws Exception {
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
      SUCCESSES.incrementAndGet();
    } else {
      assertThat(envelopeStatus).as(text).isEqualTo("ERROR");
      assertThat(body.get("errors")).as(text).isNotEmpty();
      for (JsonNode e : body.get("errors")) {
        assertThat(e.path("code").asText()).as(text).isNotBlank();
        assertThat(e.path("message").asText()).as(text).isNotBlank();
      }
      REFUSALS.incrementAndGet();
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

  /** One try: half fully random requests, half valid ones with one part made random. */
  static Call call(SplittableRandom r) {
    return r.nextBoolean() ? randomCall(r) : nearlyValid(r);
  }

  private static Call randomCall(SplittableRandom r) {
    String[] endpoint =
        pick(
            r,
            new String[] {"POST", "/chats/new"},
            new String[] {"POST", "/chats"},
            new String[] {"POST", "/chats/history"},
            new String[] {"POST", "/chats/message"},
            new String[] {"POST", "/chats/file/send"},
            new String[] {"GET", "/chat"},
            new String[] {"GET", "/chats/message"},
            new String[] {"PUT", "/chats"},
            new String[] {"DELETE", "/chat"});
    String prefix = pick(r, "/v2/businesses/", "/businesses/");
    String business =
        pick(
            r,
            Long.toString(B),
            Long.toString(B),
            "1002",
            "0",
            "-1",
            "abc",
            "99999999999999999999",
            "1001.0");
    Map<String, String> query = query(r);
    Map<String, String> headers = headers(r);
    int kind = r.nextInt(10);
    byte[] body =
        kind < 8
            ? bytes(randomBody(r).toString())
            : kind == 8 ? bytes(randomString(r, 30)) : randomBytes(r, 30);
    return new Call(endpoint[0], prefix + business + endpoint[1], query, headers, body);
  }

  /**
   * A string of up to {@code max} characters drawn from the classes that break parsers: ASCII,
   * controls, quotes and braces, Latin-1, Cyrillic, emoji (surrogate pairs), lone surrogates and
   * the rest of the BMP.
   */
  static String randomString(SplittableRandom r, int max) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(max + 1); n > 0; n--) {
      switch (r.nextInt(8)) {
        case 0 -> s.append((char) (0x20 + r.nextInt(0x5F)));
        case 1 -> s.append((char) (r.nextBoolean() ? r.nextInt(0x20) : 0x7F));
        case 2 -> s.append(pick(r, "\"", "\\", "{", "}", "[", "]", ":", ",", "%", "&", "="));
        case 3 -> s.append((char) (0xA0 + r.nextInt(0x60)));
        case 4 -> s.append((char) (0x0400 + r.nextInt(0x100)));
        case 5 -> s.appendCodePoint(0x1F600 + r.nextInt(0x50));
        case 6 -> s.append((char) (0xD800 + r.nextInt(0x800)));
        default -> s.append((char) r.nextInt(0x10000));
      }
    }
    return s.toString();
  }

  private static byte[] randomBytes(SplittableRandom r, int max) {
    byte[] bytes = new byte[r.nextInt(max + 1)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) r.nextInt(256);
    }
    return bytes;
  }

  private static Call nearlyValid(SplittableRandom r) {
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

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... values) {
    return values[r.nextInt(values.length)];
  }

  private static Map<String, String> query(SplittableRandom r) {
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

  private static Map<String, String> headers(SplittableRandom r) {
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
  static JsonNode randomBody(SplittableRandom r) {
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

  private static JsonNode randomValue(SplittableRandom r, int depth) {
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
