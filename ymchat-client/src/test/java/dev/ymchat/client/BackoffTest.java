package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff DOUBLING =
      Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));

  @Test
  void withoutJitter_delaysDoubleUpToTheMaximum() {
    assertThat(DOUBLING.delay(1, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(DOUBLING.delay(2, null)).isEqualTo(Duration.ofMillis(400));
    assertThat(DOUBLING.delay(6, null)).isEqualTo(Duration.ofMillis(6400));
    assertThat(DOUBLING.delay(7, null)).isEqualTo(Duration.ofSeconds(10));
    assertThat(DOUBLING.delay(Integer.MAX_VALUE, null)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void multiplier_setsTheGrowth() {
    Backoff triple = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 3, 0);
    assertThat(triple.cap(3)).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void fullJitter_picksBetweenZeroAndTheCap() {
    Backoff full = DOUBLING.withJitter(1);
    Random random = new Random(7);
    for (int attempt = 1; attempt < 12; attempt++) {
      Duration delay = full.delay(attempt, random);
      assertThat(delay).isBetween(Duration.ZERO, full.cap(attempt));
    }
  }

  @Test
  void partialJitter_keepsTheFixedShare() {
    Backoff half = DOUBLING.withJitter(0.5);
    Random zero =
        new Random() {
          private static final long serialVersionUID = 1L;

          @Override
          public double nextDouble() {
            return 0;
          }
        };
    assertThat(half.delay(2, zero)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void badSettings_areRefusedNamingTheSetting() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), null))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> DOUBLING.withJitter(1.5)).hasMessageContaining("jitter");
    assertThatThrownBy(() -> DOUBLING.cap(0)).hasMessageContaining("attempt");
  }
}
