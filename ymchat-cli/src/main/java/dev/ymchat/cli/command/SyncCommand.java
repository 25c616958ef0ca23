package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Settings;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.sync.BusinessStatus;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.SyncStatus;
import dev.ymchat.sync.planner.Budget;
import dev.ymchat.sync.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ymchat sync}: mirrors the business's chats into a database and delivers its outbox. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    subcommands = SyncCommand.Status.class,
    modelTransformer = SyncCommand.WithoutSecretFlags.class,
    description = {
      "Mirror the business's chats into a database and deliver its outbox, until Ctrl-C.",
      "Each reply of the outbox goes out exactly once, in order within its chat. The first start"
          + " backfills every chat and history (progress is printed; resumable after a crash);"
          + " then Market's notifications (POST /notification on --webhook-port) trigger targeted"
          + " reads, and sweeps of getChats catch what push missed. GET /health shows the status."
          + " Ctrl-C finishes the work in progress and releases its claims. The database user and"
          + " password come from YM_SYNC_DB_USER and YM_SYNC_DB_PASSWORD, the API key from"
          + " YM_API_KEY (or `ymchat login`), never from the command line."
          + " `ymchat sync status` prints the health of a mirror."
    })
final class SyncCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Mixin MirrorDatabaseOptions.Full mirror;

  @Option(
      names = "--webhook-port",
      paramLabel = "N",
      defaultValue = "8181",
      description =
          "Port of POST /notification and GET /health (default ${DEFAULT-VALUE}; 0 = any free"
              + " port; -1 = none).")
  int webhookPort;

  @Option(
      names = "--webhook-host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 to take Market's calls directly).")
  String webhookHost;

  @Option(
      names = "--sweep-interval",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Time between reconcile sweeps (default ${DEFAULT-VALUE}).")
  Duration sweepInterval;

  @Option(
      names = "--worker-id",
      paramLabel = "ID",
      description = "Name of this worker among the processes sharing the database.")
  String workerId;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "API calls in flight per business from this process, 1 to 4 (default ${DEFAULT-VALUE});"
              + " split 4 between the processes sharing a business.")
  int maxInFlight;

  @Mixin RunForOption runFor;

  @Option(
      names = "--exit-after-backfill",
      description =
          "Stop cleanly once the first backfill is done (a one-off copy of the chats into the"
              + " database).")
  boolean exitAfterBackfill;

  /**
   * Hides the flags that carry a secret from the sync commands' help, and {@link
   * #refuseSecretFlags} refuses them: a sync runs for days, and its command line is in {@code ps}
   * for every user of the machine all that time.
   */
  static final class WithoutSecretFlags implements CommandLine.IModelTransformer {
    static final List<String> SECRET_FLAGS = List.of("--api-key", "--oauth-token");

    @Override
    public CommandSpec transform(CommandSpec spec) {
      for (String name : SECRET_FLAGS) {
        OptionSpec option = spec.findOption(name);
        if (option != null) {
          spec.remove(option);
          spec.addOption(OptionSpec.builder(option).hidden(true).build());
        }
      }
      return spec;
    }
  }

  /**
   * Refuses a secret given as a flag, after the command or before it ({@code ymchat --api-key K
   * sync status}): every level of the command line is looked at.
   */
  static void refuseSecretFlags(CommandSpec spec) {
    for (CommandSpec level = spec; level != null; level = level.parent()) {
      CommandSpec mixin = level.mixins().get("global");
      if (mixin != null
          && mixin.userObject() instanceof GlobalOptions global
          && (global.apiKeyFlag() != null || global.oauthTokenFlag() != null)) {
        throw secretFlagRefused();
      }
    }
  }

  private static CliException secretFlagRefused() {
    return new CliException(
        ExitCodes.USAGE,
        "sync does not take --api-key or --oauth-token: a long-running command line is visible"
            + " to every user in `ps`; set YM_API_KEY (or YM_OAUTH_TOKEN), or save the key with"
            + " `ymchat login`");
  }

  @Override
  public Integer call() throws Exception {
    refuseSecretFlags(spec);
    MirrorDatabase database = mirror.database();
    Settings settings = global.requireApiSettings();
    PrintWriter out = spec.commandLine().getOut();
    try (ChatsClient client = global.newClient(settings)) {
      ChatSync.Builder builder =
          database
              .into(ChatSync.builder())
              .business(settings.businessId(), client)
              .sweepInterval(sweepInterval)
              .maxInFlightPerBusiness(range(maxInFlight));
      if (webhookPort >= 0) {
        builder.webhook(webhookHost, webhookPort);
      }
      if (workerId != null) {
        builder.workerId(workerId);
      }
      ChatSync sync;
      try {
        sync = builder.build().start();
      } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new CliException(ExitCodes.GENERIC, e.getMessage());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                out.println("stopping: finishing the work in progress, releasing claims");
                out.flush();
                sync.close();
                stopped.countDown();
              },
              "ymchat-sync-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        out.println(
            "sync of business "
                + settings.businessId()
                + " into "
                + database.redacted()
                + " as worker "
                + sync.workerId()
                + (webhookPort >= 0
                    ? "; notifications: http://"
                        + webhookHost
                        + ":"
                        + sync.webhookPort()
                        + "/notification, health: /health"
                    : "; no webhook endpoint (sweeps only)"));
        out.flush();
        follow(sync, settings.businessId(), out, stopped);
      } finally {
        if (stopped.getCount() > 0) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook runs already
          }
          sync.close();
        }
      }
      out.println("stopped");
      return ExitCodes.OK;
    }
  }

  /** Prints the backfill's progress while it runs, then waits for Ctrl-C or --run-for. */
  private void follow(ChatSync sync, long business, PrintWriter out, CountDownLatch stopped)
      throws InterruptedException {
    Duration limit = runFor.duration;
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    String last = "";
    boolean announced = false;
    while (System.nanoTime() < deadline) {
      BusinessStatus status =
          sync.status().businesses().stream()
              .filter(b -> b.businessId() == business)
              .findFirst()
              .orElse(null);
      if (status != null) {
        String line =
            status.backfillDone()
                ? null
                : String.format(
                    Locale.ROOT,
                    "backfill: %s, %d chats listed, %d of %d histories read, %d messages",
                    status.backfill(),
                    status.chatsMirrored(),
                    status.chatsWithHistory(),
                    status.chatsMirrored(),
                    status.messagesMirrored());
        if (line != null && !line.equals(last)) {
          out.println(line);
          out.flush();
          last = line;
        }
        if (status.backfillDone() && !announced) {
          out.println(
              String.format(
                  Locale.ROOT,
                  "backfill done: %d chats, %d messages; mirroring (Ctrl-C stops)",
                  status.chatsMirrored(),
                  status.messagesMirrored()));
          out.flush();
          announced = true;
          if (exitAfterBackfill) {
            return;
          }
        }
      }
      long left = Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (stopped.await(left, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private static int range(int maxInFlight) {
    if (maxInFlight < 1 || maxInFlight > 4) {
      throw new CliException(
          ExitCodes.USAGE, "--max-in-flight must be 1 to 4 (the API allows 4 per business)");
    }
    return maxInFlight;
  }

  /** {@code ymchat sync status}: the health of a mirror, per business. */
  @Command(
      name = "status",
      modelTransformer = SyncCommand.WithoutSecretFlags.class,
      mixinStandardHelpOptions = true,
      description = {
        "Print the health of a mirror, per business.",
        "Shows the backfill, the time since the last successful sync, the lag of the newest"
            + " message, the outbox depth, the blocked replies and the quota left per operation."
            + " Reads the database only; works while `ymchat sync` runs elsewhere. The database"
            + " user and password come from YM_SYNC_DB_USER and YM_SYNC_DB_PASSWORD."
      })
  static final class Status implements Callable<Integer> {

    @Mixin GlobalOptions global;

    @Spec CommandSpec spec;

    @Mixin MirrorDatabaseOptions.Brief mirror;

    @Override
    public Integer call() {
      refuseSecretFlags(spec);
      MirrorDatabase mirrored = mirror.database();
      SyncStatus status;
      try (Database database = mirrored.open(2)) {
        status = SyncStatus.read(database, Clock.systemUTC());
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new CliException(ExitCodes.GENERIC, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (global.json()) {
        out.println(status.toJson());
        return ExitCodes.OK;
      }
      if (status.businesses().isEmpty()) {
        out.println("the mirror has no business yet: run `ymchat sync` first");
        return ExitCodes.OK;
      }
      for (BusinessStatus b : status.businesses()) {
        out.println("business " + b.businessId());
        out.println(
            "  backfill        "
                + b.backfill()
                + " ("
                + b.chatsWithHistory()
                + " of "
                + b.chatsMirrored()
                + " histories read)");
        out.println(
            "  mirrored        "
                + b.chatsMirrored()
                + " chats, "
                + b.messagesMirrored()
                + " messages");
        out.println("  last sync       " + ago(b.sinceLastSync()));
        out.println("  newest msg lag  " + seconds(b.newestMessageLag()));
        out.println("  reads waiting   " + b.readsWanted());
        b.backfillHeldUntil(Instant.now())
            .ifPresent(
                until ->
                    out.println(
                        "  backfill held   getChatHistory is under a fifth of its quota, kept for"
                            + " new messages and replies; reading resumes when it resets at "
                            + until));
        out.println(
            "  outbox          "
                + b.outboxDepth()
                + " queued, "
                + b.blockedReplies()
                + " blocked, "
                + b.sentReplies()
                + " sent");
        if (b.lastError() != null) {
          out.println("  last error      " + b.lastError());
        }
        for (Budget q : b.quota().values()) {
          out.println(
              "  quota           "
                  + q.operation()
                  + ": "
                  + (q.remaining() == null ? "?" : q.remaining())
                  + " of "
                  + (q.limit() == null ? "?" : q.limit())
                  + " left"
                  + (q.resetsAt() == null ? "" : ", resets " + q.resetsAt())
                  + (q.blockedUntil() == null ? "" : ", blocked until " + q.blockedUntil()));
        }
      }
      return ExitCodes.OK;
    }

    private static String ago(Duration d) {
      return d == null ? "never" : seconds(d) + " ago";
    }

    private static String seconds(Duration d) {
      return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
  }
}
