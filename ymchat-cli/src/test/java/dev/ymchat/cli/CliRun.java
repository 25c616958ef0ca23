package dev.ymchat.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs ymchat in-process with captured output, an injected environment and no real waiting. */
public final class CliRun {

  /** What one run printed and returned. */
  public record Result(int exitCode, String out, String err) {
    /** The lines of stderr that are not blank. */
    public java.util.List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** The file in target/test-logs that holds every run's stdout and stderr. */
  static final String OUTPUT_LOG = "cli-output.log";

  private static boolean recorded;

  private final Map<String, String> env = new HashMap<>();
  private InputStream in = InputStream.nullInputStream();
  private ZoneId zone = ZoneId.of("UTC");
  private Path workingDir;
  private CliContext.ExportHook exportHook = (chatId, done) -> {};
  private boolean terminal;
  private final java.util.List<java.time.Duration> sleeps = new java.util.ArrayList<>();
  private Runnable onSleep = () -> {};
  private int stopAfterSleeps = Integer.MAX_VALUE;
  private boolean stopped;
  private CliContext.SecretPrompt secretPrompt = prompt -> null;
  private final java.util.List<String> prompts = new java.util.ArrayList<>();

  /**
   * Starts a run whose profile lives in the given directory.
   *
   * @param configDir the profile directory (YMCHAT_CONFIG_DIR)
   */
  public CliRun(Path configDir) {
    env.put("YMCHAT_CONFIG_DIR", configDir.toString());
    env.put("COLUMNS", "200");
    workingDir = configDir;
  }

  public CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliRun stdin(String text) {
    in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public CliRun zone(ZoneId zone) {
    this.zone = zone;
    return this;
  }

  public CliRun workingDir(Path dir) {
    this.workingDir = dir;
    return this;
  }

  public CliRun exportHook(CliContext.ExportHook hook) {
    this.exportHook = hook;
    return this;
  }

  public CliRun terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /**
   * Stops a command that is still waiting after this many sleeps, as Ctrl-C would: the next sleep
   * is interrupted.
   */
  public CliRun stopAfterSleeps(int sleeps) {
    this.stopAfterSleeps = sleeps;
    return this;
  }

  /** Whether the last run was stopped by {@link #stopAfterSleeps(int)}. */
  public boolean stopped() {
    return stopped;
  }

  /** Answers a hidden-input prompt with this text, as a person at a terminal would type it. */
  public CliRun typesSecret(String typed) {
    this.secretPrompt =
        prompt -> {
          prompts.add(prompt);
          return typed.toCharArray();
        };
    return terminal(true);
  }

  /** The prompts shown for hidden input. */
  public java.util.List<String> prompts() {
    return prompts;
  }

  /** Called instead of each sleep of watch, so a test can act between polls. */
  public CliRun onSleep(Runnable action) {
    this.onSleep = action;
    return this;
  }

  public java.util.List<java.time.Duration> sleeps() {
    return sleeps;
  }

  public Result run(String... args) {
    stopped = false;
    sleeps.clear();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        CliContext.builder()
            .env(env)
            .out(new PrintWriter(out, true))
            .err(new PrintWriter(err, true))
            .in(in)
            .zone(zone)
            .terminal(terminal)
            .secretPrompt(secretPrompt)
            .workingDir(workingDir)
            .exportHook(exportHook)
            .sleeper(
                d -> {
                  if (sleeps.size() >= stopAfterSleeps) {
                    // as Ctrl-C stops the process: the waiting thread is interrupted
                    stopped = true;
                    Thread.currentThread().interrupt();
                    return new CompletableFuture<>();
                  }
                  sleeps.add(d);
                  onSleep.run();
                  return CompletableFuture.completedFuture(null);
                })
            .clientSleeper(d -> CompletableFuture.completedFuture(null))
            .build();
    int code = Main.run(context, args);
    if (stopped) {
      // the stopped command restored the interrupt it saw; the test thread goes on
      Thread.interrupted();
    }
    Result result = new Result(code, out.toString(), err.toString());
    record(args.length == 0 ? "" : args[0], result);
    return result;
  }

  /**
   * Appends what the run printed to target/test-logs/cli-output.log, which LogSecretsScanTest scans
   * with the log files: a credential must never reach a user's terminal either. The arguments are
   * left out, since tests pass credentials there on purpose.
   */
  private static synchronized void record(String command, Result result) {
    Path log = Path.of(System.getProperty("basedir", "."), "target", "test-logs", OUTPUT_LOG);
    StringBuilder text =
        new StringBuilder("== ymchat ").append(command).append(" exit ").append(result.exitCode());
    text.append(System.lineSeparator()).append(result.out());
    text.append(System.lineSeparator()).append(result.err()).append(System.lineSeparator());
    try {
      Files.createDirectories(log.getParent());
      // the first run of this test JVM starts the file afresh, as logback does with tests.log
      Files.writeString(
          log,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          recorded ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
      recorded = true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not record the output in " + log, e);
    }
  }
}
