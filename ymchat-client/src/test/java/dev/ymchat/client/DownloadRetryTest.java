package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.testsupport.CapturedLogs;
import dev.ymchat.client.testsupport.RawHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downloads are calls through the client's chain: what fails before the body starts is retried by
 * the retry policy and logged like a call; what fails in the middle of the body is not retried;
 * redirects are followed at most five times and within the download timeout.
 */
class DownloadRetryTest {

  private static final String FILE_KEY = "k3Y9sEcReT0000aaaa";
  private static final String SERVER_ERROR =
      "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}";

  private final Stub stub = new Stub();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private RawHttpServer raw;
  @RegisterExtension final CapturedLogs logs = new CapturedLogs("dev.ymchat.client");

  @AfterEach
  void close() {
    stub.close();
    if (raw != null) {
      raw.close();
    }
  }

  private ChatsClientBuilder retrying(String baseUrl) {
    return ChatsClient.builder()
        .apiKey(Stub.KEY)
        .baseUrl(baseUrl)
        .requestTimeout(Duration.ofSeconds(10))
        .retryPolicy(
            RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(200)).build())
        .clock(clock)
        .sleeper(sleeper);
  }

  private static MockResponse file(String content) {
    return new MockResponse.Builder().code(200).body(content).build();
  }

  private static MockResponse redirect(String location) {
    return new MockResponse.Builder().code(302).addHeader("Location", location).build();
  }

  private static String read(ChatsClient client, String url) throws IOException {
    try (InputStream in = client.openDownload(new MessagePayload("a.pdf", url, 0))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<String> debugLines() {
    return logs.events().stream()
        .filter(e -> e.getLevel() == Level.DEBUG)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void http503BeforeTheBody_isRetriedByThePolicy_withTheCredentialsEachTime() throws Exception {
    stub.enqueue(503, SERVER_ERROR);
    stub.enqueue(file("second time lucky"));
    try (ChatsClient client = retrying(stub.baseUrl()).build()) {
      assertThat(read(client, "/files/1")).isEqualTo("second time lucky");
    }
    assertThat(stub.requestCount()).isEqualTo(2);
    assertThat(sleeper.delays).hasSize(1);
    assertThat(stub.take().getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(stub.take().getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
  }

  @Test
  void connectionDroppedBeforeTheBody_isRetried() throws Exception {
    // the JDK itself sends a GET once more on a new connection when one is dropped before the
    // answer; two drops in a row reach the client's retry whatever the JDK does
    MockResponse drop =
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    stub.enqueue(drop).enqueue(drop).enqueue(file("after the drops"));
    try (ChatsClient client = retrying(stub.baseUrl()).build()) {
      assertThat(read(client, "/files/2")).isEqualTo("after the drops");
    }
    assertThat(stub.requestCount()).isEqualTo(3);
    assertThat(sleeper.delays).isNotEmpty();
  }

  @Test
  void retriesStopAtTheAttemptsOfThePolicy() {
    for (int i = 0; i < 3; i++) {
      stub.enqueue(500, SERVER_ERROR);
    }
    try (ChatsClient client = retrying(stub.baseUrl()).build()) {
      ServerException e =
          catchThrowableOfType(ServerException.class, () -> read(client, "/files/3"));
      assertThat(e.getMessage()).startsWith("download failed: HTTP 500 INTERNAL_ERROR");
    }
    assertThat(stub.requestCount()).isEqualTo(3);
    assertThat(sleeper.delays).hasSize(2);
  }

  @Test
  void failureInTheMiddleOfTheBody_isNotRetried() throws Exception {
    byte[] part = "%PDF-1.7 half".getBytes(StandardCharsets.US_ASCII);
    raw =
        new RawHttpServer(
            (request, out, server) -> {
              out.write(
                  RawHttpServer.headers(200, "application/pdf", part.length + 1000L)
                      .getBytes(StandardCharsets.US_ASCII));
              out.write(part);
              out.flush();
              // the connection breaks after the first bytes of the file
              throw new IOException("cut");
            });
    try (ChatsClient client = retrying(raw.baseUrl()).build();
        InputStream in =
            client.openDownload(new MessagePayload("a.pdf", raw.baseUrl() + "/files/4", 0))) {
      TransportException e = catchThrowableOfType(TransportException.class, in::readAllBytes);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).startsWith("download failed");
    }
    assertThat(raw.requests()).hasSize(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void eachAttemptIsLoggedLikeACall_withTheFileKeyMasked() throws Exception {
    String path = "/sandbox/files/" + FILE_KEY + "/a.pdf";
    stub.enqueue(503, SERVER_ERROR);
    stub.enqueue(file("x"));
    try (ChatsClient client = retrying(stub.baseUrl()).build()) {
      read(client, path);
    }
    String masked = stub.baseUrl() + "/sandbox/files/***/a.pdf";
    assertThat(debugLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "download GET "
                            + masked
                            + " -> ServerException status 503 (credentials sent, attempt 1, "))
        .anySatisfy(line -> assertThat(line).startsWith("download attempt 1 failed"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "download GET " + masked + " -> HTTP 200 (credentials sent, attempt 2, "))
        .noneSatisfy(line -> assertThat(line).contains(FILE_KEY));
  }

  @Test
  void theSixthRedirect_isNotFollowed() {
    for (int i = 1; i <= 6; i++) {
      stub.enqueue(redirect("/files/5/hop" + i));
    }
    stub.enqueue(file("never reached"));
    try (ChatsClient client = stub.client().build()) {
      YmChatException e = catchThrowableOfType(YmChatException.class, () -> read(client, "/f/5"));
      assertThat(e.statusCode()).isEqualTo(302);
      assertThat(e.getMessage()).startsWith("download failed: HTTP 302");
    }
    assertThat(stub.requestCount()).isEqualTo(6);
  }

  @Test
  void redirectWithoutAValidLocation_isABadRedirect() {
    stub.enqueue(redirect("http://bad host/x"));
    try (ChatsClient client = stub.client().build()) {
      InvalidResponseException e =
          catchThrowableOfType(InvalidResponseException.class, () -> read(client, "/files/6"));
      assertThat(e.problem()).isEqualTo(InvalidResponseException.Problem.BAD_REDIRECT);
      assertThat(e.getMessage()).contains("not a valid URL");
    }
  }

  @Test
  void theDownloadTimeout_countsTheRedirects() {
    stub.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "/files/7/next")
            .headersDelay(700, TimeUnit.MILLISECONDS)
            .build());
    stub.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "/files/7/last")
            .headersDelay(700, TimeUnit.MILLISECONDS)
            .build());
    stub.enqueue(file("too late"));
    long started = System.nanoTime();
    try (ChatsClient client = stub.client().downloadTimeout(Duration.ofSeconds(1)).build()) {
      TransportException e =
          catchThrowableOfType(TransportException.class, () -> read(client, "/files/7"));
      assertThat(e).isNotNull();
    }
    // well under the 10 s request timeout of each hop: the second hop got what was left of 1 s
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }
}
