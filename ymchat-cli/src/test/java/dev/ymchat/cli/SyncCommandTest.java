package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

  @TempDir Path dir;

  @Test
  void sync_backfillsWithProgress_stopsCleanly_andStatusShowsTheMirror() {
    try (SandboxServer sandbox =
        SandboxServer.builder().port(0).inMemory().seedDemo(true).build().start()) {
      String db = "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath();
      CliRun cli =
          new CliRun(dir)
              .env("YM_API_KEY", SandboxDemo.ALL_METHODS_KEY)
              .env("YM_BUSINESS_ID", Long.toString(SandboxDemo.BUSINESS_ID))
              .env("YM_BASE_URL", sandbox.baseUrl());

      CliRun.Result run =
          cli.run(
              "sync",
              "--db",
              db,
              "--webhook-port",
              "0",
              "--exit-after-backfill",
              "--run-for",
              "5m");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("sync of business " + SandboxDemo.BUSINESS_ID)
          .contains("backfill done:")
          .contains("stopped");

      CliRun.Result status = cli.run("sync", "status", "--db", db);
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out())
          .contains("business " + SandboxDemo.BUSINESS_ID)
          .contains("backfill        DONE")
          .contains("outbox          0 queued, 0 blocked, 0 sent")
          .contains("quota           getChatHistory");

      CliRun.Result json = cli.run("sync", "status", "--db", db, "--output", "json");
      assertThat(json.exitCode()).isZero();
      assertThat(json.out()).contains("\"backfill\":\"DONE\"").contains("\"outboxDepth\":0");
    }
  }

  @Test
  void aPasswordInTheDatabaseUrl_isRefused_withoutEchoingIt() {
    CliRun.Result run =
        new CliRun(dir)
            .env("YM_API_KEY", SandboxDemo.ALL_METHODS_KEY)
            .env("YM_BUSINESS_ID", "1001")
            .run("sync", "status", "--db", "jdbc:postgresql://db:5432/m?user=u&password=hunter2");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("YM_SYNC_DB_PASSWORD").doesNotContain("hunter2");
  }

  @Test
  void anUnsupportedDatabase_isAUsageError() {
    CliRun.Result run = new CliRun(dir).run("sync", "status", "--db", "jdbc:mysql://db/m");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("jdbc:postgresql");
  }

  @Test
  void syncHelp_offersNoOptionThatTakesASecret() {
    for (String[] help : new String[][] {{"sync", "--help"}, {"sync", "status", "--help"}}) {
      CliRun.Result run = new CliRun(dir).run(help);
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("--db")
          .contains("YM_SYNC_DB_PASSWORD")
          .doesNotContain("--api-key")
          .doesNotContain("--oauth-token")
          .doesNotContainIgnoringCase("--password");
    }
  }

  @Test
  void aSecretFlag_isRefusedBySync_afterTheCommandAndBeforeIt_withoutEchoingIt() {
    CliRun.Result after =
        new CliRun(dir).run("sync", "--api-key", "secret-key-123", "--db", "jdbc:h2:mem:x");
    assertThat(after.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(after.err()).contains("--api-key").doesNotContain("secret-key-123");

    CliRun.Result before =
        new CliRun(dir).run("--oauth-token", "secret-token-456", "sync", "status");
    assertThat(before.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(before.err()).contains("YM_API_KEY").doesNotContain("secret-token-456");
  }
}
