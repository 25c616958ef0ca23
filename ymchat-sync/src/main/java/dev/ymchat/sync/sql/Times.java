package dev.ymchat.sync.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times in and out of the database. PostgreSQL's {@code timestamptz} keeps the instant but not the
 * offset, so an API time is stored as the instant plus its offset in seconds (a column beside it),
 * and {@link #read} puts the offset back: the mirror gives back an {@code OffsetDateTime} equal to
 * the API's, offset included, on both databases.
 */
public final class Times {

  private Times() {}

  /**
   * Converts an instant for binding.
   *
   * @param instant the instant, or null
   * @return the same instant at UTC, or null
   */
  public static OffsetDateTime db(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * Returns the offset of an API time in seconds, for its {@code *_offset} column.
   *
   * @param time the API time, or null
   * @return the offset in seconds, or null
   */
  public static Integer offsetOf(OffsetDateTime time) {
    return time == null ? null : time.getOffset().getTotalSeconds();
  }

  /**
   * Reads an instant column.
   *
   * @param rs the row
   * @param column the column
   * @return the instant, or null
   * @throws SQLException when the column cannot be read
   */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Reads an API time: the instant column with its offset column.
   *
   * @param rs the row
   * @param column the instant column
   * @param offsetColumn the offset column
   * @return the time with its original offset, or null
   * @throws SQLException when a column cannot be read
   */
  public static OffsetDateTime read(ResultSet rs, String column, String offsetColumn)
      throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      return null;
    }
    int offset = rs.getInt(offsetColumn);
    return value.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offset));
  }
}
