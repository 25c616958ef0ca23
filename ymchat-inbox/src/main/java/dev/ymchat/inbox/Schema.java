package dev.ymchat.inbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The inbox's own migrations, beside the sync's in the same database. */
public final class Schema {

  /** Flyway's history table of the inbox. */
  public static final String HISTORY_TABLE = "inbox_schema_history";

  private Schema() {}

  /**
   * Brings the inbox's tables up to date (the sync's must exist already).
   *
   * @param dataSource the database of the mirror
   * @throws IllegalStateException when a migration fails
   */
  public static void migrate(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/inbox")
          .table(HISTORY_TABLE)
          // the schema holds the sync's tables already: start the inbox's history beside them
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "the inbox's tables could not be migrated: " + e.getMessage());
    }
  }
}
