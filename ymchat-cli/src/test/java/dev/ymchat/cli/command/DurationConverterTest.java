package dev.ymchat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsMillisSecondsMinutesHoursAndIso() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("1H")).isEqualTo(Duration.ofHours(1));
    assertThat(converter.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesGarbageAndZeroWithAnExample() {
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("15s");
    assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(TypeConversionException.class);
  }
}
