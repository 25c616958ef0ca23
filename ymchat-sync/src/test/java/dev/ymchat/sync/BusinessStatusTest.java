package dev.ymchat.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sync.planner.Budget;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backfill held by the quota says so, and until when (`ymchat sync status` prints it). */
class BusinessStatusTest {

  private static final Instant NOW = Instant.parse("2026-12-03T09:40:00Z");
  private static final Instant RESET = NOW.plusSeconds(20 * 60);

  private static BusinessStatus status(String backfill, long readsWanted, long remaining) {
    Budget history = new Budget("getChatHistory", 10_000L, remaining, RESET, null, NOW);
    return new BusinessStatus(
        1001,
        backfill,
        10_000,
        10_000,
        8_000,
        16_000,
        readsWanted,
        NOW,
        null,
        null,
        0,
        0,
        0,
        null,
        Map.of("getChatHistory", history));
  }

  @Test
  void underAFifthOfTheHistoryQuota_withReadsLeft_theBackfillIsHeldUntilTheReset() {
    assertThat(status("HISTORIES", 2_003, 1_999).backfillHeldUntil(NOW)).contains(RESET);
  }

  @Test
  void withMoreLeft_doneOrNothingToRead_orAfterTheReset_itIsNotHeld() {
    assertThat(status("HISTORIES", 2_003, 2_500).backfillHeldUntil(NOW)).isEmpty();
    assertThat(status("DONE", 2_003, 100).backfillHeldUntil(NOW)).isEmpty();
    assertThat(status("HISTORIES", 0, 100).backfillHeldUntil(NOW)).isEmpty();
    assertThat(status("HISTORIES", 2_003, 100).backfillHeldUntil(RESET)).isEmpty();
  }
}
