package dev.ymchat.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

  private final Map<String, String> env = new HashMap<>();
  private InputStream in = InputStream.nullInputStream();
  private ZoneId zone = ZoneId.of("UTC");
  private Path workingDir;
  private CliContext.ExportHook exportHook = (chatId, done) -> {};
  private boolean terminal;
  private final java.util.List<java.time.Duration> sleeps = new java.util.ArrayList<>();
  private Runnable onSleep = () -> {};

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

  /** Called instead of each sleep of watch, so a test can act between polls. */
  public CliRun onSleep(Runnable action) {
    this.onSleep = action;
    return this;
  }

  public java.util.List<java.time.Duration> sleeps() {
    return sleeps;
  }

  public Result run(String... args) {
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
            .workingDir(workingDir)
            .exportHook(exportHook)
            .sleeper(
                d -> {
                  sleeps.add(d);
                  onSleep.run();
                })
            .clientSleeper(d -> CompletableFuture.completedFuture(null))
            .build();
    int code = Main.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }
}
