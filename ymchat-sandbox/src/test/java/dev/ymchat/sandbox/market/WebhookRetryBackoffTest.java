package dev.ymchat.sandbox.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The webhooks' retry waits, as the dispatcher builds them from its two settings. */
class WebhookRetryBackoffTest {

  @Test
  void doublesFromTheInitialWait_upToTheMaximum() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(1));
    assertThat(backoff.cap(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.cap(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.cap(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.cap(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.cap(1000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void hugeAttemptCounts_doNotOverflow() {
    Backoff backoff = Backoff.exponential(Duration.ofSeconds(3), Duration.ofDays(365));
    assertThat(backoff.cap(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365));
  }
}
