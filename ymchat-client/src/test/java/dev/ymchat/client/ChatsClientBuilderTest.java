package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatsClientBuilderTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  @Test
  void fromEnv_usesApiKeyAndBaseUrl() {
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client =
        ChatsClient.fromEnv(Map.of("YM_API_KEY", "env-key", "YM_BASE_URL", stub.baseUrl()))) {
      client.chats(7);
    }
    assertThat(stub.take().getHeaders().get("Api-Key")).isEqualTo("env-key");
  }

  @Test
  void fromEnv_usesOauthTokenWhenThereIsNoKey() {
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client =
        ChatsClient.fromEnv(Map.of("YM_OAUTH_TOKEN", "env-token", "YM_BASE_URL", stub.baseUrl()))) {
      client.chats(7);
    }
    assertThat(stub.take().getHeaders().get("Authorization")).isEqualTo("Bearer env-token");
  }

  @Test
  void fromEnv_withoutCredentials_namesTheVariables() {
    assertThatThrownBy(() -> ChatsClient.fromEnv(Map.of("YM_BASE_URL", "http://127.0.0.1:1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("YM_API_KEY")
        .hasMessageContaining("YM_OAUTH_TOKEN");
  }

  @Test
  void build_failsEarlyNamingTheBadSetting() {
    assertThatThrownBy(() -> ChatsClient.builder().build()).hasMessageContaining("no credentials");
    assertThatThrownBy(() -> ChatsClient.builder().apiKey("a").oauthToken("b").build())
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> ChatsClient.builder().apiKey("a").baseUrl("ftp://x").build())
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> ChatsClient.builder().apiKey("a").baseUrl("not a url").build())
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(
            () -> ChatsClient.builder().apiKey("a").requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> ChatsClient.builder().apiKey("key with space").build())
        .hasMessageContaining("apiKey")
        .hasMessageNotContaining("key with space");
  }

  @Test
  void defaults_pointAtTheLiveApi() {
    try (ChatsClient client = ChatsClient.builder().apiKey("k").build()) {
      assertThat(client.toString())
          .contains(
              "baseUrl=https://api.partner.market.yandex.ru", "pathStyle=V2", "rateLimiter=off");
    }
  }

  @Test
  void perCallTimeout_endsASlowAttemptWithAnUnknownOutcome() {
    stub.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"OK\"}")
            .headersDelay(3, TimeUnit.SECONDS)
            .build());
    try (ChatsClient client = stub.client().build()) {
      ChatsClient quick =
          client.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(300)).build());
      TransportException e =
          catchThrowableOfType(TransportException.class, () -> quick.sendMessage(1, 2, "x"));
      assertThat(e.outcome()).isEqualTo(TransportException.Outcome.UNKNOWN);
      assertThat(e.getMessage()).contains("timed out");
    }
  }

  @Test
  void baseUrlWithTrailingSlash_isJoinedCleanly() {
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client = stub.client().baseUrl(stub.baseUrl() + "/").build()) {
      client.chats(7);
    }
    assertThat(stub.take().getTarget()).isEqualTo("/v2/businesses/7/chats");
  }
}
