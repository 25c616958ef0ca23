package dev.ymchat.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-based fuzzing of the client's response parsing on plain JUnit 5: a local stub on
 * 127.0.0.1 answers each call with a mutated copy of the spec's example answers, random JSON,
 * random bytes or a random string, under a random status and random headers. Whatever comes back,
 * the client either returns a complete value or throws one of its own {@link YmChatException}s;
 * never an NPE, a ClassCastException or a Jackson exception, and never a message holding the API
 * key.
 *
 * <p>Each try is one seed of a {@link SplittableRandom}; the seeds come from a fixed base seed, so
 * every run tries the same answers. A failure names its seed: {@code mvn -pl ymchat-client test
 * -Dtest=ResponseParsingFuzzTest -Dymchat.fuzz.seed=SEED} runs that try alone; {@code
 * -Dymchat.fuzz.baseSeed=N} draws another set of tries.
 */
class ResponseParsingFuzzTest {

  /** Runs only this seed when set. */
  static final String SEED_PROPERTY = "ymchat.fuzz.seed";

  /** Draws the tries' seeds from this base seed when set. */
  static final String BASE_SEED_PROPERTY = "ymchat.fuzz.baseSeed";

  private static final long DEFAULT_BASE_SEED = 20261126L;
  private static final int TRIES = 200;
  private static final int LONG_TRIES = 5_000;
  private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();

  private static final String KEY = "fuzz-secret-api-key-7f3a";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicReference<Answer> NEXT = new AtomicReference<>();
  private static final String[] GOLDEN = {
    "get-chats-response.json",
    "get-chats-response-last-page.json",
    "get-chats-response-seed-era.json",
    "get-chat-history-response.json",
    "get-chat-history-response-seed-era.json",
    "get-chat-response.json",
    "get-chat-message-response.json",
    "create-chat-response.json",
    "empty-api-response.json",
    "error-400.json",
    "error-420-hourly.json",
    "error-500.json"
  };
  private static final List<JsonNode> GOLDEN_TREES = new ArrayList<>();

  private static MockWebServer server;
  private static ChatsClient client;

  /** One canned answer of the stub. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    @Override
    public String toString() {
      return "Answer[status="
          + status
          + ", headers="
          + headers
          + ", body="
          + new String(body, StandardCharsets.UTF_8)
          + "]";
    }
  }

  @BeforeAll
  static void start() throws IOException {
    for (String name : GOLDEN) {
      try (InputStream in = ResponseParsingFuzzTest.class.getResourceAsStream("/golden/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource /golden/" + name);
        }
        GOLDEN_TREES.add(JSON.readTree(in));
      }
    }
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Answer answer = NEXT.get();
            MockResponse.Builder b = new MockResponse.Builder().code(answer.status());
            answer.headers().forEach(b::addHeaderLenient);
            if (answer.status() != 204 && answer.status() != 304) {
              b.body(new okio.Buffer().write(answer.body()));
            }
            return b.build();
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        ChatsClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getPort())
            .apiKey(KEY)
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    // the generators reach all three outcomes, so the suite cannot pass by only ever failing early
    if (System.getProperty(SEED_PROPERTY) == null && !OUTCOMES.isEmpty()) {
      assertThat(OUTCOMES.keySet())
          .as("outcomes over all tries: " + OUTCOMES)
          .contains("value", "invalid response", "other client exception");
    }
  }

  /** The seeds of the tries: one per try from the base seed, or only the one asked for. */
  static LongStream seeds() {
    return seeds(TRIES);
  }

  static LongStream longSeeds() {
    return seeds(LONG_TRIES);
  }

