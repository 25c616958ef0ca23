package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ymchat as a real process: what a client-only command loads (start-up time), and what Ctrl-C (a
 * signal, which only a separate JVM can receive) does to an export.
 */
class ChildProcessTest {

  /** Classes that only the sandbox needs: none may be loaded by a command that calls the API. */
  private static final Pattern SERVER_SIDE =
      Pattern.compile(
          "\\] (io\\.javalin|org\\.eclipse\\.jetty|org\\.h2|ch\\.qos\\.logback|org\\.flywaydb"
              + "|dev\\.ymchat\\.sandbox)\\.");

  @TempDir Path dir;

  /** A started child JVM running dev.ymchat.cli.Main. */
  private Process start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.ymchat.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("YMCHAT_CONFIG_DIR", dir.resolve("cfg").toString());
    builder.environment().remove("YM_API_KEY");
    builder.environment().remove("YM_OAUTH_TOKEN");
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve(log.getFileName() + ".out").toFile());
    builder.redirectError(dir.resolve(log.getFileName() + ".err").toFile());
    return builder.start();
  }

  private record Run(int exitCode, String out, String err, List<String> serverClasses) {}

  private Run run(String name, String... args) throws Exception {
    Path log = dir.resolve(name + ".classes");
    Process process = start(log, Map.of(), args);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ymchat %s finished", name).isTrue();
    List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(loaded).as("the class-load log").hasSizeGreaterThan(100);
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve(log.getFileName() + ".out")),
        Files.readString(dir.resolve(log.getFileName() + ".err")),
        loaded.stream().filter(l -> SERVER_SIDE.matcher(l).find()).toList());
  }

  @Test
  void clientOnlyCommands_loadNoWebServerDatabaseLogbackOrSandboxClass() throws Exception {
    try (StubApi api = new StubApi()) {
      api.answer(200, "{\"status\":\"OK\",\"result\":{\"chats\":[]}}");
      Run version = run("version", "--version");
      assertThat(version.exitCode()).isZero();
      assertThat(version.out()).startsWith("ymchat ");
      assertThat(version.serverClasses()).isEmpty();

      Run help = run("help", "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.serverClasses()).isEmpty();

      Run chats = run("chats", "--sandbox", "--base-url", api.baseUrl(), "chats");
      assertThat(chats.exitCode()).as(chats.err()).isZero();
      assertThat(chats.out()).contains("No chats match.");
      assertThat(chats.err()).isEmpty();
      assertThat(chats.serverClasses()).isEmpty();

      // The check can see them: -v switches the request log on, through Logback.
      Run verbose = run("verbose", "-v", "--sandbox", "--base-url", api.baseUrl(), "chats");
      assertThat(verbose.exitCode()).isZero();
      assertThat(verbose.err()).contains("DEBUG");
      assertThat(verbose.serverClasses()).anyMatch(l -> l.contains("ch.qos.logback"));
    }
  }

  @Test
  void exportStoppedBySignal_saysHowToResume_andThatCommandFinishesWithoutDuplicates()
      throws Exception {
    try (SandboxServer sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            // slow answers, so the signal surely arrives in the middle of the export
            .faults(FaultConfig.parse("seed=1,latency=40-40ms"))
            .build()
            .start()) {
      sandbox.market().generate(SandboxDemo.BUSINESS_ID, 40, 120, 7L);
      Path out = dir.resolve("chats.jsonl");
      Path state = dir.resolve("chats.jsonl.state");
      Path log = dir.resolve("export.classes");
      Process export =
          start(
              log,
              Map.of(),
              "export",
              "--out",
              out.toString(),
              "--sandbox",
              "--base-url",
              sandbox.baseUrl());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(state) && Files.readString(state).contains("lastCompletedChatId"))) {
        assertThat(export.isAlive()).as("the export is still running").isTrue();
        assertThat(System.nanoTime()).as("a chat was exported in time").isLessThan(deadline);
        Thread.sleep(20); // polling a file another process writes; nothing to inject
      }
      export.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
      assertThat(export.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(dir.resolve("export.classes.err"));
      assertThat(err).contains("ymchat export: interrupted; what is written is kept");
      String resume = ExportCommandTest.resumeCommand(err);
      assertThat(resume)
          .isEqualTo("ymchat export --out " + out + " --sandbox --base-url " + sandbox.baseUrl());

      CliRun.Result resumed = new CliRun(dir).run(resume.substring("ymchat ".length()).split(" "));
      assertThat(resumed.exitCode()).as(resumed.err()).isZero();
      assertThat(resumed.out()).contains("resumed");
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      Set<String> distinct = new HashSet<>(lines);
      assertThat(distinct).hasSameSizeAs(lines);
      // 40 generated chats of 120 messages, plus the demo chats and their messages
      assertThat(lines.stream().filter(l -> l.startsWith("{\"chat\":"))).hasSizeGreaterThan(40);
      assertThat(lines.size()).isGreaterThan(40 * 121);
    }
  }
}
