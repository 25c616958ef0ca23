package dev.ymchat.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may see of the world outside it: environment, standard streams, terminal, time
 * zone and sleeping. Tests build one with their own values; {@link #system()} gives the real ones.
 */
public final class CliContext {

  /**
   * Called by {@code export} after each chat is completely written; a test may throw to simulate a
   * crash.
   */
  @FunctionalInterface
  public interface ExportHook {
    /**
     * Called after a chat and all its messages are written.
     *
     * @param chatId the chat just completed
     * @param chatsDoneThisRun how many chats this run has completed so far
     */
    void chatCompleted(long chatId, int chatsDoneThisRun);

    /**
     * Called after a page of a chat's history is written and recorded in the state file.
     *
     * @param chatId the chat being written
     * @param lastMessageId the last message written so far
     */
    default void pageWritten(long chatId, long lastMessageId) {}
  }

  /** Reads a secret that a person types, without echoing it. */
  @FunctionalInterface
  public interface SecretPrompt {
    /**
     * Asks for a secret.
     *
     * @param prompt what to show before the input
     * @return what was typed, or {@code null} when there is no terminal to ask at (or input ended)
     */
    char[] read(String prompt);
  }

  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final boolean terminal;
  private final ZoneId zone;
  private final dev.ymchat.client.Sleeper sleeper;
  private final ExportHook exportHook;
  private final Path workingDir;
  private final dev.ymchat.client.Sleeper clientSleeper;
  private final SecretPrompt secretPrompt;
  private final boolean standalone;

  private CliContext(Builder b) {
    this.env = Map.copyOf(b.env);
    this.out = Objects.requireNonNull(b.out, "out");
    this.err = Objects.requireNonNull(b.err, "err");
    this.in = Objects.requireNonNull(b.in, "in");
    this.terminal = b.terminal;
    this.zone = b.zone;
    this.sleeper = b.sleeper;
    this.exportHook = b.exportHook;
    this.workingDir = b.workingDir;
    this.clientSleeper = b.clientSleeper;
    this.secretPrompt = b.secretPrompt;
    this.standalone = b.standalone;
  }

  /**
   * The real environment: {@code System.getenv()}, standard streams in UTF-8, the system zone.
   *
   * @return a context for {@link Main#main}
   */
  public static CliContext system() {
    return builder()
        .env(System.getenv())
        .out(
            new PrintWriter(
                new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
        .err(
            new PrintWriter(
                new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
        .in(System.in)
        .terminal(System.console() != null)
        .secretPrompt(
            prompt -> {
              java.io.Console console = System.console();
              return console == null ? null : console.readPassword("%s", prompt);
            })
        .standalone(true)
        .build();
  }

  /**
   * Starts a context with defaults: empty environment, no terminal, the system zone, real sleeping;
   * {@code out}, {@code err} and {@code in} must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The environment variables.
   *
   * @return an immutable map
   */
  public Map<String, String> env() {
    return env;
  }

  /**
   * An environment variable that is set and not blank.
   *
   * @param name the variable
   * @return its trimmed value, or {@code null}
   */
  public String envValue(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Standard output.
   *
   * @return the writer
   */
  public PrintWriter out() {
    return out;
  }

  /**
   * Standard error.
   *
   * @return the writer
   */
  public PrintWriter err() {
    return err;
  }

  /**
   * Standard input.
   *
   * @return the stream
   */
  public InputStream in() {
    return in;
  }

  /**
   * Whether a person is at a terminal (progress bars are drawn only then).
   *
   * @return {@code true} for an interactive console
   */
  public boolean terminal() {
    return terminal;
  }

  /**
   * The zone in which times are shown in tables.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * How commands wait between polls ({@code watch}); the client's {@link
   * dev.ymchat.client.Sleeper}, injected so tests never sleep for real.
   *
   * @return the sleeper
   */
  public dev.ymchat.client.Sleeper sleeper() {
    return sleeper;
  }

  /**
   * The export hook.
   *
   * @return the hook; a no-op unless a test set one
   */
  public ExportHook exportHook() {
    return exportHook;
  }

  /**
   * The directory relative paths are resolved against.
   *
   * @return the working directory
   */
  public Path workingDir() {
    return workingDir;
  }

  /**
   * How the client waits between retries.
   *
   * @return the client's sleeper
   */
  public dev.ymchat.client.Sleeper clientSleeper() {
    return clientSleeper;
  }

  /**
   * How a secret is asked for at a terminal.
   *
   * @return the prompt
   */
  public SecretPrompt secretPrompt() {
    return secretPrompt;
  }

  /**
   * Whether this run owns its JVM ({@link Main#main}): it may then choose the logging backend
   * before anything logs, and stop the JDK HTTP client's threads before exiting. In-process runs
   * (tests, embedding) leave both alone.
   *
   * @return {@code true} for the {@code ymchat} process itself
   */
  public boolean standalone() {
    return standalone;
  }

  /** Builds a {@link CliContext}. */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private PrintWriter out;
    private PrintWriter err;
    private InputStream in = InputStream.nullInputStream();
    private boolean terminal;
    private ZoneId zone = ZoneId.systemDefault();
    private dev.ymchat.client.Sleeper sleeper = dev.ymchat.client.Sleeper.system();
    private ExportHook exportHook = (chatId, done) -> {};
    private Path workingDir = Path.of("").toAbsolutePath();
    private dev.ymchat.client.Sleeper clientSleeper = dev.ymchat.client.Sleeper.system();
    private SecretPrompt secretPrompt = prompt -> null;
    private boolean standalone;

    private Builder() {}

    /**
     * Sets how a secret is asked for; by default there is no terminal to ask at.
     *
     * @param secretPrompt the prompt
     * @return this builder
     */
    public Builder secretPrompt(SecretPrompt secretPrompt) {
      this.secretPrompt = Objects.requireNonNull(secretPrompt, "secretPrompt");
      return this;
    }

    /**
     * Says whether this run owns its JVM (see {@link CliContext#standalone()}).
     *
     * @param standalone {@code true} only for {@link Main#main}
     * @return this builder
     */
    public Builder standalone(boolean standalone) {
      this.standalone = standalone;
      return this;
    }

    /**
     * Sets the environment variables.
     *
     * @param env the variables
     * @return this builder
     */
    public Builder env(Map<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /**
     * Sets standard output.
     *
     * @param out the writer
     * @return this builder
     */
    public Builder out(PrintWriter out) {
      this.out = out;
      return this;
    }

    /**
     * Sets standard error.
     *
     * @param err the writer
     * @return this builder
     */
    public Builder err(PrintWriter err) {
      this.err = err;
      return this;
    }

    /**
     * Sets standard input.
     *
     * @param in the stream
     * @return this builder
     */
    public Builder in(InputStream in) {
      this.in = in;
      return this;
    }

    /**
     * Says whether a person is at a terminal.
     *
     * @param terminal {@code true} for an interactive console
     * @return this builder
     */
    public Builder terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    /**
     * Sets the zone for displayed times.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets how commands wait.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(dev.ymchat.client.Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the export hook.
     *
     * @param exportHook the hook
     * @return this builder
     */
    public Builder exportHook(ExportHook exportHook) {
      this.exportHook = Objects.requireNonNull(exportHook, "exportHook");
      return this;
    }

    /**
     * Sets the working directory.
     *
     * @param workingDir the directory
     * @return this builder
     */
    public Builder workingDir(Path workingDir) {
      this.workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath();
      return this;
    }

    /**
     * Sets how the client waits between retries (tests pass one that does not wait).
     *
     * @param clientSleeper the client's sleeper
     * @return this builder
     */
    public Builder clientSleeper(dev.ymchat.client.Sleeper clientSleeper) {
      this.clientSleeper = Objects.requireNonNull(clientSleeper, "clientSleeper");
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public CliContext build() {
      return new CliContext(this);
    }
  }
}
