package dev.ymchat.sandbox.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

  @Test
  void doublesFromTheInitialWait_upToTheMaximum() {
    WebhookBackoff backoff = new WebhookBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void hugeAttemptCounts_doNotOverflow() {
    WebhookBackoff backoff = new WebhookBackoff(Duration.ofSeconds(3), Duration.ofDays(365));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365));
  }
}
