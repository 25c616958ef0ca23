package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.YmEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI and the client library read one environment the same way. */
class EnvironmentAgreementTest {

  @TempDir Path dir;

  @Test
  void theSameVariables_giveTheSameRequest_fromTheCliAndFromYmEnvironment() throws Exception {
    try (StubApi stub = new StubApi()) {
      stub.answer(200, "{\"status\":\"OK\",\"result\":{\"chats\":[]}}");
      Map<String, String> env =
          Map.of(
              "YM_API_KEY", "env-agreement-key",
              "YM_OAUTH_TOKEN", "a-token-the-key-wins-over",
              "YM_BUSINESS_ID", "4242",
              "YM_BASE_URL", stub.baseUrl());

      CliRun cli = new CliRun(dir);
      env.forEach(cli::env);
      assertThat(cli.run("chats").exitCode()).isZero();

      YmEnvironment environment = YmEnvironment.of(env);
      try (ChatsClient client = environment.newClient()) {
        client.chats(environment.requireBusinessId());
      }

      assertThat(stub.requests)
          .containsExactly("POST /v2/businesses/4242/chats", "POST /v2/businesses/4242/chats");
      for (Map<String, List<String>> headers : stub.requestHeaders) {
        assertThat(headers.get("Api-key")).containsExactly("env-agreement-key");
        assertThat(headers.get("Authorization")).isNull();
      }
    }
  }
}