  private static LongStream seeds(int tries) {
    String only = System.getProperty(SEED_PROPERTY);
    if (only != null && !only.isBlank()) {
      return LongStream.of(Long.parseLong(only.trim()));
    }
    SplittableRandom base =
        new SplittableRandom(Long.getLong(BASE_SEED_PROPERTY, DEFAULT_BASE_SEED));
    return LongStream.generate(base::nextLong).limit(tries);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyAnswer_givesAValueOrTheClientsOwnException(long seed) {
    check(seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("longSeeds")
  @Tag("long")
  void anyAnswer_givesAValueOrTheClientsOwnException_long(long seed) {
    check(seed);
  }

  /** One try: the answer and the operation drawn from the seed. */
  private static void check(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Answer answer = answer(random);
    int operation = random.nextInt(OPERATIONS.size());
    String rerun = " (seed " + seed + "; rerun it alone with -D" + SEED_PROPERTY + "=" + seed + ")";
    NEXT.set(answer);
    String outcome = "value";
    try {
      OPERATIONS.get(operation).accept(client);
    } catch (YmChatException e) {
      outcome =
          e instanceof InvalidResponseException ? "invalid response" : "other client exception";
      assertThat(e.getMessage()).as("message" + rerun).doesNotContain(KEY);
      assertThat(String.valueOf(e)).as("toString" + rerun).doesNotContain(KEY);
    } catch (Throwable t) {
      throw new AssertionError(
          "operation " + operation + " leaked " + t + " for " + answer + rerun, t);
    }
    OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** The calls made against the stub; each touches every part of what it got back. */
  private static final List<Consumer<ChatsClient>> OPERATIONS =
      List.of(
          c -> {
            ChatsPage page = c.chats(1001);
            page.items().forEach(ResponseParsingFuzzTest::touch);
            page.nextPageToken().ifPresent(String::length);
            page.hasNextPage();
          },
          c -> {
            HistoryPage page = c.history(1001, 5);
            page.items().forEach(ResponseParsingFuzzTest::touch);
            String.valueOf(page.context());
            page.orderId();
            page.hasNextPage();
          },
          c -> touch(c.chat(1001, 5)),
          c -> touch(c.message(1001, 5, 7)),
          c -> assertThat(c.createChat(1001, ChatContext.order(9)).chatId()).isNotNull(),
          c -> c.sendMessage(1001, 5, "fuzz"));

  private static void touch(Chat chat) {
    assertThat(chat).isNotNull();
    String.valueOf(chat.context());
    String.valueOf(chat.status());
    String.valueOf(chat.type());
    chat.toString();
  }

  private static void touch(ChatMessage message) {
    assertThat(message).isNotNull();
    message.payload().forEach(p -> assertThat(p).isNotNull());
    message.toString();
  }

  private static final int[] OTHER_STATUSES = {
    201, 204, 299, 302, 304, 400, 401, 403, 404, 418, 420, 423, 429, 500, 502, 503, 599
  };

  /** An answer: status 200 in 12 of 15, body a mutated example in 10 of 16, as before. */
  static Answer answer(SplittableRandom r) {
    int status = r.nextInt(15) < 12 ? 200 : OTHER_STATUSES[r.nextInt(OTHER_STATUSES.length)];
    Map<String, String> headers = headers(r);
    int kind = r.nextInt(16);
    byte[] body;
    if (kind < 10) {
      body = bytes(mutatedGolden(r));
    } else if (kind < 13) {
      body = bytes(randomJson(r, 0).toString());
    } else if (kind < 15) {
      body = truncatedOrNoisy(r);
    } else {
      body = bytes(randomString(r, 40));
    }
    return new Answer(status, headers, body);
  }

  /**
   * A string of up to {@code maxLength} chars from all over Unicode: ASCII, control characters,
   * other BMP characters, surrogate pairs and lone surrogates; often empty or very short.
   */
  static String randomString(SplittableRandom r, int maxLength) {
    int length = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    while (s.length() < length) {
      switch (r.nextInt(6)) {
        case 0 -> s.append((char) r.nextInt(0x20));
        case 1, 2 -> s.append((char) (0x20 + r.nextInt(0x5f)));
        case 3 -> s.append((char) (0x80 + r.nextInt(0xD800 - 0x80)));
        case 4 -> s.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000 + 1));
        default -> s.append((char) (0xD800 + r.nextInt(0x800)));
      }
    }
    return s.length() > length ? s.substring(0, length) : s.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(SplittableRandom r) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    String[] types = {
      "application/json;charset=UTF-8",
      "application/json",
      "text/html",
      "text/plain;charset=koi8-r",
      "application/octet-stream",
      "application/json; charset=utf-16"
    };
    h.put("Content-Type", types[r.nextInt(types.length)]);
    String[] values = {
      "1000",
      "-1",
      "",
      "abc",
      "99999999999999999999",
      "Thu, 10 Jul 2018 00:42:42 GMT",
      "not a date",
      "Mon, 32 Foo 2018 99:99:99 GMT",
      "0"
    };
    if (r.nextBoolean()) {
      h.put("X-RateLimit-Resource-Limit", values[r.nextInt(values.length)]);
      h.put("X-RateLimit-Resource-Remaining", values[r.nextInt(values.length)]);
      h.put("X-RateLimit-Resource-Until", values[r.nextInt(values.length)]);
    }
    return h;
  }

  private static byte[] truncatedOrNoisy(SplittableRandom r) {
    byte[] golden = bytes(mutatedGolden(r));
    if (r.nextBoolean()) {
      return java.util.Arrays.copyOf(golden, r.nextInt(golden.length + 1));
    }
    byte[] noisy = golden.clone();
    for (int i = 0; i < 1 + r.nextInt(4); i++) {
      noisy[r.nextInt(noisy.length)] = (byte) r.nextInt(256);
    }
    return noisy;
  }

  /** A spec example with one to three random edits: fields dropped, nulled, retyped or replaced. */
  static String mutatedGolden(SplittableRandom r) {
    JsonNode root = GOLDEN_TREES.get(r.nextInt(GOLDEN_TREES.size())).deepCopy();
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits; i++) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode target = containers.get(r.nextInt(containers.size()));
      if (target instanceof ObjectNode obj && obj.size() > 0) {
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        String name = names.get(r.nextInt(names.size()));
        switch (r.nextInt(4)) {
          case 0 -> obj.remove(name);
          case 1 -> obj.putNull(name);
          default -> obj.set(name, randomJson(r, 2));
        }
      } else if (target instanceof ArrayNode arr && arr.size() > 0) {
        int index = r.nextInt(arr.size());
        switch (r.nextInt(4)) {
          case 0 -> arr.remove(index);
          case 1 -> arr.set(index, JsonNodeFactory.instance.nullNode());
          case 2 -> arr.add(arr.get(index).deepCopy());
          default -> arr.set(index, randomJson(r, 2));
        }
      }
    }
    return root.toString();
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  /** Random JSON, biased towards the API's own field names and value shapes. */
  static JsonNode randomJson(SplittableRandom r, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = depth > 3 ? r.nextInt(6) : r.nextInt(8);
    switch (kind) {
      case 0:
        return f.nullNode();
      case 1:
        return f.booleanNode(r.nextBoolean());
      case 2:
        {
          long[] numbers = {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE, 2345678, r.nextLong()};
          return f.numberNode(numbers[r.nextInt(numbers.length)]);
        }
      case 3:
        return r.nextBoolean()
            ? f.numberNode(r.nextDouble() * 1e20)
            : f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
      case 4:
      case 5:
        {
          String[] strings = {
            "",
            "OK",
            "ERROR",
            "ORDER",
            "DIRECT",
            "SOMETHING_NEW",
            "2017-11-21T00:00:00+03:00",
            "not-a-date",
            "12",
            "-5",
            "привет",
            "\u0000",
            "null",
            "true"
          };
          return f.textNode(strings[r.nextInt(strings.length)]);
        }
      case 6:
        {
          ArrayNode arr = f.arrayNode();
          for (int i = r.nextInt(4); i > 0; i--) {
            arr.add(randomJson(r, depth + 1));
          }
          return arr;
        }
      default:
        {
          ObjectNode obj = f.objectNode();
          String[] names = {
            "status",
            "result",
            "errors",
            "chats",
            "messages",
            "paging",
            "nextPageToken",
            "chatId",
            "messageId",
            "orderId",
            "context",
            "type",
            "status",
            "createdAt",
            "updatedAt",
            "sender",
            "message",
            "payload",
            "name",
            "url",
            "size",
            "customer",
            "code",
            "x"
          };
          for (int i = r.nextInt(5); i > 0; i--) {
            obj.set(names[r.nextInt(names.length)], randomJson(r, depth + 1));
          }
          return obj;
        }
    }
  }

  static {
    // fail early and clearly if the golden files are not on the class path
    if (ResponseParsingFuzzTest.class.getResource("/golden/get-chats-response.json") == null) {
      throw new UncheckedIOException(
          new IOException("golden JSON files are missing from the test class path"));
    }
  }
}
