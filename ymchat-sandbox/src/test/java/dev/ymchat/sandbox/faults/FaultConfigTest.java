package dev.ymchat.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultConfigTest {

  @Test
  void parse_readsTheFullCliForm() {
    FaultConfig c =
        FaultConfig.parse("seed=42,latency=5-50ms,500=0.05,503=0.10,420=0.02,burst=5,drop=0.05");

    assertThat(c.seed()).isEqualTo(42);
    assertThat(c.latencyMin()).isEqualTo(Duration.ofMillis(5));
    assertThat(c.latencyMax()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.error500Rate()).isEqualTo(0.05);
    assertThat(c.error503Rate()).isEqualTo(0.10);
    assertThat(c.rateLimitRate()).isEqualTo(0.02);
    assertThat(c.rateLimitBurst()).isEqualTo(5);
    assertThat(c.dropRate()).isEqualTo(0.05);
    assertThat(c.isActive()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "latency=20ms, 20, 20",
    "latency=1s, 1000, 1000",
    "latency=0.5s, 500, 500",
    "latency=15, 15, 15",
    "latency=5ms-1s, 5, 1000",
    "latency=1-2s, 1000, 2000",
    "LATENCY = 3 - 7MS, 3, 7"
  })
  void parse_acceptsLatencyForms(String spec, long minMs, long maxMs) {
    FaultConfig c = FaultConfig.parse(spec);

    assertThat(c.latencyMin()).isEqualTo(Duration.ofMillis(minMs));
    assertThat(c.latencyMax()).isEqualTo(Duration.ofMillis(maxMs));
  }

  @Test
  void parse_emptyOrNone_givesNoFaults() {
    assertThat(FaultConfig.parse("")).isEqualTo(FaultConfig.none());
    assertThat(FaultConfig.parse(" none ")).isEqualTo(FaultConfig.none());
    assertThat(FaultConfig.none().isActive()).isFalse();
    assertThat(FaultConfig.parse("seed=9").isActive()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500=abc | 500=abc",
        "503=1.5 | 503=1.5",
        "420=-0.1 | 420=-0.1",
        "drop=NaN | drop=NaN",
        "seed=x | seed=x",
        "burst=0 | burst=0",
        "burst=two | burst=two",
        "latency=fast | latency=fast",
        "latency=-5ms | latency=-5ms",
        "latency=50-5ms | inverted",
        "timeout=5 | unknown fault spec key 'timeout'",
        "500 | expected key=value",
        "500=0.1,500=0.2 | given twice",
        "500=0.5,503=0.4,drop=0.2 | add up to",
      })
  void parse_badInput_namesTheKeyOrValue(String spec, String expected) {
    assertThatThrownBy(() -> FaultConfig.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void toSpec_roundTripsThroughParse() {
    FaultConfig c =
        FaultConfig.builder()
            .seed(-3)
            .latency(Duration.ofMillis(5), Duration.ofMillis(50))
            .error500Rate(0.05)
            .error503Rate(0.1)
            .rateLimitRate(0.02)
            .rateLimitBurst(5)
            .dropRate(0.05)
            .build();

    assertThat(c.toSpec())
        .isEqualTo("seed=-3,latency=5ms-50ms,500=0.05,503=0.1,420=0.02,burst=5,drop=0.05");
    assertThat(FaultConfig.parse(c.toSpec())).isEqualTo(c);
  }

  @Test
  void constructor_rejectsOutOfRangeValuesWithClearMessages() {
    assertThatThrownBy(() -> FaultConfig.builder().error500Rate(1.2).build())
        .hasMessageContaining("error500Rate")
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultConfig.builder().rateLimitRate(0.6).dropRate(0.6).build())
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> FaultConfig.builder().rateLimitBurst(0).build())
        .hasMessageContaining("rateLimitBurst");
    assertThatThrownBy(() -> FaultConfig.builder().latency(Duration.ofMillis(-1)).build())
        .hasMessageContaining("negative");
    assertThat(
            FaultConfig.builder()
                .error500Rate(0.25)
                .error503Rate(0.25)
                .rateLimitRate(0.25)
                .dropRate(0.25)
                .build()
                .dropRate())
        .isEqualTo(0.25);
  }
}
