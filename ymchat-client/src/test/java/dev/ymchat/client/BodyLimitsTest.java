package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.testsupport.RawHttpServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that sends the headers and then stalls, or sends a body without end, cannot hold a call:
 * the request timeout covers the body, and bodies are capped in size.
 */
class BodyLimitsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** Generous: the machine may be loaded; a call that hangs is stopped here, failing the test. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  private static final String PARTIAL_CHAT = "{\"status\":\"OK\",\"result\":{\"chatId\":5,\"ty";

  private RawHttpServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private ChatsClient client(RawHttpServer s) {
    return ChatsClient.builder()
        .apiKey(Stub.KEY)
        .baseUrl(s.baseUrl())
        .retryPolicy(RetryPolicy.none())
        .requestTimeout(TIMEOUT)
        .build();
  }

  @Test
  void bodyStallingAfterTheHeaders_syncCall_throwsTransportExceptionAfterTheTimeout() {
    server = new RawHttpServer(RawHttpServer.stallingAfter(PARTIAL_CHAT));
    try (ChatsClient client = client(server)) {
      long started = System.nanoTime();
      TransportException e =
          assertTimeoutPreemptively(
              GUARD,
              () -> catchThrowableOfType(TransportException.class, () -> client.chat(1001, 5)));
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(e).isNotNull();
      assertThat(e.outcome()).isEqualTo(TransportException.Outcome.UNKNOWN);
      assertThat(e.getMessage())
          .startsWith("getChat failed: the answer (HTTP 200) did not arrive in full within 1 s")
          .contains(PARTIAL_CHAT.length() + " bytes of its body", "requestTimeout");
      assertThat(elapsedMs).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50);
    }
  }

  @Test
  void bodyStallingAfterTheHeaders_asyncCall_failsTheFutureAfterTheTimeout() {
    server = new RawHttpServer(RawHttpServer.stallingAfter(PARTIAL_CHAT));
    try (ChatsClient client = client(server)) {
      CompletionException e =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  catchThrowableOfType(
                      CompletionException.class, () -> client.chatAsync(1001, 5).join()));
      assertThat(e).hasCauseInstanceOf(TransportException.class);
      assertThat(e.getCause().getMessage()).contains("did not arrive in full within 1 s");
    }
  }

  @Test
  void bodyThatDripsForEver_isEndedByTheTotalDeadline_notKeptAliveByEachByte() {
    server = new RawHttpServer(RawHttpServer.dripping(100));
    try (ChatsClient client = client(server)) {
      TransportException e =
          assertTimeoutPreemptively(
              GUARD,
              () -> catchThrowableOfType(TransportException.class, () -> client.chats(1001)));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).startsWith("getChats failed: the answer (HTTP 200)");
    }
  }

  @Test
  void endlessBody_stopsAtMaxResponseSize_withAnInvalidResponseNamingTheSetting() {
    server = new RawHttpServer(RawHttpServer.endless(8192));
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(GUARD)
            .maxResponseSize(256 * 1024)
            .build()) {
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () -> catchThrowableOfType(InvalidResponseException.class, () -> client.chats(1001)));
      assertThat(e).isNotNull();
      assertThat(e.statusCode()).isEqualTo(200);
      assertThat(e.getMessage())
          .contains("goes on past the limit of 262144 bytes (maxResponseSize)")
          .contains("ChatsClient.builder().maxResponseSize(...)");
    }
  }

  @Test
  void declaredLengthOverTheCap_failsBeforeReadingTheBody() {
    server =
        new RawHttpServer(
            (request, out, s) -> {
              out.write(
                  RawHttpServer.headers(200, "application/json", 100_000_000L)
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
              out.flush();
              s.awaitClose();
            });
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(GUARD)
            .build()) {
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () -> catchThrowableOfType(InvalidResponseException.class, () -> client.chats(1001)));
      assertThat(e.getMessage())
          .contains(
              "is 100000000 bytes long (its Content-Length), over the limit of 8388608 bytes (maxResponseSize)");
    }
  }

  @Test
  void answersWithinTheLimits_stillParse() {
    String body =
        "{\"status\":\"OK\",\"result\":{\"chatId\":5,\"type\":\"CHAT\",\"status\":\"NEW\","
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}}";
    server = new RawHttpServer(RawHttpServer.answering(200, "application/json", body));
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(GUARD)
            .maxResponseSize(body.length())
            .build()) {
      assertThat(client.chat(1001, 5).chatId()).isEqualTo(5);
    }
  }

  @Test
  void downloadStallingMidFile_readThrowsTransportExceptionAfterTheTimeout() throws Exception {
    server = new RawHttpServer(RawHttpServer.stallingAfter("%PDF-1.7 half"));
    try (ChatsClient client = client(server)) {
      InputStream in =
          client.openDownload(new MessagePayload("a.pdf", server.baseUrl() + "/files/1", 2000));
      TransportException e =
          assertTimeoutPreemptively(
              GUARD, () -> catchThrowableOfType(TransportException.class, in::readAllBytes));
      assertThat(e).isNotNull();
      assertThat(e.getMessage())
          .startsWith("download failed: the answer (HTTP 200) did not arrive in full")
          .contains("no data came for 1 s", "13 bytes of its body");
      in.close();
    }
  }

  @Test
  void downloadThatDrips_isEndedByTheDownloadTimeout() throws Exception {
    server = new RawHttpServer(RawHttpServer.dripping(100));
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(Duration.ofSeconds(10))
            .downloadTimeout(Duration.ofSeconds(2))
            .build()) {
      InputStream in =
          client.openDownload(new MessagePayload("a.pdf", server.baseUrl() + "/files/1", 0));
      TransportException e =
          assertTimeoutPreemptively(
              GUARD, () -> catchThrowableOfType(TransportException.class, in::readAllBytes));
      assertThat(e.getMessage()).contains("within 2 s (the download timeout)", "downloadTimeout");
    }
  }

  @Test
  void downloadLongerThanItsDeclaredSize_stopsAtTheSizePlusMargin(@TempDir Path dir) {
    server = new RawHttpServer(RawHttpServer.endless(8192));
    try (ChatsClient client = client(server)) {
      Path target = dir.resolve("a.pdf");
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  catchThrowableOfType(
                      InvalidResponseException.class,
                      () ->
                          client.download(
                              new MessagePayload("a.pdf", server.baseUrl() + "/files/1", 10),
                              target)));
      assertThat(e.getMessage())
          .contains("goes on past the limit of 65547 bytes", "its message declares 10 bytes");
      assertThat(target).doesNotExist();
      assertThat(dir.toFile().list()).isEmpty();
    }
  }

  @Test
  void downloadWithoutDeclaredSize_stopsAtMaxDownloadSize() {
    server = new RawHttpServer(RawHttpServer.endless(8192));
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(GUARD)
            .maxDownloadSize(100_000)
            .build()) {
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () -> {
                try (InputStream in =
                    client.openDownload(
                        new MessagePayload("a.bin", server.baseUrl() + "/files/1", 0))) {
                  return catchThrowableOfType(InvalidResponseException.class, in::readAllBytes);
                }
              });
      assertThat(e.getMessage())
          .contains(
              "goes on past the limit of 100000 bytes",
              "ChatsClient.builder().maxDownloadSize(...)");
    }
  }

  @Test
  void failedDownload_leavesAnExistingTargetAsItWas(@TempDir Path dir) throws Exception {
    server = new RawHttpServer(RawHttpServer.stallingAfter("new content, half"));
    Path target = dir.resolve("a.pdf");
    Files.writeString(target, "the old file");
    try (ChatsClient client = client(server)) {
      assertTimeoutPreemptively(
          GUARD,
          () ->
              catchThrowableOfType(
                  TransportException.class,
                  () ->
                      client.download(
                          new MessagePayload("a.pdf", server.baseUrl() + "/files/1", 0), target)));
    }
    assertThat(Files.readString(target)).isEqualTo("the old file");
    assertThat(dir.toFile().list()).containsExactly("a.pdf");
  }

  @Test
  void builder_refusesSizesOutOfRange() {
    assertThat(
            catchThrowableOfType(
                IllegalStateException.class,
                () -> ChatsClient.builder().apiKey("k").maxResponseSize(0).build()))
        .hasMessageContaining("maxResponseSize must be 1 byte to 1 GB, got 0");
    assertThat(
            catchThrowableOfType(
                IllegalStateException.class,
                () -> ChatsClient.builder().apiKey("k").maxDownloadSize(-1).build()))
        .hasMessageContaining("maxDownloadSize must be at least 1 byte, got -1");
    assertThat(
            catchThrowableOfType(
                IllegalStateException.class,
                () -> ChatsClient.builder().apiKey("k").downloadTimeout(Duration.ZERO).build()))
        .hasMessageContaining("downloadTimeout must be positive");
  }

  @Test
  void requestTimeoutProperty_setsTheDefault_andABadValueIsNamed() {
    String previous = System.getProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY);
    try {
      System.setProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY, "PT7S");
      try (ChatsClient client = ChatsClient.builder().apiKey("k").build()) {
        assertThat(client.toString()).contains("requestTimeout=PT7S");
      }
      try (ChatsClient client =
          ChatsClient.builder().apiKey("k").requestTimeout(Duration.ofSeconds(3)).build()) {
        assertThat(client.toString()).contains("requestTimeout=PT3S");
      }
      System.setProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY, "7s");
      assertThat(
              catchThrowableOfType(
                  IllegalStateException.class, () -> ChatsClient.builder().apiKey("k").build()))
          .hasMessageContaining("ymchat.client.requestTimeout must be an ISO-8601 duration")
          .hasMessageContaining("'7s'");
    } finally {
      if (previous == null) {
        System.clearProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY);
      } else {
        System.setProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY, previous);
      }
    }
  }
}
