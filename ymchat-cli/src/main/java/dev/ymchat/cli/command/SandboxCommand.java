package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.WebhookFaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ymchat sandbox}: runs the local emulator of the chats API in the foreground. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the sandbox (a local emulator of the chats API) until Ctrl-C.",
      "The Market side (buyers, support, push notifications) is simulated.",
      "Point ymchat at it with --sandbox (port 8080) or --base-url."
    })
final class SandboxCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port (0 = any free one; default ${DEFAULT-VALUE}).")
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
          "Load the demo businesses, keys and chats (business 1001, key demo-all-methods-key).")
  boolean seedDemo;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "Send push notifications to this URL.")
  String webhook;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description = "Token for the /sandbox admin API (header X-Sandbox-Admin-Token).")
  String adminToken;

  @Option(
      names = "--no-rate-limits",
      description = "Do not enforce the API's quotas and parallel-request cap.")
  boolean noRateLimits;

  @Option(
      names = "--allow-demo-credentials-on-network",
      description =
          "Serve the demo credentials (public values) on a --host other than loopback anyway;"
              + " without it the sandbox refuses to start that way.")
  boolean allowDemoCredentialsOnNetwork;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description = {
        "Inject faults into API answers, e.g. seed=42,latency=5-50ms,500=0.05,503=0.10,420=0.02,burst=5,drop=0.05",
        "(rates 0..1 per request; their sum at most 1)."
      })
  String faults;

  @Option(
      names = "--webhook-faults",
      paramLabel = "SPEC",
      description =
          "Lose or duplicate a share of the push notifications, e.g."
              + " loss=0.2,duplicate=0.1,delay=500ms,seed=7 (shares 0..1, together at most 1).")
  String webhookFaults;

  @Override
  public Integer call() throws Exception {
    SandboxServer.Builder builder =
        SandboxServer.builder()
            .port(port)
            .host(host)
            .seedDemo(seedDemo)
            .allowDemoCredentialsOnNetwork(allowDemoCredentialsOnNetwork);
    if (storage != null && storage.inMemory) {
      builder.inMemory();
    } else if (storage != null && storage.data != null) {
      builder.dataDir(global.context().workingDir().resolve(storage.data));
    }
    if (webhook != null) {
      builder.webhookUrl(webhook);
    }
    if (adminToken != null) {
      builder.adminToken(adminToken);
    }
    if (noRateLimits) {
      builder.rateLimits(SandboxRateLimits.disabled());
    }
    if (faults != null) {
      try {
        builder.faults(FaultConfig.parse(faults));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--faults: " + e.getMessage());
      }
    }
    if (webhookFaults != null) {
      if (webhook == null) {
        throw new CliException(
            ExitCodes.USAGE, "--webhook-faults needs --webhook URL: there is nothing to lose");
      }
      try {
        builder.webhookFaults(WebhookFaults.parse(webhookFaults));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--webhook-faults: " + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    SandboxServer server;
    try {
      server = builder.build().start();
    } catch (IllegalStateException e) {
      // Refused configurations (demo credentials on the network, a data directory in use): the
      // message says what to change.
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "ymchat-sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      out.println(banner(server));
      out.flush();
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (a test, or an embedding program): close as Ctrl-C would,
      // and only then restore the interrupt, so the graceful close is not cut short.
      interrupted = true;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook closes the server.
      }
      server.close();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private String banner(SandboxServer server) {
    String target =
        port == 8080 && "127.0.0.1".equals(host)
            ? "--sandbox"
            : "--sandbox --base-url " + server.baseUrl();
    return server.startupBanner().stripTrailing()
        + System.lineSeparator()
        + "Try: ymchat chats "
        + target
        + "    Stop: Ctrl-C";
  }
}
