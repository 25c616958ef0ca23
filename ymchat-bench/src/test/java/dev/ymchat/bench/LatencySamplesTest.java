package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void percentiles_useTheNearestRankOverAllThreads() {
    LatencySamples a = new LatencySamples();
    LatencySamples b = new LatencySamples();
    for (int i = 1; i <= 100_000; i++) {
      (i % 2 == 0 ? a : b).record(i);
    }

    long[] sorted = LatencySamples.mergeSorted(List.of(a, b));

    assertThat(sorted).hasSize(100_000);
    assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(50_000);
    assertThat(LatencySamples.percentile(sorted, 99)).isEqualTo(99_000);
    assertThat(LatencySamples.percentile(sorted, 99.9)).isEqualTo(99_900);
    assertThat(LatencySamples.percentile(sorted, 100)).isEqualTo(100_000);
  }

  @Test
  void percentile_ofASingleSampleIsThatSample() {
    assertThat(LatencySamples.percentile(new long[] {42}, 1)).isEqualTo(42);
    assertThat(LatencySamples.percentile(new long[] {42}, 99.9)).isEqualTo(42);
    assertThat(LatencySamples.percentile(new long[0], 50)).isZero();
  }

  @Test
  void percentile_outsideTheRange_isRefused() {
    assertThatThrownBy(() -> LatencySamples.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> LatencySamples.percentile(new long[] {1}, 100.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
