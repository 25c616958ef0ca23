package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.internal.ErrorMapper;
import dev.ymchat.client.internal.HttpCall;
import dev.ymchat.client.internal.HttpResult;
import dev.ymchat.client.internal.RateLimitingTransport;
import dev.ymchat.client.internal.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  /** An inner transport whose answers the test completes by hand. */
  private static final class PendingTransport implements Transport {
    final List<CompletableFuture<HttpResult>> pending = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<HttpResult> executeAsync(HttpCall call) {
      CompletableFuture<HttpResult> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    void answer(int index) {
      pending.get(index).complete(new HttpResult(200, Map.of(), new byte[0]));
    }
  }

  private static HttpCall call(long businessId, ApiOperation op) {
    return HttpCall.of(
        op,
        businessId,
        "POST",
        URI.create("http://127.0.0.1:1/x"),
        null,
        Duration.ofSeconds(1),
        null);
  }

  @Test
  void fifthConcurrentRequest_waitsUntilOneFinishes() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(inner, ClientRateLimits.defaults(), clock, sleeper);
    List<CompletableFuture<HttpResult>> calls = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(limiter.executeAsync(call(1001, ApiOperation.GET_CHATS)));
    }
    assertThat(inner.pending).hasSize(4);
    assertThat(calls.get(4)).isNotDone();
    assertThat(limiter.inFlight(1001)).isEqualTo(4);

    inner.answer(0);
    assertThat(calls.get(0)).isCompleted();
    assertThat(inner.pending).hasSize(5);
    inner.answer(4);
    assertThat(calls.get(4)).isCompleted();
    assertThat(limiter.inFlight(1001)).isEqualTo(3);
  }

  @Test
  void anotherBusiness_isNotHeldBackByAFullOne() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(inner, ClientRateLimits.defaults(), clock, sleeper);
    for (int i = 0; i < 4; i++) {
      limiter.executeAsync(call(1001, ApiOperation.GET_CHATS));
    }
    limiter.executeAsync(call(1002, ApiOperation.GET_CHATS));
    assertThat(inner.pending).hasSize(5);
  }

  @Test
  void failFast_fifthConcurrentRequest_throwsClientRateLimitException() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(
            inner, ClientRateLimits.builder().failFast().build(), clock, sleeper);
    for (int i = 0; i < 4; i++) {
      limiter.executeAsync(call(1001, ApiOperation.SEND_MESSAGE));
    }
    CompletableFuture<HttpResult> fifth =
        limiter.executeAsync(call(1001, ApiOperation.SEND_MESSAGE));
    Throwable failure = ErrorMapper.unwrap(catchThrowableOfType(Exception.class, fifth::join));
    assertThat(failure)
        .isInstanceOf(ClientRateLimitException.class)
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("4 requests in flight (the client-side cap)");
    assertThat(((ClientRateLimitException) failure).statusCode()).isZero();
    assertThat(inner.pending).hasSize(4);
  }

  @Test
  void hourlyQuota_failFast_refusesUntilTheWindowResets() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(
            inner,
            ClientRateLimits.builder().hourlyQuota(ApiOperation.GET_CHATS, 2).failFast().build(),
            clock,
            sleeper);
    limiter.executeAsync(call(1001, ApiOperation.GET_CHATS));
    limiter.executeAsync(call(1001, ApiOperation.GET_CHATS));
    inner.answer(0);
    inner.answer(1);
    CompletableFuture<HttpResult> third = limiter.executeAsync(call(1001, ApiOperation.GET_CHATS));
    ClientRateLimitException e =
        (ClientRateLimitException)
            ErrorMapper.unwrap(catchThrowableOfType(Exception.class, third::join));
    assertThat(e.getMessage()).contains("hourly quota of 2", "business 1001");
    assertThat(e.rateLimit())
        .hasValueSatisfying(
            rl -> {
              assertThat(rl.limit()).isEqualTo(2L);
              assertThat(rl.remaining()).isZero();
              assertThat(rl.until()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
            });
    // other operations have their own quota
    limiter.executeAsync(call(1001, ApiOperation.GET_CHAT_HISTORY));
    assertThat(inner.pending).hasSize(3);
    // a new window opens after an hour
    clock.advance(Duration.ofHours(1));
    limiter.executeAsync(call(1001, ApiOperation.GET_CHATS));
    assertThat(inner.pending).hasSize(4);
  }

  @Test
  void hourlyQuota_waiting_sleepsUntilTheWindowResets() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(
            inner,
            ClientRateLimits.builder()
                .hourlyQuota(ApiOperation.SEND_FILE, 1)
                .waitUpTo(Duration.ofHours(2))
                .build(),
            clock,
            sleeper);
    limiter.executeAsync(call(1001, ApiOperation.SEND_FILE));
    clock.advance(Duration.ofMinutes(10));
    limiter.executeAsync(call(1001, ApiOperation.SEND_FILE));
    assertThat(sleeper.delays).containsExactly(Duration.ofMinutes(50));
    assertThat(inner.pending).hasSize(2);
  }

  @Test
  void hourlyQuota_waitLongerThanAllowed_fails() {
    PendingTransport inner = new PendingTransport();
    RateLimitingTransport limiter =
        new RateLimitingTransport(
            inner,
            ClientRateLimits.builder().hourlyQuota(ApiOperation.SEND_FILE, 1).build(),
            clock,
            sleeper);
    limiter.executeAsync(call(1001, ApiOperation.SEND_FILE));
    CompletableFuture<HttpResult> second = limiter.executeAsync(call(1001, ApiOperation.SEND_FILE));
    assertThat(ErrorMapper.unwrap(catchThrowableOfType(Exception.class, second::join)))
        .isInstanceOf(ClientRateLimitException.class);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void defaults_matchTheDocumentedQuotas() {
    ClientRateLimits d = ClientRateLimits.defaults();
    assertThat(d.maxInFlight()).isEqualTo(4);
    assertThat(d.hourlyQuota(ApiOperation.CREATE_CHAT)).isEqualTo(1000);
    assertThat(d.hourlyQuota(ApiOperation.GET_CHATS)).isEqualTo(5000);
    assertThat(d.hourlyQuota(ApiOperation.GET_CHAT_HISTORY)).isEqualTo(10000);
    assertThat(d.hourlyQuota(ApiOperation.SEND_MESSAGE)).isEqualTo(1000);
    assertThat(d.hourlyQuota(ApiOperation.SEND_FILE)).isEqualTo(1000);
    assertThat(d.hourlyQuota(ApiOperation.GET_CHAT)).isEqualTo(1000);
    assertThat(d.hourlyQuota(ApiOperation.GET_CHAT_MESSAGE)).isEqualTo(1000);
  }

  @Test
  void throughTheClient_clientLimitIsNotRetriedAndNothingMoreIsSent() {
    try (Stub stub = new Stub()) {
      stub.ok("{\"chats\":[]}").ok("{\"chats\":[]}");
      try (ChatsClient client =
          stub.client()
              .retryPolicy(RetryPolicy.defaults())
              .rateLimiter(
                  ClientRateLimits.builder()
                      .hourlyQuota(ApiOperation.GET_CHATS, 1)
                      .failFast()
                      .build())
              .clock(clock)
              .sleeper(sleeper)
              .build()) {
        client.chats(1001);
        ClientRateLimitException e =
            catchThrowableOfType(ClientRateLimitException.class, () -> client.chats(1001));
        assertThat(e.getMessage()).startsWith("getChats not sent: the client-side hourly quota");
      }
      assertThat(stub.requestCount()).isEqualTo(1);
      assertThat(sleeper.delays).isEmpty();
    }
  }
}
