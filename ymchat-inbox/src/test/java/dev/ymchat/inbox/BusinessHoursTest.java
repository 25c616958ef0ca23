package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

  final BusinessHours moscow =
      new BusinessHours(LocalTime.of(9, 0), LocalTime.of(21, 0), ZoneId.of("Europe/Moscow"));

  @Test
  void withinTheDay_addsPlainly() {
    assertThat(moscow.plusWorking(Instant.parse("2026-03-02T08:00:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-03-02T08:30:00Z"));
  }

  @Test
  void pastClosing_continuesAtNextOpening() {
    assertThat(moscow.plusWorking(Instant.parse("2026-03-02T17:50:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-03-03T06:20:00Z"));
  }

  @Test
  void atNight_startsAtOpening() {
    assertThat(moscow.plusWorking(Instant.parse("2026-03-02T23:00:00Z"), Duration.ofMinutes(60)))
        .isEqualTo(Instant.parse("2026-03-03T07:00:00Z"));
  }

  @Test
  void roundTheClock_whenStartEqualsEnd() {
    BusinessHours all = new BusinessHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"));
    assertThat(all.plusWorking(Instant.parse("2026-03-02T23:50:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-03-03T00:20:00Z"));
  }

  @Test
  void endBeforeStart_isRefused() {
    assertThatThrownBy(
            () -> new BusinessHours(LocalTime.of(21, 0), LocalTime.of(9, 0), ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end after they start");
  }
}
