package dev.ymchat.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final FaultConfig MIXED =
      FaultConfig.parse("seed=42,latency=5-50ms,500=0.05,503=0.10,420=0.02,burst=1,drop=0.05");

  @Test
  void sameSeed_givesTheSameSequence() {
    List<FaultInjector.Decision> a = draw(new FaultInjector(MIXED), 2_000);
    List<FaultInjector.Decision> b = draw(new FaultInjector(MIXED), 2_000);

    assertThat(a).isEqualTo(b);
  }

  @Test
  void otherSeed_givesAnotherSequence() {
    FaultConfig other =
        FaultConfig.builder()
            .seed(43)
            .latency(Duration.ofMillis(5), Duration.ofMillis(50))
            .error500Rate(0.05)
            .error503Rate(0.10)
            .rateLimitRate(0.02)
            .dropRate(0.05)
            .build();

    assertThat(draw(new FaultInjector(other), 200))
        .isNotEqualTo(draw(new FaultInjector(MIXED), 200));
  }

  @Test
  void ratesAreHonouredOver10000Decisions() {
    FaultInjector injector = new FaultInjector(MIXED);
    Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    long latencyNanos = 0;
    Duration min = Duration.ofDays(1);
    Duration max = Duration.ZERO;
    for (FaultInjector.Decision d : draw(injector, 10_000)) {
      counts.merge(d.kind(), 1, Integer::sum);
      latencyNanos += d.latency().toNanos();
      min = d.latency().compareTo(min) < 0 ? d.latency() : min;
      max = d.latency().compareTo(max) > 0 ? d.latency() : max;
    }

    // Binomial standard deviation at n=10 000 is at most 0.5%; allow about 4 of them.
    assertThat(share(counts, FaultKind.ERROR_500)).isCloseTo(0.05, within(0.012));
    assertThat(share(counts, FaultKind.ERROR_503)).isCloseTo(0.10, within(0.015));
    assertThat(share(counts, FaultKind.RATE_LIMIT)).isCloseTo(0.02, within(0.008));
    assertThat(share(counts, FaultKind.DROP)).isCloseTo(0.05, within(0.012));
    assertThat(share(counts, FaultKind.NONE)).isCloseTo(0.78, within(0.02));
    assertThat(min).isGreaterThanOrEqualTo(Duration.ofMillis(5));
    assertThat(max).isLessThanOrEqualTo(Duration.ofMillis(50));
    assertThat(latencyNanos / 10_000 / 1_000_000.0).isCloseTo(27.5, within(1.5));
    FaultStats stats = injector.stats();
    assertThat(stats.decisions()).isEqualTo(10_000);
    assertThat(stats.delayed()).isEqualTo(10_000);
    assertThat(stats.error500()).isEqualTo((long) counts.get(FaultKind.ERROR_500));
    assertThat(stats.error503()).isEqualTo((long) counts.get(FaultKind.ERROR_503));
    assertThat(stats.rateLimited()).isEqualTo((long) counts.get(FaultKind.RATE_LIMIT));
    assertThat(stats.dropped()).isEqualTo((long) counts.get(FaultKind.DROP));
    assertThat(stats.faulted()).isEqualTo(10_000 - counts.get(FaultKind.NONE));
  }

  @Test
  void a420_isFollowedByTheRestOfItsBurst() {
    FaultConfig bursty =
        FaultConfig.builder().seed(7).rateLimitRate(0.05).rateLimitBurst(5).build();
    List<FaultInjector.Decision> decisions = draw(new FaultInjector(bursty), 10_000);

    int runs = 0;
    int i = 0;
    while (i < decisions.size()) {
      if (decisions.get(i).kind() != FaultKind.RATE_LIMIT) {
        i++;
        continue;
      }
      int start = i;
      while (i < decisions.size() && decisions.get(i).kind() == FaultKind.RATE_LIMIT) {
        i++;
      }
      runs++;
      // A run is one or more whole bursts (a new burst may start right after one ends).
      if (i < decisions.size()) {
        assertThat((i - start) % 5).as("run starting at %d", start).isZero();
      }
    }
    assertThat(runs).isGreaterThan(100);
    assertThat(decisions).allSatisfy(d -> assertThat(d.latency()).isZero());
  }

  @Test
  void none_injectsNothing() {
    assertThat(draw(new FaultInjector(FaultConfig.none()), 1_000))
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(FaultKind.NONE);
              assertThat(d.latency()).isZero();
            });
  }

  @Test
  void concurrentCallers_drawTheSameMultisetOfDecisionsAsOneCaller() throws Exception {
    FaultConfig config =
        FaultConfig.builder()
            .seed(5)
            .error500Rate(0.3)
            .rateLimitRate(0.1)
            .rateLimitBurst(3)
            .build();
    List<FaultInjector.Decision> sequential = draw(new FaultInjector(config), 4_000);
    FaultInjector shared = new FaultInjector(config);
    ConcurrentLinkedQueue<FaultInjector.Decision> concurrent = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int t = 0; t < 4; t++) {
        pool.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              for (int k = 0; k < 1_000; k++) {
                concurrent.add(shared.next());
              }
            });
      }
      go.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }

    assertThat(concurrent).containsExactlyInAnyOrderElementsOf(sequential);
    assertThat(shared.stats().decisions()).isEqualTo(4_000);
  }

  private static List<FaultInjector.Decision> draw(FaultInjector injector, int n) {
    List<FaultInjector.Decision> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(injector.next());
    }
    return out;
  }

  private static double share(Map<FaultKind, Integer> counts, FaultKind kind) {
    return counts.getOrDefault(kind, 0) / 10_000.0;
  }
}
