package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.internal.Credentials;
import dev.ymchat.client.internal.HttpCall;
import dev.ymchat.client.testsupport.CapturedLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretsAndLoggingTest {

  private static final String TOKEN = "oauth-TOKEN-SECRET-9876";

  private final Stub stub = new Stub();
  @RegisterExtension final CapturedLogs logs = new CapturedLogs("dev.ymchat.client");

  @AfterEach
  void release() {
    stub.close();
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(Stub.KEY).doesNotContain(TOKEN);
  }

  private static String describe(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void toStrings_ofBuilderClientViewsAndCredentials_hideTheSecret() {
    ChatsClientBuilder keyBuilder = stub.client();
    ChatsClientBuilder tokenBuilder =
        ChatsClient.builder().oauthToken(TOKEN).baseUrl(stub.baseUrl());
    try (ChatsClient a = keyBuilder.build();
        ChatsClient b = tokenBuilder.build()) {
      for (Object o :
          List.of(
              keyBuilder,
              tokenBuilder,
              a,
              b,
              a.withRawResponse(),
              a.withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(1)).build()),
              Credentials.apiKey(Stub.KEY),
              Credentials.oauth(TOKEN),
              HttpCall.of(
                      ApiOperation.GET_CHATS,
                      1,
                      "POST",
                      URI.create("http://127.0.0.1:1/x"),
                      null,
                      Duration.ofSeconds(1),
                      null)
                  .withHeader("Api-Key", Stub.KEY))) {
        assertNoSecret(o.toString());
      }
      assertThat(a.toString()).contains("Api-Key(redacted)", stub.baseUrl());
      assertThat(b.toString()).contains("OAuth(redacted)");
    }
  }

  @Test
  void everyErrorClass_andTheDebugLog_carryNoSecret() {
    String error = "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"X\",\"message\":\"m\"}]}";
    for (int status : new int[] {400, 401, 403, 404, 409, 420, 423, 500, 503}) {
      stub.enqueue(status, error);
    }
    stub.enqueue(502, "<html>gateway</html>");
    stub.enqueue(200, "not json");
    stub.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    stub.ok("{\"chats\":[]}");

    List<Throwable> failures = new ArrayList<>();
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (ChatsClient client =
        stub.client()
            .rateLimiter(
                ClientRateLimits.builder()
                    .hourlyQuota(ApiOperation.GET_CHATS, 13)
                    .failFast()
                    .build())
            .clock(clock)
            .sleeper(new RecordingSleeper(clock))
            .build()) {
      for (int i = 0; i < 12; i++) {
        failures.add(catchThrowable(() -> client.chats(1001)));
      }
      client.chats(1001);
      failures.add(catchThrowable(() -> client.chats(1001)));
    }
    try (ChatsClient refused =
        ChatsClient.builder()
            .oauthToken(TOKEN)
            .baseUrl("http://127.0.0.1:" + RetryTest.freePort())
            .retryPolicy(RetryPolicy.none())
            .build()) {
      failures.add(catchThrowable(() -> refused.sendMessage(1, 2, "x")));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }

    assertThat(failures).allSatisfy(t -> assertThat(t).isInstanceOf(YmChatException.class));
    assertThat(failures)
        .extracting(t -> t.getClass().getSimpleName())
        .contains(
            "BadRequestException",
            "UnauthorizedException",
            "ForbiddenException",
            "NotFoundException",
            "ApiException",
            "RateLimitException",
            "LockedException",
            "ServerException",
            "InvalidResponseException",
            "TransportException",
            "ClientRateLimitException");
    assertThat(failures.get(12)).isInstanceOf(ClientRateLimitException.class);
    for (Throwable t : failures) {
      assertNoSecret(describe(t));
      assertNoSecret(((YmChatException) t).headers().toString());
    }

    assertThat(logs.events()).isNotEmpty();
    for (ILoggingEvent event : logs.events()) {
      assertNoSecret(event.getFormattedMessage());
    }
    assertThat(logs.events())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .matches(
                        "getChats POST /v2/businesses/1001/chats -> HTTP 200 \\(attempt 1, \\d+ ms\\)"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "getChats POST /v2/businesses/1001/chats -> RateLimitException status 420 (attempt 1"));
    assertThat(logs.events()).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
  }

  @Test
  void retries_areLoggedWithTheirAttemptNumber() {
    stub.enqueue(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"U\"}]}").ok("{\"chats\":[]}");
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (ChatsClient client =
        stub.client()
            .retryPolicy(RetryPolicy.defaults())
            .clock(clock)
            .sleeper(new RecordingSleeper(clock))
            .build()) {
      client.chats(1001);
    }
    assertThat(logs.events())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("ServerException status 503 (attempt 1"))
        .anySatisfy(m -> assertThat(m).contains("retrying in"))
        .anySatisfy(m -> assertThat(m).contains("HTTP 200 (attempt 2"));
  }
}
