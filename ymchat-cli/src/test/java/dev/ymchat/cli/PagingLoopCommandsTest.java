package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a mock whose answers always name the same {@code nextPageToken}, chats --all, history
 * --all, watch and export used to page for ever; now they stop at the first repeat with an error
 * exit code and a message that says why.
 */
class PagingLoopCommandsTest {

  private static final Duration GUARD = Duration.ofSeconds(60);

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Starts a mock: getChats and getChatHistory answer one page, with a token or without. */
  private void mock(boolean chatsLoop, boolean historyLoop) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            exchange.getRequestBody().readAllBytes();
            String result =
                path.endsWith("/chats/history")
                    ? "{\"context\":{\"type\":\"ORDER\",\"orderId\":3},\"messages\":[{\"messageId\":"
                        + "9,\"createdAt\":\"2026-01-01T00:00:00Z\",\"sender\":\"CUSTOMER\","
                        + "\"message\":\"hi\"}]"
                        + paging(historyLoop)
                        + "}"
                    : "{\"chats\":[{\"chatId\":5,\"type\":\"CHAT\",\"status\":\"NEW\",\"createdAt\":"
                        + "\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-02T00:00:00Z\"}]"
                        + paging(chatsLoop)
                        + "}";
            byte[] bytes =
                ("{\"status\":\"OK\",\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    server.start();
  }

  private static String paging(boolean loop) {
    return loop ? ",\"paging\":{\"nextPageToken\":\"again\"}" : "";
  }

  private CliRun.Result run(String... args) {
    CliRun cli =
        new CliRun(dir)
            .env("YM_API_KEY", "loop-test-key")
            .env("YM_BUSINESS_ID", "1001")
            .env("YM_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    return assertTimeoutPreemptively(GUARD, () -> cli.run(args));
  }

  private void assertStoppedPaging(CliRun.Result result, String operation) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.SERVER);
    assertThat(result.err())
        .contains(operation + " failed: the answer for page 2 of this listing")
        .contains("paging stopped")
        .contains("the server's paging went round in a loop", "report it to Market support")
        .doesNotContain("not the API's JSON");
  }

  @Test
  void chatsAll_stopsAtTheRepeatedToken() throws Exception {
    mock(true, false);
    assertStoppedPaging(run("chats", "--all"), "getChats");
    assertThat(requests).hasSize(2);
  }

  @Test
  void historyAll_stopsAtTheRepeatedToken() throws Exception {
    mock(false, true);
    assertStoppedPaging(run("history", "5", "--all"), "getChatHistory");
    assertThat(requests).hasSize(2);
  }

  @Test
  void watch_stopsWhenTheChatListLoops() throws Exception {
    mock(true, false);
    assertStoppedPaging(run("watch", "--once"), "getChats");
    assertThat(requests).hasSize(2);
  }

  @Test
  void watch_stopsWhenAHistoryLoops() throws Exception {
    mock(false, true);
    assertStoppedPaging(run("watch", "--once", "--since-start"), "getChatHistory");
    assertThat(requests).hasSize(3);
  }

  @Test
  void export_stopsWhenTheChatListOrAHistoryLoops() throws Exception {
    mock(true, false);
    assertStoppedPaging(run("export", "--out", dir.resolve("a.jsonl").toString()), "getChats");
    stop();
    requests.clear();
    mock(false, true);
    assertStoppedPaging(
        run("export", "--out", dir.resolve("b.jsonl").toString()), "getChatHistory");
    assertThat(requests).hasSize(3);
  }
}
