package dev.ymchat.sandbox.reliability;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.Sleeper;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.faults.FaultStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared pieces of the reliability tests: a faulty sandbox, a client that retries without sleeping.
 */
final class Faulty {

  /** The fault mix of the brief: 10% 503, 5% drops, bursts of five 420s, 1-5 ms latency. */
  static final String BASE_FAULTS = "seed=42,latency=1-5ms,503=0.10,420=0.02,burst=5,drop=0.05";

  private Faulty() {}

  /** An in-memory sandbox with demo data, Market's limits off and the given faults. */
  static SandboxServer sandbox(String faults) {
    return SandboxExtension.start(b -> b.faults(FaultConfig.parse(faults)));
  }

  /**
   * A client with enough attempts to ride out a burst of five 420s, whose sleeper counts the
   * retries and completes at once (the 420s name a reset one second ahead; waiting for real would
   * only make the test slow, the retry decisions are the same).
   */
  static ChatsClient client(String baseUrl, String apiKey, CountingSleeper sleeper) {
    return ChatsClient.builder()
        .baseUrl(baseUrl)
        .apiKey(apiKey)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(10)
                .totalBudget(Duration.ofMinutes(10))
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(4))
                .build())
        .requestTimeout(Duration.ofSeconds(20))
        .sleeper(sleeper)
        .build();
  }

  /** Reads a chat's whole history and counts each text. */
  static Map<String, Integer> textCounts(ChatsClient client, long businessId, long chatId) {
    Map<String, Integer> counts = new HashMap<>();
    for (ChatMessage m :
        client.history(businessId, chatId, HistoryQuery.builder().limit(100).build()).autoPager()) {
      if (m.message() != null) {
        counts.merge(m.message(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** One line of figures for the report: the faults the sandbox injected. */
  static String describe(FaultStats s) {
    return "decisions="
        + s.decisions()
        + " delayed="
        + s.delayed()
        + " 500="
        + s.error500()
        + " 503="
        + s.error503()
        + " 420="
        + s.rateLimited()
        + " drop="
        + s.dropped()
        + " dropAfter="
        + s.droppedAfter();
  }

  /** A client {@link Sleeper} that returns at once and counts how often the client retried. */
  static final class CountingSleeper implements Sleeper {
    private final AtomicLong calls = new AtomicLong();

    @Override
    public CompletableFuture<Void> sleep(Duration duration) {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    long retries() {
      return calls.get();
    }
  }
}
