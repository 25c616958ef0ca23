package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.sandbox.SandboxConfig;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.WebhookFaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Starts and runs the sandbox that {@link SandboxCommand} describes, until Ctrl-C. */
final class SandboxRunner {

  private static final Path DEFAULT_DATA = Path.of("ymchat-sandbox-data");

  private final SandboxCommand options;

  SandboxRunner(SandboxCommand options) {
    this.options = options;
  }

  int run() throws Exception {
    SandboxConfig.Builder builder =
        SandboxServer.builder()
            .port(options.port)
            .seedDemo(options.seedDemo)
            .allowDemoCredentialsOnNetwork(options.allowDemoCredentialsOnNetwork);
    usage("--host", () -> builder.host(options.host));
    SandboxCommand.Storage storage = options.storage;
    if (storage != null && storage.inMemory) {
      builder.inMemory();
    } else {
      // relative to the working directory the command runs in, as every path of the CLI is
      Path data = storage != null && storage.data != null ? storage.data : DEFAULT_DATA;
      builder.dataDir(options.context.workingDir().resolve(data));
    }
    if (options.webhook != null) {
      usage("--webhook", () -> builder.webhookUrl(options.webhook));
    }
    String adminToken = options.adminToken;
    if (adminToken != null) {
      PrintWriter err = options.spec.commandLine().getErr();
      err.println(
          "ymchat sandbox: warning: --admin-token is visible to other users of this machine (ps);"
              + " set "
              + SandboxCommand.ADMIN_TOKEN_ENV
              + " instead");
      err.flush();
    } else {
      adminToken = options.context.envValue(SandboxCommand.ADMIN_TOKEN_ENV);
    }
    if (adminToken != null) {
      builder.adminToken(adminToken);
    }
    if (options.noRateLimits) {
      builder.rateLimits(SandboxRateLimits.disabled());
    }
    if (options.faults != null) {
      usage("--faults", () -> builder.faults(FaultConfig.parse(options.faults)));
    }
    if (options.webhookFaults != null) {
      if (options.webhook == null) {
        throw new CliException(
            ExitCodes.USAGE, "--webhook-faults needs --webhook URL: there is nothing to lose");
      }
      usage(
          "--webhook-faults",
          () -> builder.webhookFaults(WebhookFaults.parse(options.webhookFaults)));
    }
    PrintWriter out = options.spec.commandLine().getOut();
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

  /** A value the sandbox refuses is a usage error (exit 2) that names the option. */
  private static void usage(String option, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, option + ": " + e.getMessage());
    }
  }

  private String banner(SandboxServer server) {
    String target =
        options.port == 8080 && "127.0.0.1".equals(options.host)
            ? "--sandbox"
            : "--sandbox --base-url " + server.baseUrl();
    return server.startupBanner().stripTrailing()
        + System.lineSeparator()
        + "Try: ymchat chats "
        + target
        + "    Stop: Ctrl-C";
  }
}
