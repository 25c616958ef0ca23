package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that send their bodies a byte at a time cannot starve the others: they hold no parallel
 * slot while the body arrives, requests without the business's credentials are answered from their
 * headers, a body must arrive within the read deadline, and however many trickle, {@code /health}
 * and well-behaved requests are answered at once. Raw sockets on loopback; every wait is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowClientTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final List<RawHttp> slow = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

  /** Closes the slow connections (before the sandbox, which would wait for their requests). */
  @AfterEach
  void closeSlowClients() throws IOException {
    trickler.shutdownNow();
    for (RawHttp client : slow) {
      client.close();
    }
    slow.clear();
  }

  /** Opens a connection that sends the headers and the body's first byte, then a byte a second. */
  private RawHttp startSlowSend(SandboxServer sandbox, String apiKey, long chat)
      throws IOException {
    RawHttp client = new RawHttp(sandbox.port(), 30_000);
    slow.add(client);
    client.send(
        "POST /v2/businesses/"
            + B
            + "/chats/message?chatId="
            + chat
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (apiKey == null ? "" : "Api-Key: " + apiKey + "\r\n")
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
    return client;
  }

  private void trickleEverySecond() {
    trickler.scheduleAtFixedRate(
        () -> {
          for (RawHttp client : slow) {
            try {
              client.send(" ");
            } catch (IOException closedByTheServer) {
              slow.remove(client);
            }
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(SandboxServer sandbox, String path, String apiKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .GET();
    if (apiKey != null) {
      request.header("Api-Key", apiKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndWellBehavedRequests_areAnsweredWhile400ConnectionsTrickle() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.bodyReadTimeout(Duration.ofSeconds(60))
                    .rateLimits(SandboxRateLimits.defaults()))) {
      long chat = sandbox.market().buyerOpensDirectChat(B, "slow clients");
      String[] keys = {SandboxDemo.ALL_METHODS_KEY, null, "wrong-key", SandboxDemo.READ_ONLY_KEY};
      for (int i = 0; i < 300; i++) {
        startSlowSend(sandbox, keys[i % keys.length], chat);
      }
      for (int i = 0; i < 100; i++) {
        // and 100 that have not finished their headers yet (the trickle keeps adding to them)
        RawHttp headers = new RawHttp(sandbox.port(), 30_000);
        slow.add(headers);
        headers.send("POST /v2/businesses/" + B + "/chats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      }
      trickleEverySecond();
      Thread.sleep(2_000);

      long started = System.nanoTime();
      HttpResponse<String> health = get(sandbox, "/health", null);
      long healthMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> otherBusiness =
          get(
              sandbox,
              "/v2/businesses/" + SandboxDemo.OTHER_BUSINESS_ID + "/chats/message?chatId=1",
              SandboxDemo.OTHER_BUSINESS_KEY);
      assertThat(otherBusiness.statusCode()).as(otherBusiness.body()).isIn(200, 400, 404);
      HttpResponse<String> read =
          get(sandbox, "/v2/businesses/" + B + "/chat?chatId=" + chat, SandboxDemo.ALL_METHODS_KEY);
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      System.out.printf("/health with 400 trickling connections: %d ms%n", healthMillis);
      // generous: on a loaded 2-core machine this is milliseconds, before the fix it never came
      assertThat(healthMillis).as("ms for /health").isLessThan(5_000);
      closeSlowClients();
    }
  }

  @Test
  void aBusinessWithFiveSlowBodiesInFlight_stillGets200() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.bodyReadTimeout(Duration.ofSeconds(60))
                    .rateLimits(SandboxRateLimits.defaults()))) {
      long chat = sandbox.market().buyerOpensDirectChat(B, "slow bodies");
      for (int i = 0; i < 5; i++) {
        startSlowSend(sandbox, SandboxDemo.ALL_METHODS_KEY, chat);
      }
      trickleEverySecond();
      Thread.sleep(1_500);

      for (int i = 0; i < 4; i++) {
        HttpResponse<String> read =
            get(
                sandbox,
                "/v2/businesses/" + B + "/chat?chatId=" + chat,
                SandboxDemo.ALL_METHODS_KEY);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      }
      closeSlowClients();
    }
  }

  @Test
  void aBodyThatTricklesPastTheDeadline_gets408_andNothingIsStored() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.bodyReadTimeout(Duration.ofSeconds(2))
                    .rateLimits(SandboxRateLimits.defaults()))) {
      long chat = sandbox.market().buyerOpensDirectChat(B, "deadline");
      String body = "{\"message\":\"trickled past the deadline\"}";
      RawHttp client = new RawHttp(sandbox.port(), 30_000);
      slow.add(client);
      client.send(
          "POST /v2/businesses/"
              + B
              + "/chats/message?chatId="
              + chat
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Key: "
              + SandboxDemo.ALL_METHODS_KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\n\r\n");
      long started = System.nanoTime();
      trickler.scheduleAtFixedRate(
          new Runnable() {
            int next;

            @Override
            public void run() {
              if (next < body.length()) {
                try {
                  client.send(body.substring(next, next + 1));
                  next++;
                } catch (IOException closedByTheServer) {
                  next = body.length();
                }
              }
            }
          },
          0,
          500,
          TimeUnit.MILLISECONDS);

      List<RawHttp.Answer> answers = client.readAnswers(1);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      System.out.printf("408 for a trickled body after %d ms (deadline 2 s)%n", millis);

      assertThat(answers).hasSize(1);
      assertThat(answers.get(0).status()).as(answers.get(0).body()).isEqualTo(408);
      assertThat(answers.get(0).body()).contains("REQUEST_TIMEOUT", "did not arrive within 2 s");
      assertThat(millis).as("ms until the 408").isBetween(1_900L, 15_000L);
      List<String> texts = new ArrayList<>();
      new SandboxHttp(sandbox.baseUrl())
          .postJson(
              "/v2/businesses/" + B + "/chats/history?chatId=" + chat,
              SandboxDemo.ALL_METHODS_KEY,
              "{}")
          .result()
          .get("messages")
          .forEach(m -> texts.add(m.path("message").asText()));
      assertThat(texts).containsExactly("deadline");
    }
  }

  @Test
  void aBodyThatNeverComes_gets408AtTheDeadline() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.bodyReadTimeout(Duration.ofSeconds(1))
                    .rateLimits(SandboxRateLimits.defaults()))) {
      RawHttp client = new RawHttp(sandbox.port(), 30_000);
      slow.add(client);
      client.send(
          "POST /v2/businesses/"
              + B
              + "/chats HTTP/1.1\r\nHost: 127.0.0.1\r\nApi-Key: "
              + SandboxDemo.ALL_METHODS_KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n");

      List<RawHttp.Answer> answers = client.readAnswers(1);

      assertThat(answers).hasSize(1);
      assertThat(answers.get(0).status()).as(answers.get(0).body()).isEqualTo(408);
      assertThat(answers.get(0).body()).contains("\"status\":\"ERROR\"", "REQUEST_TIMEOUT");
    }
  }

  @Test
  void aRequestWithoutCredentials_isAnsweredBeforeItsBodyArrives() throws Exception {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      RawHttp client = new RawHttp(sandbox.port(), 30_000);
      slow.add(client);
      client.send(
          "POST /v2/businesses/"
              + B
              + "/chats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100000\r\n\r\n{");

      List<RawHttp.Answer> answers = client.readAnswers(1);

      assertThat(answers).hasSize(1);
      assertThat(answers.get(0).status()).isEqualTo(401);
      assertThat(answers.get(0).body()).contains("UNAUTHORIZED");
    }
  }
}
