package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.model.ChatContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  @Test
  void everyOperation_hasAnAsyncTwinWithTheSameResult() throws Exception {
    stub.ok("{\"chatId\":42}")
        .ok("{\"chatId\":43}")
        .ok("{\"chats\":[" + ChatsClientOperationsTest.CHAT_JSON + "]}")
        .ok(ChatsClientOperationsTest.CHAT_JSON)
        .ok("{\"messages\":[" + ChatsClientOperationsTest.MESSAGE_JSON + "]}")
        .ok(ChatsClientOperationsTest.MESSAGE_JSON)
        .ok(null)
        .ok(null);
    try (ChatsClient client = stub.client().build()) {
      assertThat(client.createChatAsync(1, ChatContext.order(2)).get(5, TimeUnit.SECONDS).chatId())
          .isEqualTo(42);
      assertThat(client.createChatForOrderAsync(1, 2).get(5, TimeUnit.SECONDS).chatId())
          .isEqualTo(43);
      assertThat(client.chatsAsync(1).get(5, TimeUnit.SECONDS).items()).hasSize(1);
      assertThat(client.chatAsync(1, 5).get(5, TimeUnit.SECONDS).chatId()).isEqualTo(5);
      assertThat(client.historyAsync(1, 5).get(5, TimeUnit.SECONDS).items()).hasSize(1);
      assertThat(client.messageAsync(1, 5, 11).get(5, TimeUnit.SECONDS).messageId()).isEqualTo(11);
      assertThat(client.sendMessageAsync(1, 5, "hi").get(5, TimeUnit.SECONDS)).isNull();
      assertThat(
              client
                  .sendFileAsync(1, 5, FileUpload.of("a.txt", new byte[] {1}))
                  .get(5, TimeUnit.SECONDS))
          .isNull();
    }
    List<String> targets = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      targets.add(stub.take().getTarget());
    }
    assertThat(targets)
        .containsExactly(
            "/v2/businesses/1/chats/new",
            "/v2/businesses/1/chats/new",
            "/v2/businesses/1/chats",
            "/v2/businesses/1/chat?chatId=5",
            "/v2/businesses/1/chats/history?chatId=5",
            "/v2/businesses/1/chats/message?chatId=5&messageId=11",
            "/v2/businesses/1/chats/message?chatId=5",
            "/v2/businesses/1/chats/file/send?chatId=5");
  }

  @Test
  void asyncFailure_completesTheFutureWithTheTypedException() {
    stub.enqueue(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
    try (ChatsClient client = stub.client().build()) {
      Throwable t = catchThrowable(() -> client.chatAsync(1, 5).join());
      assertThat(t)
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void asyncRetry_waitsThroughTheSleeperWithoutBlockingTheCaller() throws Exception {
    stub.enqueue(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"UNAVAILABLE\"}]}")
        .ok("{\"chats\":[]}");
    CompletableFuture<Void> wakeUp = new CompletableFuture<>();
    CompletableFuture<Duration> asked = new CompletableFuture<>();
    Sleeper manual =
        d -> {
          asked.complete(d);
          return wakeUp;
        };
    try (ChatsClient client =
        stub.client()
            .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
            .clock(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")))
            .sleeper(manual)
            .build()) {
      CompletableFuture<ChatsPage> page = client.chatsAsync(1);
      stub.take();
      // the first attempt failed and the retry is parked in the sleeper: no thread waits on it
      assertThat(asked.get(5, TimeUnit.SECONDS)).isPositive();
      assertThat(page).isNotDone();
      assertThat(stub.requestCount()).isEqualTo(1);
      wakeUp.complete(null);
      assertThat(page.get(5, TimeUnit.SECONDS).items()).isEmpty();
      assertThat(stub.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void rawAsync_returnsStatusAndHeaders() throws Exception {
    stub.enqueue(200, "{\"status\":\"OK\"}", "X-RateLimit-Resource-Remaining", "7");
    try (ChatsClient client = stub.client().build()) {
      ApiResult<Void> r =
          client.withRawResponse().sendMessageAsync(1, 2, "x").get(5, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.rateLimit()).hasValueSatisfying(rl -> assertThat(rl.remaining()).isEqualTo(7L));
    }
  }
}
