package dev.ymchat.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The hours in which response clocks run, in a time zone: a clock started at 20:50 with a 30-minute
 * target and hours 09:00–21:00 is due at 09:20 the next day.
 *
 * @param start the opening time
 * @param end the closing time; equal to start for round the clock
 * @param zone the time zone of the hours
 */
record BusinessHours(LocalTime start, LocalTime end, ZoneId zone) {

  BusinessHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(zone, "zone");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "business hours must end after they start (" + start + "–" + end + ")");
    }
  }

  /** Whether the clock runs day and night. */
  boolean roundTheClock() {
    return start.equals(end);
  }

  /**
   * Returns the instant when {@code working} working time has passed after {@code from}.
   *
   * @param from the start of the clock
   * @param working the working time to add
   * @return the due instant
   */
  Instant plusWorking(Instant from, Duration working) {
    if (roundTheClock()) {
      return from.plus(working);
    }
    Duration remaining = working;
    ZonedDateTime t = from.atZone(zone);
    // at most one step per calendar day; a year of days bounds any sane target
    for (int day = 0; day < 400; day++) {
      LocalDate date = t.toLocalDate();
      ZonedDateTime open = date.atTime(start).atZone(zone);
      ZonedDateTime close = date.atTime(end).atZone(zone);
      if (t.isBefore(open)) {
        t = open;
      }
      if (!t.isBefore(close)) {
        t = date.plusDays(1).atTime(start).atZone(zone);
        continue;
      }
      Duration available = Duration.between(t, close);
      if (remaining.compareTo(available) <= 0) {
        return t.plus(remaining).toInstant();
      }
      remaining = remaining.minus(available);
      t = date.plusDays(1).atTime(start).atZone(zone);
    }
    return t.toInstant();
  }
}
