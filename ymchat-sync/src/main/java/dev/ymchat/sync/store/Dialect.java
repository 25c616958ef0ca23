package dev.ymchat.sync.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that differs between H2 and PostgreSQL, in one place: the type of binary content in
 * the migrations, the upsert, the insert that skips an existing key, and which errors are worth
 * repeating a transaction for. Every other statement is the same SQL on both.
 */
public enum Dialect {
  /** H2 2.x (embedded, a file or memory). */
  H2,
  /** PostgreSQL 12 or later. */
  POSTGRESQL;

  /**
   * Picks the dialect of a JDBC URL.
   *
   * @param jdbcUrl a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
   * @return the dialect
   * @throws IllegalArgumentException for any other database
   */
  public static Dialect of(String jdbcUrl) {
    String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "Unsupported database URL: the sync runs on H2 (jdbc:h2:...) or PostgreSQL"
            + " (jdbc:postgresql://host:port/db); got "
            + redact(jdbcUrl));
  }

  /**
   * Returns the Flyway placeholders of this database, used by the one set of migrations.
   *
   * @return placeholder names and values
   */
  public Map<String, String> flywayPlaceholders() {
    return Map.of("bytes", this == H2 ? "BLOB" : "BYTEA");
  }

  /**
   * Returns an insert that overwrites the row when its key exists.
   *
   * @param table the table
   * @param keys the key columns
   * @param columns the other columns; every column is bound by its own name
   * @return the SQL statement
   */
  public String upsert(String table, String[] keys, String[] columns) {
    if (this == H2) {
      return "MERGE INTO "
          + table
          + " ("
          + join(keys, columns, "")
          + ") KEY ("
          + String.join(", ", keys)
          + ") VALUES ("
          + join(keys, columns, ":")
          + ")";
    }
    StringBuilder set = new StringBuilder();
    for (String column : columns) {
      set.append(set.length() == 0 ? "" : ", ")
          .append(column)
          .append(" = EXCLUDED.")
          .append(column);
    }
    return onConflict(table, keys, columns, "DO UPDATE SET " + set);
  }

  /**
   * Returns an insert that does nothing when the key exists already.
   *
   * @param table the table
   * @param keys the key columns
   * @param columns the other columns; every column is bound by its own name
   * @return the SQL statement
   */
  public String insertIfAbsent(String table, String[] keys, String[] columns) {
    if (this == H2) {
      // H2 has no ON CONFLICT outside its PostgreSQL mode: a standard MERGE that only inserts.
      // A concurrent insert of the same key can still fail with a unique violation, which
      // Database retries (H2 rolls back the statement only, PostgreSQL would abort the whole
      // transaction: hence ON CONFLICT there).
      StringBuilder on = new StringBuilder();
      for (String key : keys) {
        on.append(on.length() == 0 ? "" : " AND ")
            .append("t.")
            .append(key)
            .append(" = :")
            .append(key);
      }
      return "MERGE INTO "
          + table
          + " t USING (VALUES (1)) AS s(one) ON "
          + on
          + " WHEN NOT MATCHED THEN INSERT ("
          + join(keys, columns, "")
          + ") VALUES ("
          + join(keys, columns, ":")
          + ")";
    }
    return onConflict(table, keys, columns, "DO NOTHING");
  }

  /**
   * Tells whether a failed transaction may succeed when run again: a serialization failure, a
   * deadlock, a lock wait that timed out, or (H2) a unique violation from a concurrent insert.
   *
   * @param e the failure
   * @return true to repeat the transaction
   */
  public boolean isTransient(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state == null) {
        continue;
      }
      if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
        return true;
      }
      if (this == H2 && (state.equals("HYT00") || state.equals("23505") || state.equals("40001"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns a JDBC URL without its password, for messages.
   *
   * @param jdbcUrl the URL
   * @return the URL with any password parameter masked
   */
  public static String redact(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "(none)";
    }
    return jdbcUrl
        .replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("(?i)(//[^/@:]*:)[^/@]*@", "$1***@");
  }

  /** PostgreSQL's insert of every column, with {@code action} when the key exists already. */
  private static String onConflict(String table, String[] keys, String[] columns, String action) {
    return "INSERT INTO "
        + table
        + " ("
        + join(keys, columns, "")
        + ") VALUES ("
        + join(keys, columns, ":")
        + ") ON CONFLICT ("
        + String.join(", ", keys)
        + ") "
        + action;
  }

  private static String join(String[] keys, String[] columns, String prefix) {
    StringBuilder out = new StringBuilder();
    for (String[] group : new String[][] {keys, columns}) {
      for (String column : group) {
        out.append(out.length() == 0 ? "" : ", ").append(prefix).append(column);
      }
    }
    return out.toString();
  }
}
