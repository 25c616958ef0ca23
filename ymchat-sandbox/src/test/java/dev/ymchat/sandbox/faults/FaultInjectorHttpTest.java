package dev.ymchat.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The injector installed on a tiny Javalin app on 127.0.0.1, called with java.net.http. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectorHttpTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-07-10T00:42:41.500Z");
  private static final String API_PATH = "/v2/businesses/1001/chats";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicInteger apiHits = new AtomicInteger();
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private Javalin app;

  @BeforeAll
  static void quietLogs() {
    FaultTestLogging.quietServerLogs();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private FaultInjector start(FaultConfig config) {
    return start(new FaultInjector(config, Clock.fixed(NOW, ZoneOffset.UTC), slept::add));
  }

  private FaultInjector start(FaultInjector injector) {
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              injector.install(cfg.routes, path -> path.startsWith("/v2/"));
              cfg.routes.post(
                  "/v2/businesses/{businessId}/chats",
                  ctx -> {
                    apiHits.incrementAndGet();
                    ctx.contentType("application/json")
                        .result("{\"status\":\"OK\",\"result\":{\"chats\":[]}}");
                  });
              // What the real sandbox may also register: an after-handler and a catch-all error
              // mapping.
              cfg.routes.after(ctx -> ctx.header("X-After-Handler", "ran"));
              cfg.routes.exception(
                  Exception.class, (e, ctx) -> ctx.status(599).result("unexpected"));
              cfg.routes.get("/sandbox/health", ctx -> ctx.result("ok"));
            });
    app.start("127.0.0.1", 0);
    return injector;
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException staleConnection) {
      // The JDK client may pick a kept-alive connection the server has just closed and, for a
      // POST, does not retry: send once more on a new connection. A request the server did
      // handle would shift the seeded sequence, which the assertions would then catch.
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode firstError(HttpResponse<String> response) throws IOException {
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("ERROR");
    assertThat(body.get("errors")).hasSize(1);
    return body.get("errors").get(0);
  }

  @Test
  void injected500_answersTheApiErrorEnvelopeAndSkipsTheHandler() throws Exception {
    start(FaultConfig.builder().error500Rate(1.0).build());

    HttpResponse<String> response = post(API_PATH);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode error = firstError(response);
    assertThat(error.get("code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(error.get("message").asText()).contains("(injected fault)");
    assertThat(apiHits).hasValue(0);
    assertThat(response.headers().firstValue("X-After-Handler")).hasValue("ran");
  }

  @Test
  void injected503_answersServiceUnavailable() throws Exception {
    start(FaultConfig.builder().error503Rate(1.0).build());

    HttpResponse<String> response = post(API_PATH);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode error = firstError(response);
    assertThat(error.get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(error.get("message").asText()).contains("(injected fault)");
    assertThat(apiHits).hasValue(0);
  }

  @Test
  void injected420_carriesLimitExceededAndTheRateLimitHeaders() throws Exception {
    FaultInjector injector = start(FaultConfig.builder().rateLimitRate(1.0).build());

    HttpResponse<String> response = post(API_PATH);

    assertThat(response.statusCode()).isEqualTo(420);
    JsonNode error = firstError(response);
    assertThat(error.get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(error.get("message").asText()).contains("X-RateLimit-Resource-Until");
    assertThat(response.headers().firstValue("X-RateLimit-Resource-Limit")).hasValue("1000");
    assertThat(response.headers().firstValue("X-RateLimit-Resource-Remaining")).hasValue("0");
    String until = response.headers().firstValue("X-RateLimit-Resource-Until").orElseThrow();
    assertThat(until).isEqualTo("Fri, 10 Jul 2026 00:42:42 GMT");
    assertThat(ZonedDateTime.parse(until, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
        .isAfter(NOW);
    assertThat(apiHits).hasValue(0);
    assertThat(injector.stats().rateLimited()).isEqualTo(1);
  }

  @Test
  void drop_closesTheConnectionSoTheClientGetsAnIOException() throws Exception {
    FaultInjector injector = start(FaultConfig.builder().dropRate(1.0).build());

    assertThatThrownBy(() -> post(API_PATH)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post(API_PATH)).isInstanceOf(IOException.class);

    assertThat(apiHits).hasValue(0);
    assertThat(injector.stats().dropped()).isGreaterThanOrEqualTo(2);
    // The server itself keeps working: paths without faults still answer.
    assertThat(get("/sandbox/health").body()).isEqualTo("ok");
  }

  @Test
  void latency_isSleptBeforeTheRealAnswer() throws Exception {
    start(
        FaultConfig.builder().latency(Duration.ofMillis(5), Duration.ofMillis(50)).seed(3).build());
    FaultInjector twin =
        new FaultInjector(
            FaultConfig.builder()
                .latency(Duration.ofMillis(5), Duration.ofMillis(50))
                .seed(3)
                .build());

    for (int i = 0; i < 5; i++) {
      assertThat(post(API_PATH).statusCode()).isEqualTo(200);
    }

    List<Duration> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(twin.next().latency());
    }
    assertThat(slept).containsExactlyElementsOf(expected);
    assertThat(apiHits).hasValue(5);
  }

  @Test
  void latency_withTheRealSleeper_delaysTheResponse() throws Exception {
    start(new FaultInjector(FaultConfig.builder().latency(Duration.ofMillis(80)).build()));
    post(API_PATH); // warm up the connection, so only the latency is timed

    long start = System.nanoTime();
    HttpResponse<String> response = post(API_PATH);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(tookMs).isGreaterThanOrEqualTo(80);
  }

  @Test
  void nonApiPaths_areNeverFaulted() throws Exception {
    FaultInjector injector =
        start(
            FaultConfig.builder()
                .error500Rate(0.5)
                .dropRate(0.5)
                .latency(Duration.ofMillis(10))
                .build());

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = get("/sandbox/health");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
    }

    assertThat(injector.stats().decisions()).isZero();
    assertThat(slept).isEmpty();
  }

  @Test
  void answersFollowTheSeededSequence() throws Exception {
    FaultConfig config = FaultConfig.parse("seed=11,500=0.2,503=0.2,420=0.2,burst=2");
    FaultInjector injector = start(config);
    FaultInjector twin = new FaultInjector(config);

    List<Integer> statuses = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      statuses.add(post(API_PATH).statusCode());
      switch (twin.next().kind()) {
        case ERROR_500 -> expected.add(500);
        case ERROR_503 -> expected.add(503);
        case RATE_LIMIT -> expected.add(420);
        default -> expected.add(200);
      }
    }

    assertThat(statuses).isEqualTo(expected).contains(200, 420, 500, 503);
    assertThat(apiHits.get()).isEqualTo(expected.stream().filter(s -> s == 200).count());
    assertThat(injector.stats()).isEqualTo(twin.stats());
  }

  @Test
  void inactiveConfig_installsNothing() throws Exception {
    FaultInjector injector = start(FaultConfig.none());

    assertThat(post(API_PATH).statusCode()).isEqualTo(200);
    assertThat(injector.stats().decisions()).isZero();
    assertThat(apiHits).hasValue(1);
  }
}
