package dev.ymchat.sync.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads columns that may be NULL, which JDBC's primitive getters report as 0. */
public final class Columns {

  private Columns() {}

  /**
   * Reads a nullable whole-number column.
   *
   * @param rs the row
   * @param column the column
   * @return the value, or null when the column is NULL
   * @throws SQLException when the column cannot be read
   */
  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
