package dev.ymchat.inbox;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A business's response-time targets and hours.
 *
 * @param businessId the business
 * @param firstResponse the target for the first answer to a buyer
 * @param nextResponse the target for each later answer
 * @param hours the hours in which the clocks run
 */
record BusinessSettings(
    long businessId, Duration firstResponse, Duration nextResponse, BusinessHours hours) {

  /** The defaults of a business nobody configured: 1 h, 30 min, 09:00–21:00 Moscow time. */
  static BusinessSettings defaults(long businessId) {
    return new BusinessSettings(
        businessId,
        Duration.ofMinutes(60),
        Duration.ofMinutes(30),
        new BusinessHours(LocalTime.of(9, 0), LocalTime.of(21, 0), ZoneId.of("Europe/Moscow")));
  }
}
