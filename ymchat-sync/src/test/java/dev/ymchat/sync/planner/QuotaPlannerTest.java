package dev.ymchat.sync.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.FakeClock;
import dev.ymchat.client.error.ApiException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.RateLimitInfo;
import dev.ymchat.client.model.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaPlannerTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final QuotaPlanner planner = new QuotaPlanner(clock, 4);

  private static RateLimitException http420(String message, Instant until) {
    return (RateLimitException)
        ApiException.of(
            message,
            420,
            List.of(new ApiError("LIMIT_EXCEEDED", message)),
            Map.of(),
            new RateLimitInfo(100L, 0L, until),
            null);
  }

  @Test
  void atMostFourCallsInFlightPerBusiness_andOtherBusinessesAreNotHeldBack() {
    for (int i = 0; i < 4; i++) {
      assertThat(planner.tryAcquire(1, ApiOperation.GET_CHAT_HISTORY, Priority.PUSH_READ))
          .isPresent();
    }
    assertThat(planner.tryAcquire(1, ApiOperation.SEND_MESSAGE, Priority.SEND)).isEmpty();
    assertThat(planner.tryAcquire(2, ApiOperation.SEND_MESSAGE, Priority.SEND)).isPresent();
    assertThat(planner.inFlight(1)).isEqualTo(4);
  }

  @Test
  void aFreedSlot_goesToTheMostUrgentWaiter() throws Exception {
    QuotaPlanner one = new QuotaPlanner(clock, 1);
    QuotaPlanner.Permit held = one.acquire(1, ApiOperation.GET_CHATS, Priority.RECONCILE);
    // a sender waits; a backfill read asking now must not jump ahead of it
    QuotaPlanner.Permit[] sendPermit = new QuotaPlanner.Permit[1];
    Thread waiting =
        new Thread(
            () -> {
              try {
                sendPermit[0] = one.acquire(1, ApiOperation.SEND_MESSAGE, Priority.SEND);
              } catch (InterruptedException e) {
                // stopped by the test
              }
            });
    waiting.start();
    while (waiting.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
    held.release();
    assertThat(one.tryAcquire(1, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)).isEmpty();
    waiting.join(10_000);
    assertThat(sendPermit[0]).isNotNull();
    sendPermit[0].release();
    assertThat(one.tryAcquire(1, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)).isPresent();
  }

  @Test
  void after420_theOperationWaitsUntilResourceUntil_andOthersGoOn() {
    Instant until = clock.instant().plusSeconds(90);
    planner.rateLimited(1, ApiOperation.SEND_MESSAGE, http420("Request limit exceeded", until));

    assertThat(planner.tryAcquire(1, ApiOperation.SEND_MESSAGE, Priority.SEND)).isEmpty();
    assertThat(planner.blockedUntil(1, ApiOperation.SEND_MESSAGE)).contains(until);
    Optional<QuotaPlanner.Permit> read =
        planner.tryAcquire(1, ApiOperation.GET_CHAT_HISTORY, Priority.PUSH_READ);
    assertThat(read).isPresent();
    read.get().release();
    clock.advance(Duration.ofSeconds(89));
    assertThat(planner.tryAcquire(1, ApiOperation.SEND_MESSAGE, Priority.SEND)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(planner.tryAcquire(1, ApiOperation.SEND_MESSAGE, Priority.SEND)).isPresent();
  }

  @Test
  void the420OfTheParallelCap_waitsASecondNotTheWholeWindow() {
    planner.rateLimited(
        1,
        ApiOperation.GET_CHATS,
        http420(
            "Hit rate limit of 4 parallel requests for businessId 1",
            clock.instant().plusSeconds(3600)));
    assertThat(planner.blockedUntil(1, ApiOperation.GET_CHATS))
        .contains(clock.instant().plusSeconds(1));
  }

  @Test
  void aLowBudget_slowsTheSweeps_andHoldsTheBackfillBack() {
    Duration base = Duration.ofMinutes(5);
    Instant reset = clock.instant().plusSeconds(1800);
    planner.record(1, ApiOperation.GET_CHATS, new RateLimitInfo(5000L, 4000L, reset));
    planner.record(1, ApiOperation.GET_CHAT_HISTORY, new RateLimitInfo(10000L, 9000L, reset));
    assertThat(planner.sweepInterval(1, base)).isEqualTo(base);
    assertThat(planner.allows(1, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)).isTrue();

    planner.record(1, ApiOperation.GET_CHATS, new RateLimitInfo(5000L, 1000L, reset));
    assertThat(planner.sweepInterval(1, base)).isEqualTo(base.multipliedBy(4));
    planner.record(1, ApiOperation.GET_CHAT_HISTORY, new RateLimitInfo(10000L, 300L, reset));
    assertThat(planner.sweepInterval(1, base)).isEqualTo(base.multipliedBy(8));
    assertThat(planner.allows(1, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)).isFalse();
    assertThat(planner.allows(1, ApiOperation.GET_CHAT_HISTORY, Priority.PUSH_READ)).isTrue();

    clock.advance(Duration.ofSeconds(1800));
    assertThat(planner.sweepInterval(1, base)).isEqualTo(base);
    assertThat(planner.allows(1, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)).isTrue();
    assertThat(planner.budgets(1)).containsKeys("getChats", "getChatHistory");
  }
}
