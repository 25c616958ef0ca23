package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo runs a whole seller's day and leaves nothing running; sandbox serves until stopped. */
class DemoAndSandboxCommandTest {

  @TempDir Path dir;

  @Test
  void demo_showsEveryStep_exitsZero_andLeavesNoThreadBehind() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    CliRun.Result result = new CliRun(dir).run("demo");
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains(
            "1. Chats waiting for our answer",
            "2. Reading the history",
            "3. Answering it",
            "4. Sending a file",
            "5. Opening a chat for an order",
            "6. The buyer replies",
            "7. Seeing the reply through the API",
            "8. The push notification",
            "received CHAT_MESSAGE_SENT",
            "9. A mirror (ymchat-sync)",
            "backfill done:",
            "in the mirror",
            "SENT exactly once",
            "ymchat inbox --demo",
            "Done.");
    // The JVM must be able to exit by itself: no non-daemon thread the demo started may survive it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> left;
    do {
      left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
              .map(Thread::getName)
              .collect(Collectors.toSet());
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(50); // waiting for threads the demo stopped to finish; nothing to inject here
    } while (System.nanoTime() < deadline);
    assertThat(left).isEmpty();
  }

  @Test
  void sandbox_printsItsBanner_servesTheApi_andStopsWhenInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        CliContext.builder()
            .env(java.util.Map.of("YMCHAT_CONFIG_DIR", dir.toString()))
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(err, true))
            .workingDir(dir)
            .build();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        context,
                        "sandbox",
                        "--port",
                        "0",
                        "--in-memory",
                        "--seed-demo",
                        "--no-rate-limits",
                        "--faults",
                        "seed=3,latency=1ms",
                        "--webhook",
                        "http://127.0.0.1:9/notification",
                        "--webhook-faults",
                        "loss=0.25,duplicate=0.5,seed=9")));
    server.start();
    try {
      String url =
          CompletableFuture.supplyAsync(
                  () -> {
                    Pattern base = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
                    while (true) {
                      String text = out.toString();
                      if (text.contains("Try:")) {
                        Matcher m = base.matcher(text);
                        if (m.find()) {
                          return m.group(1);
                        }
                      }
                      Thread.onSpinWait();
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      assertThat(out.toString())
          .contains("demo-all-methods-key", "Ctrl-C", "faults")
          .contains("loss=0.25,duplicate=0.5,delay=500ms,seed=9");
      CliRun.Result chats = new CliRun(dir).run("chats", "--sandbox", "--base-url", url, "--all");
      assertThat(chats.exitCode()).isZero();
      assertThat(chats.out()).contains("CHAT ID");
    } finally {
      server.interrupt();
      server.join(TimeUnit.SECONDS.toMillis(20));
    }
    assertThat(server.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void sandbox_takesTheAdminTokenFromTheEnvironment_andWarnsAboutTheFlag() throws Exception {
    assertThat(startAndStop(java.util.Map.of("YM_SANDBOX_ADMIN_TOKEN", "env-admin-token")))
        .contains("admin token  : env-admin-token")
        .doesNotContain("warning");
    String flagged = startAndStop(java.util.Map.of(), "--admin-token", "flag-admin-token");
    assertThat(flagged)
        .contains("admin token  : flag-admin-token")
        .contains("--admin-token is visible to other users", "YM_SANDBOX_ADMIN_TOKEN");
  }

  /** Starts `ymchat sandbox` in-process, waits for its banner, stops it; returns out and err. */
  private String startAndStop(java.util.Map<String, String> extraEnv, String... extra)
      throws Exception {
    StringWriter out = new StringWriter();
    java.util.Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("YMCHAT_CONFIG_DIR", dir.toString());
    CliContext context =
        CliContext.builder()
            .env(env)
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(out, true))
            .workingDir(dir)
            .build();
    java.util.List<String> args =
        new java.util.ArrayList<>(java.util.List.of("sandbox", "--port", "0", "--in-memory"));
    args.addAll(java.util.List.of(extra));
    Thread server = new Thread(() -> Main.run(context, args.toArray(String[]::new)));
    server.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!out.toString().contains("Try:") && System.nanoTime() < deadline) {
        Thread.sleep(10); // waiting for another thread's banner; nothing to inject
      }
      return out.toString();
    } finally {
      server.interrupt();
      server.join(TimeUnit.SECONDS.toMillis(20));
    }
  }

  @Test
  void sandbox_badFaultSpec_isAUsageError() {
    CliRun.Result result =
        new CliRun(dir).run("sandbox", "--port", "0", "--in-memory", "--faults", "500=7");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err()).contains("--faults");
  }

  @Test
  void sandbox_demoCredentialsOnANetworkAddress_areRefusedWithWhatToDo() {
    CliRun.Result result =
        new CliRun(dir)
            .run("sandbox", "--host", "0.0.0.0", "--port", "0", "--in-memory", "--seed-demo");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("0.0.0.0", "127.0.0.1", "--allow-demo-credentials-on-network")
        .doesNotContain("demo-admin-token", "demo-all-methods-key");
    assertThat(result.out()).doesNotContain("Try:");
  }

  @Test
  void sandbox_badWebhookFaultSpec_isAUsageError() {
    CliRun.Result bad =
        new CliRun(dir)
            .run(
                "sandbox",
                "--port",
                "0",
                "--in-memory",
                "--webhook",
                "http://127.0.0.1:9/notification",
                "--webhook-faults",
                "loss=0.8,duplicate=0.5");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--webhook-faults", "at most 1");
    CliRun.Result withoutWebhook =
        new CliRun(dir)
            .run("sandbox", "--port", "0", "--in-memory", "--webhook-faults", "loss=0.1");
    assertThat(withoutWebhook.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutWebhook.err()).contains("--webhook");
  }
}
