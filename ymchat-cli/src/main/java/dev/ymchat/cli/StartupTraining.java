package dev.ymchat.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The workload the {@code ymchat} launcher records a class-data-sharing archive from ({@code
 * -XX:ArchiveClassesAtExit}): the short commands people run most, against a tiny local stub of the
 * API with canned answers, so that the archive holds the classes those commands load. It never
 * starts the sandbox, so none of its classes are archived; it prints nothing.
 */
public final class StartupTraining {

  private static final String CHAT =
      "{\"chatId\":%d,\"orderId\":52000000,\"context\":{\"type\":\"ORDER\",\"customer\":{\"name\":"
          + "\"Анна К.\",\"publicId\":\"7981f242cb13cf141feb711db9\"},\"campaignId\":2001,"
          + "\"orderId\":52000000},\"type\":\"CHAT\",\"status\":\"WAITING_FOR_PARTNER\","
          + "\"createdAt\":\"2026-12-02T14:37:44+03:00\",\"updatedAt\":\"2026-12-02T14:37:45+03:00\"}";

  private static final String MESSAGE =
      "{\"messageId\":%d,\"createdAt\":\"2026-12-02T14:37:44+03:00\",\"sender\":\"CUSTOMER\","
          + "\"message\":\"Спасибо! А можно доставить после 18:00?\"}";

  private StartupTraining() {}

  /**
   * Runs the workload.
   *
   * @param args not used
   * @throws IOException when the local stub cannot start
   */
  public static void main(String[] args) throws IOException {
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String result;
            if (path.endsWith("/chats/history")) {
              result =
                  "{\"messages\":["
                      + String.format(MESSAGE, 100000)
                      + ","
                      + String.format(MESSAGE, 100001)
                      + "]}";
            } else if (path.endsWith("/chats")) {
              result =
                  "{\"chats\":["
                      + String.format(CHAT, 10001)
                      + ","
                      + String.format(CHAT, 10000)
                      + "],\"paging\":{}}";
            } else if (path.endsWith("/chat")) {
              result = String.format(CHAT, 10000);
            } else {
              result = "{}";
            }
            byte[] body =
                ("{\"status\":\"OK\",\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    stub.start();
    try {
      String url = "http://127.0.0.1:" + stub.getAddress().getPort();
      List<String[]> commands =
          List.of(
              new String[] {"--version"},
              new String[] {"--help"},
              new String[] {"chats", "--help"},
              new String[] {"--sandbox", "--base-url", url, "chats"},
              new String[] {"--sandbox", "--base-url", url, "-o", "json", "chats", "--all"},
              new String[] {"--sandbox", "--base-url", url, "history", "10000", "--all"},
              new String[] {"--sandbox", "--base-url", url, "chat", "10000"},
              new String[] {"--sandbox", "--base-url", url, "chats", "--limit", "50"});
      for (String[] command : commands) {
        StringWriter sink = new StringWriter();
        CliContext context =
            CliContext.builder()
                .env(Map.of("YMCHAT_CONFIG_DIR", System.getProperty("java.io.tmpdir")))
                .out(new PrintWriter(sink))
                .err(new PrintWriter(sink))
                .standalone(true)
                .build();
        Main.run(context, command);
      }
    } finally {
      stub.stop(0);
      HttpClientThreads.stop();
    }
  }
}
