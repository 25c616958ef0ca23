package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits and injected faults of a real sandbox become the CLI's exit codes, one line each. */
class SandboxErrorClassesTest {

  @TempDir Path dir;

  @Test
  void quotaUsedUp_exitsWithRateLimitCode() {
    try (SandboxServer sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.defaults().quota(ApiOperation.GET_CHATS, 1))
            .build()
            .start()) {
      CliRun cli = new CliRun(dir);
      CliRun.Result first = cli.run("chats", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(first.exitCode()).isZero();
      CliRun.Result second = cli.run("chats", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(second.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
      assertThat(second.errLines()).hasSize(1);
      assertThat(second.err())
          .contains("rate limited", "HTTP 420", "retry")
          .doesNotContain(SandboxDemo.ALL_METHODS_KEY);
    }
  }

  @Test
  void serverErrors_exitWithServerCode() {
    try (SandboxServer sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            .faults(FaultConfig.parse("seed=1,503=1"))
            .build()
            .start()) {
      CliRun.Result result =
          new CliRun(dir).run("chats", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER);
      assertThat(result.errLines()).hasSize(1);
      assertThat(result.err()).contains("the API failed", "HTTP 503", "retry later");
    }
  }

  @Test
  void droppedConnections_exitWithNetworkCode() {
    try (SandboxServer sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            .faults(FaultConfig.parse("seed=1,drop=1"))
            .build()
            .start()) {
      CliRun.Result result =
          new CliRun(dir).run("chat", "10000", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(result.exitCode()).isEqualTo(ExitCodes.NETWORK);
      assertThat(result.errLines()).hasSize(1);
      assertThat(result.err()).contains("cannot reach the API");
    }
  }
}
