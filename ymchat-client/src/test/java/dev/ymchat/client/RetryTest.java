package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.BadRequestException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {

  static final String OK_CHATS = "{\"status\":\"OK\",\"result\":{\"chats\":[]}}";
  static final String SERVER_ERROR =
      "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}";
  static final String LIMIT =
      "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"LIMIT_EXCEEDED\","
          + "\"message\":\"Hit rate limit of 4 parallel requests\"}]}";

  /** Jitter that always picks the middle of the range, so delays are exact. */
  static final class HalfRandom extends Random {
    private static final long serialVersionUID = 1L;

    @Override
    public double nextDouble() {
      return 0.5;
    }
  }

  private final Stub stub = new Stub();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  @AfterEach
  void close() {
    stub.close();
  }

  private RetryPolicy.Builder policy() {
    return RetryPolicy.builder()
        .maxAttempts(4)
        .initialBackoff(Duration.ofMillis(500))
        .maxBackoff(Duration.ofSeconds(30))
        .totalBudget(Duration.ofMinutes(2))
        .random(new HalfRandom());
  }

  private ChatsClient client(RetryPolicy policy) {
    return stub.client().retryPolicy(policy).clock(clock).sleeper(sleeper).build();
  }

  private static MockResponse dropAfterReadingRequest() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  @Test
  void read_retriesOn500_withExponentialFullJitterBackoff() {
    stub.enqueue(500, SERVER_ERROR).enqueue(500, SERVER_ERROR).enqueue(200, OK_CHATS);
    try (ChatsClient client = client(policy().build())) {
      assertThat(client.chats(1001).items()).isEmpty();
    }
    assertThat(stub.requestCount()).isEqualTo(3);
    // caps 500 ms then 1000 ms, half of each
    assertThat(sleeper.delays).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void backoff_isCappedByMaxBackoff() {
    RetryPolicy p =
        policy().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(4)).build();
    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(2000));
    assertThat(p.backoff(10)).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void http420_waitsUntilRateLimitResetWhenNear() {
    stub.enqueue(420, LIMIT, "X-RateLimit-Resource-Until", "Thu, 01 Jan 2026 00:00:10 GMT")
        .enqueue(200, OK_CHATS);
    try (ChatsClient client = client(policy().build())) {
      client.chats(1001);
    }
    assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(10));
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void http420_withFarReset_fallsBackToBackoff() {
    stub.enqueue(420, LIMIT, "X-RateLimit-Resource-Until", "Thu, 01 Jan 2026 01:00:00 GMT")
        .enqueue(200, OK_CHATS);
    try (ChatsClient client = client(policy().maxRateLimitWait(Duration.ofSeconds(60)).build())) {
      client.chats(1001);
    }
    assertThat(sleeper.delays).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void budgetExhaustion_stopsRetryingAndThrowsTheLastFailure() {
    stub.enqueue(500, SERVER_ERROR).enqueue(503, SERVER_ERROR).enqueue(200, OK_CHATS);
    RetryPolicy p =
        policy()
            .maxAttempts(10)
            .initialBackoff(Duration.ofMillis(1600))
            .totalBudget(Duration.ofSeconds(2))
            .build();
    ServerException e;
    try (ChatsClient client = client(p)) {
      e = catchThrowableOfType(ServerException.class, () -> client.chats(1001));
    }
    // first retry waits 800 ms; the second would wait 1600 ms more: past the 2 s budget
    assertThat(sleeper.delays).containsExactly(Duration.ofMillis(800));
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void maxAttempts_boundsTheNumberOfRequests() {
    for (int i = 0; i < 3; i++) {
      stub.enqueue(500, SERVER_ERROR);
    }
    try (ChatsClient client = client(policy().maxAttempts(3).build())) {
      catchThrowableOfType(ServerException.class, () -> client.chats(1001));
    }
    assertThat(stub.requestCount()).isEqualTo(3);
    assertThat(sleeper.delays).hasSize(2);
  }

  @Test
  void perCallOptions_overrideMaxAttempts() {
    stub.enqueue(500, SERVER_ERROR).enqueue(200, OK_CHATS);
    try (ChatsClient client = client(policy().build())) {
      ChatsClient once = client.withOptions(RequestOptions.builder().maxAttempts(1).build());
      catchThrowableOfType(ServerException.class, () -> once.chats(1001));
    }
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  @Test
  void badRequest_isNeverRetried() {
    stub.enqueue(400, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"BAD_REQUEST\"}]}");
    try (ChatsClient client = client(policy().build())) {
      catchThrowableOfType(BadRequestException.class, () -> client.chats(1001));
    }
    assertThat(stub.requestCount()).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void createChat_isRetriedOn500BecauseItReturnsTheExistingChat() {
    stub.enqueue(500, SERVER_ERROR).enqueue(200, "{\"status\":\"OK\",\"result\":{\"chatId\":9}}");
    try (ChatsClient client = client(policy().build())) {
      assertThat(client.createChat(1001, dev.ymchat.client.model.ChatContext.order(5)).chatId())
          .isEqualTo(9);
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void sendMessage_isNotRetriedOn500() {
    stub.enqueue(500, SERVER_ERROR).enqueue(200, "{\"status\":\"OK\"}");
    try (ChatsClient client = client(policy().build())) {
      catchThrowableOfType(ServerException.class, () -> client.sendMessage(1001, 5, "hi"));
    }
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  @Test
  void sendMessage_isRetriedOn503And420_whichSayItWasNotProcessed() {
    stub.enqueue(503, SERVER_ERROR).enqueue(420, LIMIT).enqueue(200, "{\"status\":\"OK\"}");
    try (ChatsClient client = client(policy().build())) {
      client.sendMessage(1001, 5, "hi");
    }
    assertThat(stub.requestCount()).isEqualTo(3);
  }

  @Test
  void sendMessage_isNotRepeatedAfterTheServerReadItAndDroppedTheConnection() {
    stub.enqueue(dropAfterReadingRequest()).enqueue(200, "{\"status\":\"OK\"}");
    TransportException e;
    try (ChatsClient client = client(policy().build())) {
      e = catchThrowableOfType(TransportException.class, () -> client.sendMessage(1001, 5, "hi"));
    }
    assertThat(e.outcome()).isEqualTo(TransportException.Outcome.UNKNOWN);
    assertThat(e.getMessage()).contains("sendMessageToChat failed", "may have processed");
    assertThat(stub.requestCount()).isEqualTo(1);
    assertThat(Stub.body(stub.take())).isEqualTo("{\"message\":\"hi\"}");
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void sendFile_isNotRepeatedAfterAnAmbiguousFailure() {
    stub.enqueue(dropAfterReadingRequest()).enqueue(200, "{\"status\":\"OK\"}");
    TransportException e;
    try (ChatsClient client = client(policy().build())) {
      e =
          catchThrowableOfType(
              TransportException.class,
              () -> client.sendFile(1001, 5, FileUpload.of("a.txt", new byte[] {1})));
    }
    assertThat(e.outcome()).isEqualTo(TransportException.Outcome.UNKNOWN);
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  @Test
  void read_isRetriedAfterADroppedConnection() {
    stub.enqueue(dropAfterReadingRequest()).enqueue(200, OK_CHATS);
    try (ChatsClient client = client(policy().build())) {
      client.chats(1001);
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void sendMessage_isRetriedAfterConnectionRefused() throws IOException {
    int port = freePort();
    AtomicReference<Stub> late = new AtomicReference<>();
    RecordingSleeper startServerWhileWaiting =
        new RecordingSleeper(
            clock,
            () -> {
              if (late.get() == null) {
                Stub s = new Stub(port);
                s.enqueue(200, "{\"status\":\"OK\"}");
                late.set(s);
              }
            });
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl("http://127.0.0.1:" + port)
            .retryPolicy(policy().build())
            .clock(clock)
            .sleeper(startServerWhileWaiting)
            .build()) {
      client.sendMessage(1001, 5, "hi");
      assertThat(startServerWhileWaiting.delays).hasSize(1);
      assertThat(late.get().requestCount()).isEqualTo(1);
      assertThat(Stub.body(late.get().take())).isEqualTo("{\"message\":\"hi\"}");
    } finally {
      if (late.get() != null) {
        late.get().close();
      }
    }
  }

  @Test
  void connectionRefused_throwsTransportExceptionNotSent_afterAllAttempts() throws IOException {
    int port = freePort();
    TransportException e;
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(Stub.KEY)
            .baseUrl("http://127.0.0.1:" + port)
            .retryPolicy(policy().maxAttempts(2).build())
            .clock(clock)
            .sleeper(sleeper)
            .build()) {
      e = catchThrowableOfType(TransportException.class, () -> client.sendMessage(1001, 5, "hi"));
    }
    assertThat(e.outcome()).isEqualTo(TransportException.Outcome.NOT_SENT);
    assertThat(e.statusCode()).isZero();
    assertThat(e.getMessage()).contains("could not connect", "not sent");
    assertThat(sleeper.delays).hasSize(1);
  }

  @Test
  void rateLimitException_afterLastAttempt_keepsHeaders() {
    stub.enqueue(420, LIMIT, "X-RateLimit-Resource-Remaining", "0")
        .enqueue(420, LIMIT, "X-RateLimit-Resource-Remaining", "0");
    RateLimitException e;
    try (ChatsClient client = client(policy().maxAttempts(2).build())) {
      e = catchThrowableOfType(RateLimitException.class, () -> client.chats(1001));
    }
    assertThat(e.rateLimit()).hasValueSatisfying(rl -> assertThat(rl.remaining()).isZero());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
