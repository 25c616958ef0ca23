package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.SandboxDemo;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.ApiOperation;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A used-up quota in the sandbox gives exit code 5 and one line saying to wait. */
class RateLimitTest {

  @TempDir Path dir;

  @Test
  void quotaUsedUp_exitsWithRateLimitCode() {
    try (SandboxServer sandbox = SandboxServer.builder().port(0).inMemory().seedDemo(true)
        .rateLimits(SandboxRateLimits.defaults().quota(ApiOperation.GET_CHATS, 1)).build().start()) {
      CliRun cli = new CliRun(dir);
      CliRun.Result first = cli.run("chats", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(first.exitCode()).isZero();
      CliRun.Result second = cli.run("chats", "--sandbox", "--base-url", sandbox.baseUrl());
      assertThat(second.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
      assertThat(second.errLines()).hasSize(1);
      assertThat(second.err()).contains("rate limited", "HTTP 420", "retry").doesNotContain(SandboxDemo.ALL_METHODS_KEY);
    }
  }
}
