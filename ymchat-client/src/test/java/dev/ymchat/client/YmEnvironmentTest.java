package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client reads the same four variables as the command line, business id included. */
class YmEnvironmentTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  @Test
  void allFourVariables_giveTheClientAndTheBusinessId() {
    YmEnvironment env =
        YmEnvironment.of(
            Map.of(
                "YM_API_KEY",
                " " + Stub.KEY + " ",
                "YM_OAUTH_TOKEN",
                "ignored-token-because-the-key-wins",
                "YM_BUSINESS_ID",
                "1001",
                "YM_BASE_URL",
                stub.baseUrl()));
    assertThat(env.businessId()).hasValue(1001);
    assertThat(env.requireBusinessId()).isEqualTo(1001);
    assertThat(env.baseUrl()).contains(stub.baseUrl());
    stub.ok("{\"chats\":[]}");
    try (ChatsClient client = env.newClient()) {
      client.chats(env.requireBusinessId());
    }
    RecordedRequest r = stub.take();
    assertThat(r.getTarget()).isEqualTo("/v2/businesses/1001/chats");
    assertThat(r.getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(r.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void fromEnv_andYmEnvironment_readTheVariablesAlike() {
    Map<String, String> vars = Map.of("YM_OAUTH_TOKEN", "tok-123", "YM_BASE_URL", stub.baseUrl());
    try (ChatsClient a = ChatsClient.fromEnv(vars);
        ChatsClient b = YmEnvironment.of(vars).newClient()) {
      assertThat(a.toString()).isEqualTo(b.toString()).contains("OAuth(redacted)", stub.baseUrl());
    }
  }

  @Test
  void blankValues_countAsUnset() {
    YmEnvironment env =
        YmEnvironment.of(Map.of("YM_API_KEY", " ", "YM_BUSINESS_ID", "", "YM_BASE_URL", "\t"));
    assertThat(env.hasCredentials()).isFalse();
    assertThat(env.businessId()).isEmpty();
    assertThat(env.baseUrl()).isEmpty();
    assertThatThrownBy(env::clientBuilder)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set YM_API_KEY");
    assertThatThrownBy(env::requireBusinessId)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set YM_BUSINESS_ID");
  }

  @Test
  void badBusinessId_isNamedWithItsValue() {
    for (String bad : new String[] {"abc", "0", "-5", "1.5", "99999999999999999999"}) {
      assertThatThrownBy(() -> YmEnvironment.of(Map.of("YM_BUSINESS_ID", bad)).businessId())
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "YM_BUSINESS_ID must be a positive number (the business id from the seller"
                  + " cabinet), not '"
                  + bad
                  + "'");
    }
  }

  @Test
  void toString_namesTheVariablesButNotTheSecrets() {
    assertThat(YmEnvironment.of(Map.of("YM_API_KEY", Stub.KEY, "YM_BUSINESS_ID", "7")).toString())
        .doesNotContain(Stub.KEY)
        .contains("Api-Key(redacted)", "businessId=7");
  }
}
