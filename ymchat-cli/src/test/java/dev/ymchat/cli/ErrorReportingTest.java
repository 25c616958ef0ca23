package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each class of API and transport error becomes one line on stderr and its own exit code. */
class ErrorReportingTest {

  private static final String SECRET = "secret-key-123";

  @TempDir Path dir;
  private StubApi api;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private CliRun.Result chat(String... extra) {
    String[] base = {
      "chat", "5", "--api-key", SECRET, "--business", "1001", "--base-url", api.baseUrl()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return new CliRun(dir).run(args);
  }

  private static void assertOneLine(CliRun.Result result, String... fragments) {
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err()).contains(fragments).doesNotContain(SECRET).doesNotContain("\tat ");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void http401_exitsWithAuthCode() {
    api.answer(401, StubApi.error("UNAUTHORIZED", "no credentials"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertOneLine(
        result, "ymchat chat:", "HTTP 401", "UNAUTHORIZED", "no credentials", "ymchat login");
  }

  @Test
  void http403_exitsWithAuthCodeAndSaysWhatToCheck() {
    api.answer(403, StubApi.error("FORBIDDEN", "access denied"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
    assertOneLine(result, "access denied", "HTTP 403", "FORBIDDEN", "--business");
  }

  @Test
  void http404_exitsWithNotFoundCode() {
    api.answer(404, StubApi.error("NOT_FOUND", "chat 5 not found"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertOneLine(result, "not found", "HTTP 404", "chat 5 not found");
  }

  @Test
  void http420_exitsWithRateLimitCodeAndTellsWhenTheQuotaResets() {
    api.answer(420, StubApi.error("LIMIT_EXCEEDED", "hourly quota used up"))
        .headers(
            Map.of(
                "X-RateLimit-Resource-Limit", "1000",
                "X-RateLimit-Resource-Remaining", "0",
                "X-RateLimit-Resource-Until", "Thu, 26 Nov 2026 01:42:42 GMT"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertOneLine(result, "rate limited", "HTTP 420", "LIMIT_EXCEEDED", "01:42:42", "retry");
  }

  @Test
  void http500_exitsWithServerCode() {
    api.answer(500, StubApi.error("INTERNAL_ERROR", "boom"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertOneLine(result, "the API failed", "HTTP 500", "INTERNAL_ERROR", "retry later");
  }

  @Test
  void http503_exitsWithServerCode() {
    api.answer(503, StubApi.error("SERVICE_UNAVAILABLE", "overloaded"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertOneLine(result, "HTTP 503");
  }

  @Test
  void http400_exitsWithInvalidInputCode() {
    api.answer(400, StubApi.error("BAD_REQUEST", "chatId must be positive"));
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertOneLine(result, "refused the input", "BAD_REQUEST", "chatId must be positive");
  }

  @Test
  void closedPort_exitsWithNetworkCode() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CliRun.Result result =
        new CliRun(dir)
            .run(
                "chat",
                "5",
                "--api-key",
                SECRET,
                "--business",
                "1001",
                "--base-url",
                "http://127.0.0.1:" + port);
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NETWORK);
    assertOneLine(result, "cannot reach the API", "--base-url");
  }

  @Test
  void notTheApisJson_exitsWithServerCode() {
    api.answer(200, "<html>proxy login</html>");
    CliRun.Result result = chat();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertOneLine(result, "--base-url");
  }

  @Test
  void clientSideValidation_exitsWithInvalidInputCodeAndSendsNothing() {
    CliRun.Result result =
        new CliRun(dir)
            .run(
                "send",
                "5",
                "x".repeat(5000),
                "--api-key",
                SECRET,
                "--business",
                "1001",
                "--base-url",
                api.baseUrl());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertOneLine(result, "ymchat send:");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void verbose_addsTheStackTrace() {
    api.answer(404, StubApi.error("NOT_FOUND", "chat 5 not found"));
    CliRun.Result result = chat("-v");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.err()).contains("NotFoundException").contains("\tat ").doesNotContain(SECRET);
  }

  @Test
  void verbose_logsEachRequestToStderrWithoutTheSecret() {
    api.answer(
        200, "{\"status\":\"OK\",\"result\":{\"chatId\":5,\"type\":\"CHAT\",\"status\":\"NEW\"}}");
    CliRun.Result result = chat("-v");
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("DEBUG", "/v2/businesses/1001/chat").doesNotContain(SECRET);
    CliRun.Result quiet = chat();
    assertThat(quiet.err()).isEmpty();
  }

  @Test
  void unknownOption_isAUsageError() {
    CliRun.Result result = new CliRun(dir).run("chats", "--colour");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--colour");
  }

  @Test
  void badEnumValue_isAUsageErrorListingTheValues() {
    CliRun.Result result = new CliRun(dir).run("chats", "--status", "sleeping", "--sandbox");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("WAITING_FOR_PARTNER");
  }
}
