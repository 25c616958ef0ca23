package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ymchat sandbox}: runs the local emulator of the chats API in the foreground. Only the
 * options live here; {@link SandboxRunner} starts the server, so that parsing any command line
 * never loads a sandbox, web server or database class.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the sandbox (a local emulator of the chats API) until Ctrl-C.",
      "The Market side"
          + " (buyers, support, push notifications) is simulated. Point ymchat at it with"
          + " --sandbox (port 8080) or --base-url."
    })
final class SandboxCommand implements Callable<Integer> {

  /** The environment variable that may hold the admin token instead of --admin-token. */
  static final String ADMIN_TOKEN_ENV = "YM_SANDBOX_ADMIN_TOKEN";

  final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      converter = Bounded.Port.class,
      description = "Port, 0..65535 (0 = any free one; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @ArgGroup(exclusive = true)
  Storage storage;

  static final class Storage {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Keep the data in this directory (default ./ymchat-sandbox-data).")
    Path data;

    @Option(
        names = "--in-memory",
        description = "Keep the data in memory only; it is gone when the sandbox stops.")
    boolean inMemory;
  }

  @Option(
      names = "--seed-demo",
      description =
          "Load the demo businesses, keys and chats (business 1001; the banner lists the keys).")
  boolean seedDemo;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "Send push notifications to this URL.")
  String webhook;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Deprecated: other users see it in `ps`; set "
              + ADMIN_TOKEN_ENV
              + " instead. Token for the /sandbox admin API (header X-Sandbox-Admin-Token);"
              + " default: the demo token with --seed-demo, else a random one (printed).")
  String adminToken;

  @Option(
      names = "--no-rate-limits",
      description = "Do not enforce the API's quotas and parallel-request cap.")
  boolean noRateLimits;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description =
          "Inject faults into API answers, e.g."
              + " seed=42,latency=5-50ms,500=0.05,503=0.10,420=0.02,burst=5,drop=0.05 (rates 0..1"
              + " per request; their sum at most 1).")
  String faults;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log each request (the access log) and the sandbox's own messages to stderr.")
  boolean verbose;

  SandboxCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    return new SandboxRunner(this).run();
  }
}
