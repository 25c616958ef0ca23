package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The mirror's database as the sync and inbox commands reach it: the {@code --db} URL, checked and
 * made absolute, with the user and password from {@code YM_SYNC_DB_USER} and {@code
 * YM_SYNC_DB_PASSWORD} (never from the command line, where {@code ps} would show them).
 */
final class MirrorDatabase {

  static final String DB_USER = "YM_SYNC_DB_USER";
  static final String DB_PASSWORD = "YM_SYNC_DB_PASSWORD";

  private final String url;
  private final String user;
  private final String password;

  private MirrorDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * Resolves {@code --db} for one run.
   *
   * @param db the URL as given
   * @param context the run's environment and working directory
   * @return the database to open
   * @throws CliException (usage) when the URL names an unsupported database or carries a password
   */
  static MirrorDatabase of(String db, CliContext context) {
    return new MirrorDatabase(
        inWorkingDir(checkedUrl(db), context),
        context.envValue(DB_USER),
        context.envValue(DB_PASSWORD));
  }

  /** The JDBC URL, absolute for an H2 file; it carries no password. */
  String url() {
    return url;
  }

  /** The URL for messages: what {@link Dialect#redact} leaves of it. */
  String redacted() {
    return Dialect.redact(url);
  }

  /** Opens the database with a pool of the given size. */
  Database open(int poolSize) {
    return Database.open(url, user, password, poolSize);
  }

  /** Points a sync at this database. */
  ChatSync.Builder into(ChatSync.Builder builder) {
    return builder.database(url, user, password);
  }

  @Override
  public String toString() {
    return "MirrorDatabase[" + redacted() + "]";
  }

  /** An H2 file URL with a relative path, made absolute against the run's working directory. */
  private static String inWorkingDir(String url, CliContext context) {
    String prefix = "jdbc:h2:file:";
    if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return url;
    }
    String rest = url.substring(prefix.length());
    int semicolon = rest.indexOf(';');
    String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
    String options = semicolon < 0 ? "" : rest.substring(semicolon);
    if (path.startsWith("~") || Path.of(path).isAbsolute()) {
      return url;
    }
    return prefix + context.workingDir().resolve(path).toAbsolutePath().normalize() + options;
  }

  /** The URL as given, refused when it names an unsupported database or carries a password. */
  private static String checkedUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("password=") || lower.matches("jdbc:postgresql://[^/]*:[^/@]*@.*")) {
      throw new CliException(
          ExitCodes.USAGE,
          "--db must not carry a password (it would show in the process list); set "
              + DB_PASSWORD
              + " (and "
              + DB_USER
              + ") instead");
    }
    try {
      Dialect.of(url);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--db: " + e.getMessage());
    }
    return url;
  }
}
