package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.faults.FaultStats;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two kinds of dropped connection: {@code drop} closes it before the handler runs (nothing is
 * stored), {@code dropAfter} lets the handler commit and then closes it before the answer (stored,
 * though the client saw only a broken connection).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DropAfterFaultTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  @Test
  void dropAfter_storesTheMessageButTheClientSeesAnUnknownOutcome() {
    assertStoredAfterDrop("seed=1,dropAfter=0.5", true);
  }

  @Test
  void drop_beforeTheHandler_storesNothing() {
    assertStoredAfterDrop("seed=1,drop=0.5", false);
  }

  @Test
  void dropAfter_isParsedValidatedAndWrittenBack() {
    FaultConfig c = FaultConfig.parse("seed=7,drop=0.05,dropAfter=0.03");
    assertThat(c.dropAfterRate()).isEqualTo(0.03);
    assertThat(c.isActive()).isTrue();
    assertThat(FaultConfig.parse(c.toSpec())).isEqualTo(c);
    assertThat(FaultConfig.parse("DROPAFTER=0.5").dropAfterRate()).isEqualTo(0.5);
    assertThat(FaultConfig.builder().dropAfterRate(0.2).build().isActive()).isTrue();
    assertThatThrownBy(() -> FaultConfig.parse("drop=0.6,dropAfter=0.6"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropAfter");
    assertThatThrownBy(() -> FaultConfig.parse("dropAfter=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropAfter");
    assertThatThrownBy(() -> FaultConfig.parse("after=0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropAfter");
    // a configuration that does not name drop-after has none
    assertThat(FaultConfig.builder().seed(1).dropRate(0.1).build().dropAfterRate()).isZero();
  }

  /**
   * Sends ten messages without retries into a sandbox that drops half the connections, then reads
   * the history with a retrying client: the sends that failed are all present (drop-after) or all
   * absent (drop before the handler).
   */
  private static void assertStoredAfterDrop(String faults, boolean stored) {
    Faulty.CountingSleeper sleeper = new Faulty.CountingSleeper();
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.faults(FaultConfig.parse(faults)));
        ChatsClient once =
            ChatsClient.builder()
                .baseUrl(sandbox.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .retryPolicy(RetryPolicy.none())
                .build();
        ChatsClient reader =
            Faulty.client(sandbox.baseUrl(), SandboxDemo.ALL_METHODS_KEY, sleeper)) {
      long chat = sandbox.market().buyerOpensDirectChat(B, "hello");
      List<String> failed = new ArrayList<>();
      List<String> succeeded = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String text = "drop test " + i;
        try {
          once.sendMessage(B, chat, text);
          succeeded.add(text);
        } catch (TransportException e) {
          assertThat(e.outcome()).isEqualTo(TransportException.Outcome.UNKNOWN);
          assertThat(e.getMessage()).contains("may have processed");
          failed.add(text);
        }
      }
      Map<String, Integer> counts = Faulty.textCounts(reader, B, chat);

      FaultStats stats = sandbox.faultStats().orElseThrow();
      assertThat(failed).isNotEmpty();
      assertThat(stored ? stats.droppedAfter() : stats.dropped())
          .isGreaterThanOrEqualTo(failed.size());
      assertThat(stored ? stats.dropped() : stats.droppedAfter()).isZero();
      for (String text : succeeded) {
        assertThat(counts.get(text)).as(text).isEqualTo(1);
      }
      for (String text : failed) {
        assertThat(counts.getOrDefault(text, 0)).as(text).isEqualTo(stored ? 1 : 0);
      }
    }
  }
}
