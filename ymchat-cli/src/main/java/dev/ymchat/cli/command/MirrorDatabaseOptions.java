package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.sync.ChatSync;
import picocli.CommandLine.Option;

/**
 * {@code --db}, the mirror's database, as picocli mixins: {@link Full} for the commands that run a
 * sync, {@link Brief} for those that only read or administer a mirror. Both resolve the URL and the
 * credentials the same way ({@link MirrorDatabase}).
 */
abstract sealed class MirrorDatabaseOptions
    permits MirrorDatabaseOptions.Full, MirrorDatabaseOptions.Brief {

  // from the command factory, like GlobalOptions: the working directory and the environment
  private final CliContext context;

  MirrorDatabaseOptions(CliContext context) {
    this.context = context;
  }

  /**
   * The run's context, for the commands that have no {@code GlobalOptions} ({@code inbox user}: the
   * global {@code --business} would clash with theirs).
   */
  final CliContext context() {
    return context;
  }

  /** The {@code --db} value as given. */
  abstract String db();

  /**
   * The database the option names, with its credentials from the environment.
   *
   * @throws dev.ymchat.cli.CliException (usage) when the URL is unsupported or carries a password
   */
  final MirrorDatabase database() {
    return MirrorDatabase.of(db(), context);
  }

  /** {@code sync} and {@code inbox}: the help spells out the URL forms. */
  static final class Full extends MirrorDatabaseOptions {

    @Option(
        names = "--db",
        paramLabel = "JDBC_URL",
        defaultValue = ChatSync.DEFAULT_DATABASE,
        description =
            "The mirror's database: jdbc:h2:file:PATH (default ${DEFAULT-VALUE}) or"
                + " jdbc:postgresql://HOST:PORT/DB.")
    String db;

    Full(CliContext context) {
      super(context);
    }

    @Override
    String db() {
      return db;
    }
  }

  /** {@code sync status} and {@code inbox user …}: a one-line help. */
  static final class Brief extends MirrorDatabaseOptions {

    @Option(
        names = "--db",
        paramLabel = "JDBC_URL",
        defaultValue = ChatSync.DEFAULT_DATABASE,
        description = "The mirror's database (default ${DEFAULT-VALUE}).")
    String db;

    Brief(CliContext context) {
      super(context);
    }

    @Override
    String db() {
      return db;
    }
  }
}
