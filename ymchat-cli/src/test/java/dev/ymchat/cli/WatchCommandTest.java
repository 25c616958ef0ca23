package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.FakeClock;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch prints each new message exactly once across polls, and old ones only when asked. */
class WatchCommandTest {

  private static final long BUSINESS = SandboxDemo.BUSINESS_ID;
  private static final ObjectMapper JSON = ModelJson.newMapper();

  @TempDir Path dir;
  private SandboxServer sandbox;
  private MarketSimulator market;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-20T09:00:00Z"));

  @BeforeEach
  void start() {
    sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            .clock(clock)
            .build()
            .start();
    market = sandbox.market();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String[] args(String... command) {
    String[] all = java.util.Arrays.copyOf(command, command.length + 3);
    all[command.length] = "--sandbox";
    all[command.length + 1] = "--base-url";
    all[command.length + 2] = sandbox.baseUrl();
    return all;
  }

  @Test
  void newBuyerMessage_isPrintedExactlyOnceAcrossPolls_andOldOnesNotAtAll() {
    long chat = market.buyerOpensDirectChat(BUSINESS, "Anna", "old question");
    AtomicInteger sleeps = new AtomicInteger();
    CliRun cli =
        new CliRun(dir)
            .onSleep(
                () -> {
                  clock.advance(Duration.ofMinutes(1));
                  int n = sleeps.incrementAndGet();
                  if (n == 1) {
                    market.buyerWrites(BUSINESS, chat, "first new message");
                  } else if (n == 3) {
                    market.buyerWrites(BUSINESS, chat, "second new message");
                  }
                });
    CliRun.Result result = cli.run(args("watch", "--interval", "2s", "--max-polls", "5"));
    assertThat(result.exitCode()).isZero();
    assertThat(cli.sleeps()).hasSize(4).containsOnly(Duration.ofSeconds(2));
    String out = result.out();
    assertThat(out).doesNotContain("old question");
    assertThat(count(out, "first new message")).isEqualTo(1);
    assertThat(count(out, "second new message")).isEqualTo(1);
    assertThat(out).contains("chat " + chat, "CUSTOMER");
    assertThat(out.indexOf("first new message")).isLessThan(out.indexOf("second new message"));
  }

  @Test
  void jsonOutput_isOneJsonLinePerMessage_andSinceStartPrintsExistingMessages() throws Exception {
    long chat = market.buyerOpensDirectChat(BUSINESS, "Boris", "already here");
    CliRun cli =
        new CliRun(dir)
            .onSleep(
                () -> {
                  clock.advance(Duration.ofMinutes(1));
                  market.buyerWrites(BUSINESS, chat, "arrived later");
                });
    CliRun.Result result =
        cli.run(args("watch", "--since-start", "--max-polls", "2", "-o", "json"));
    assertThat(result.exitCode()).isZero();
    List<JsonNode> lines =
        result
            .out()
            .lines()
            .map(
                line -> {
                  try {
                    return JSON.readTree(line);
                  } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                  }
                })
            .toList();
    List<String> texts =
        lines.stream()
            .filter(l -> l.path("chatId").asLong() == chat)
            .map(l -> l.path("message").path("message").asText())
            .toList();
    assertThat(texts).containsExactly("already here", "arrived later");
  }

  @Test
  void once_pollsOnceWithoutSleeping() {
    CliRun cli = new CliRun(dir);
    CliRun.Result result = cli.run(args("watch", "--once"));
    assertThat(result.exitCode()).isZero();
    assertThat(cli.sleeps()).isEmpty();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void newChatAfterTheBaseline_isPrintedWhole_eachMessageOnceInOrder() {
    long[] chat = new long[1];
    CliRun cli =
        new CliRun(dir)
            .onSleep(
                () -> {
                  clock.advance(Duration.ofMinutes(1));
                  if (chat[0] == 0) {
                    chat[0] = market.buyerOpensDirectChat(BUSINESS, "Vera", "hello, a new chat");
                    clock.advance(Duration.ofSeconds(20));
                    market.buyerWrites(BUSINESS, chat[0], "second message");
                    clock.advance(Duration.ofSeconds(20));
                    market.buyerWrites(BUSINESS, chat[0], "third message");
                  }
                });
    CliRun.Result result = cli.run(args("watch", "--max-polls", "3"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .isEqualTo("Watching the chats of business " + BUSINESS + " every 15s.\n");
    List<Long> ids;
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(SandboxDemo.ALL_METHODS_KEY)
            .baseUrl(sandbox.baseUrl())
            .build()) {
      ids = client.history(BUSINESS, chat[0]).items().stream().map(ChatMessage::messageId).toList();
    }
    assertThat(ids).hasSize(3);
    String line = "2026-11-20 09:%s  chat " + chat[0] + "  #%d  CUSTOMER  %s%n";
    assertThat(result.out())
        .isEqualTo(
            String.format(line, "01", ids.get(0), "hello, a new chat")
                + String.format(line, "01", ids.get(1), "second message")
                + String.format(line, "01", ids.get(2), "third message"));
  }

  @Test
  void pollsAreSpacedToStayWithinTheHourlyQuota() {
    CliRun cli = new CliRun(dir);
    // One getChats request per poll and 360 allowed per hour: at most one poll every 10 s.
    CliRun.Result result =
        cli.run(args("watch", "--interval", "1s", "--max-polls", "3", "--chats-quota", "360"));
    assertThat(result.exitCode()).isZero();
    assertThat(cli.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
    assertThat(result.err()).contains("waiting 10s instead of 1s", "--chats-quota");
  }

  @Test
  void aFailedPoll_isReportedAndRetriedAtTheNextPoll_butTheLastPollsFailureIsTheExitCode()
      throws Exception {
    try (StubApi api = new StubApi()) {
      api.answer(503, StubApi.error("SERVICE_UNAVAILABLE", "overloaded"));
      String[] args = {
        "watch",
        "--max-polls",
        "2",
        "--api-key",
        "k",
        "--business",
        "1",
        "--base-url",
        api.baseUrl()
      };
      CliRun recovering =
          new CliRun(dir)
              .onSleep(() -> api.answer(200, "{\"status\":\"OK\",\"result\":{\"chats\":[]}}"));
      CliRun.Result recovered = recovering.run(args);
      assertThat(recovered.exitCode()).isZero();
      assertThat(recovered.err()).contains("this poll failed", "trying again in 15s");

      api.answer(503, StubApi.error("SERVICE_UNAVAILABLE", "overloaded"));
      CliRun.Result failing = new CliRun(dir).run(args);
      assertThat(failing.exitCode()).isEqualTo(ExitCodes.SERVER);
      assertThat(failing.err()).contains("this poll failed", "HTTP 503");
    }
  }

  @Test
  void badInterval_isAUsageError() {
    CliRun.Result result = new CliRun(dir).run(args("watch", "--interval", "soon"));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("15s");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
