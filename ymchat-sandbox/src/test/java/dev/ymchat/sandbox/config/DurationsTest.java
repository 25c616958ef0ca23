package dev.ymchat.sandbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, 250000000",
    "2s, 2000000000",
    "1.5s, 1500000000",
    "1m, 60000000000",
    "1H, 3600000000000",
    "PT2S, 2000000000",
    "pt0.25s, 250000000",
    "' 15 s ', 15000000000",
    "1500ns, 1500",
    "0ms, 0"
  })
  void readsUnitsAndIso(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource({"250, ms, 250000000", "3, s, 3000000000", "2ms, s, 2000000"})
  void bareNumberTakesTheDefaultUnit(String text, String unit, long nanos) {
    assertThat(Durations.parse(text, unit)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "5x", "PTx", "ms", "1.2.3s"})
  void refusesWhatIsNoDurationNamingTheTextAndAnExample(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("write it like 250ms, 2s, 1m, 1h or PT2S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5ms", "-PT2S"})
  void refusesNegativeDurations(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void refusesAMissingDuration(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("a duration is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"250", "42"})
  void bareNumberWithoutDefaultUnitAsksForOne(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("has no unit");
  }

  @ParameterizedTest
  @CsvSource({"250000000, 250ms", "1500, 1500ns", "0, 0ms"})
  void formatIsReadBack(long nanos, String text) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(Durations.format(d)).isEqualTo(text);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
