package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FixedResponseServerTest {

  @Test
  void client_getsTheFixedPagesOverOneKeepAliveConnection() throws Exception {
    try (FixedResponseServer server =
            FixedResponseServer.start(Fixtures.historyResponse(), Fixtures.chatsResponse());
        ChatsClient client =
            ChatsClient.builder()
                .apiKey("test-key")
                .baseUrl(server.baseUrl())
                .sleeper(d -> CompletableFuture.completedFuture(null)) // a retry need not wait here
                .build()) {
      assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");

      ChatsPage chats = client.chats(Fixtures.BUSINESS_ID);
      HistoryPage history =
          client.history(
              Fixtures.BUSINESS_ID,
              Fixtures.CHAT_ID,
              HistoryQuery.builder().messageIdFrom(5).limit(100).build());
      for (int i = 0; i < 20; i++) {
        client.chats(Fixtures.BUSINESS_ID);
      }

      assertThat(chats.items()).hasSize(Fixtures.CHATS_PAGE_SIZE);
      assertThat(chats.hasNextPage()).isTrue();
      assertThat(history.items()).hasSize(Fixtures.HISTORY_PAGE_SIZE);
      assertThat(history.orderId()).hasValue(51_234_567L);
      // 22 calls; JDK 17's keep-alive race (JDK-8338569) may rarely cost a retry and a connection
      assertThat(server.requests()).isBetween(22L, 24L);
      assertThat(server.connectionsOpened()).isBetween(1L, 3L);
    }
  }

  @Test
  void rawSocket_pipelinedRequestsWithBodiesSplitAcrossWrites_areEachAnsweredOnce()
      throws Exception {
    byte[] chats = "{\"status\":\"OK\",\"result\":{\"chats\":[]}}".getBytes(StandardCharsets.UTF_8);
    try (FixedResponseServer server = FixedResponseServer.start(new byte[] {'{', '}'}, chats);
        Socket socket =
            new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")))) {
      OutputStream out = socket.getOutputStream();
      String body = "{\"statuses\":[\"NEW\"]}";
      String request =
          "POST /v2/businesses/1/chats?limit=20 HTTP/1.1\r\nHost: x\r\n"
              + "content-length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      byte[] twice =
          (request + request.replace("/chats?", "/unknown?")).getBytes(StandardCharsets.UTF_8);
      out.write(twice, 0, 30);
      out.flush();
      out.write(twice, 30, twice.length - 30);
      out.flush();

      InputStream in = socket.getInputStream();
      String first = readAnswer(in);
      String second = readAnswer(in);

      assertThat(first)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("X-RateLimit-Resource-Until: ")
          .endsWith("{\"status\":\"OK\",\"result\":{\"chats\":[]}}");
      assertThat(second).startsWith("HTTP/1.1 404 Not Found\r\n").contains("NOT_FOUND");
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  /** Reads one answer by its Content-Length. */
  private static String readAnswer(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the server closed before a full answer").isNotNegative();
      head.append((char) b);
    }
    int at = head.indexOf("Content-Length: ") + 16;
    int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
