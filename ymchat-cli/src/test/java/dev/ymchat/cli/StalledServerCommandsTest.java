package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.testsupport.RawHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that sends the headers and then stalls mid-body cannot hold a command: chats, watch,
 * export and download end with the network exit code within the client's time limits. The request
 * timeout is 1 s here (the client's system property); reads are tried 4 times.
 */
class StalledServerCommandsTest {

  private static final String KEY = "stall-test-api-key-SECRET";
  private static final String FILE_KEY = "F1leKeySECRET0042";
  private static final int ATTEMPTS = 4;

  /** Attempts times the timeout, plus a margin that is generous for a loaded machine. */
  private static final Duration BOUND = Duration.ofSeconds(ATTEMPTS + 25);

  private static String previousTimeout;

  @TempDir Path dir;
  private RawHttpServer server;

  @BeforeAll
  static void shortTimeout() {
    previousTimeout = System.getProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY);
    System.setProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY, "PT1S");
  }

  @AfterAll
  static void restoreTimeout() {
    if (previousTimeout == null) {
      System.clearProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY);
    } else {
      System.setProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY, previousTimeout);
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CliRun cli() {
    return new CliRun(dir)
        .env("YM_API_KEY", KEY)
        .env("YM_BUSINESS_ID", "1001")
        .env("YM_BASE_URL", server.baseUrl());
  }

  private CliRun.Result runWithinBound(CliRun cli, String... args) {
    long started = System.nanoTime();
    CliRun.Result result = assertTimeoutPreemptively(BOUND, () -> cli.run(args));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertThat(seconds).as("took %d s", seconds).isLessThan(BOUND.toSeconds());
    return result;
  }

  private void assertNetworkFailure(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).contains("did not arrive in full within 1 s").doesNotContain(KEY);
  }

  @Test
  void chats_endsWithTheNetworkExitCode() {
    server = new RawHttpServer(RawHttpServer.stallingAfter("{\"status\":\"OK\",\"result\":{\"ch"));
    assertNetworkFailure(runWithinBound(cli(), "chats"));
    assertThat(server.requests()).hasSize(ATTEMPTS);
  }

  @Test
  void watchOnce_endsWithTheNetworkExitCode() {
    server = new RawHttpServer(RawHttpServer.stallingAfter("{\"status\":\"OK\",\"result\":{\"ch"));
    assertNetworkFailure(runWithinBound(cli(), "watch", "--once"));
  }

  @Test
  void export_endsWithTheNetworkExitCode_andKeepsNoHalfLine() throws Exception {
    server = new RawHttpServer(RawHttpServer.stallingAfter("{\"status\":\"OK\",\"result\":{\"ch"));
    Path out = dir.resolve("chats.jsonl");
    assertNetworkFailure(runWithinBound(cli(), "export", "--out", out.toString()));
    assertThat(!Files.exists(out) || Files.size(out) == 0).isTrue();
  }

  @Test
  void download_endsWithTheNetworkExitCode_andVerboseLogMasksTheFileKey() throws Exception {
    String fileUrlPath = "/sandbox/files/" + FILE_KEY + "/a.pdf";
    RawHttpServer.Handler stall = RawHttpServer.stallingAfter("%PDF-1.7 first bytes");
    server =
        new RawHttpServer(
            (request, out, s) -> {
              if (request.target().startsWith("/v2/businesses/1001/chats/message")) {
                String body =
                    "{\"status\":\"OK\",\"result\":{\"messageId\":7,\"createdAt\":"
                        + "\"2026-01-01T00:00:00Z\",\"sender\":\"CUSTOMER\",\"payload\":[{\"name\":"
                        + "\"a.pdf\",\"url\":\""
                        + s.baseUrl()
                        + fileUrlPath
                        + "\",\"size\":5000}]}}";
                RawHttpServer.answering(200, "application/json", body).answer(request, out, s);
              } else {
                stall.answer(request, out, s);
              }
            });
    Path target = dir.resolve("files");
    CliRun.Result result =
        runWithinBound(cli(), "download", "5", "7", "--out", target.toString(), "-v");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err())
        .contains("no data came for 1 s")
        .contains("/sandbox/files/***/a.pdf")
        .doesNotContain(FILE_KEY)
        .doesNotContain(KEY);
    assertThat(target.resolve("a.pdf")).doesNotExist();
    assertThat(
            server.requests().stream()
                .filter(r -> r.target().equals(fileUrlPath))
                .map(r -> r.header("Api-Key")))
        .as("the file is on the API's origin, so it gets the key")
        .containsExactly(KEY);
  }
}
