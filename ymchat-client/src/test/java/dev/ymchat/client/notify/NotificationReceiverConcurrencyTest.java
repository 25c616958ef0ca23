package dev.ymchat.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class NotificationReceiverConcurrencyTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T00:00:00Z"));

  private static String messageSent(long chatId, long messageId) {
    return "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":"
        + chatId
        + ",\"messageId\":\""
        + messageId
        + "\",\"businessId\":1001,\"sentAt\":\"2017-11-21T00:00:00+03:00\"}";
  }

  @Test
  void manyThreadsDeliveringEachEventSeveralTimes_dispatchEachEventExactlyOnce() throws Exception {
    Map<Long, AtomicInteger> dispatches = new ConcurrentHashMap<>();
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("shop")
            .version("1")
            .clock(clock)
            .listener(
                n -> {
                  long id = ((ChatMessageSentNotification) n).messageId();
                  dispatches.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                  Thread.yield(); // widen the window in which a concurrent duplicate can arrive
                })
            .build();
    List<String> deliveries = new ArrayList<>();
    int events = 500;
    int copies = 4;
    for (long id = 1; id <= events; id++) {
      for (int i = 0; i < copies; i++) {
        deliveries.add(messageSent(id % 7 + 1, id));
      }
    }
    Collections.shuffle(deliveries, new Random(42));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (String body : deliveries) {
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return receiver.handle(body).status();
                }));
      }
      start.countDown();
      for (Future<Integer> status : statuses) {
        assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(dispatches).hasSize(events);
    assertThat(dispatches.values()).allSatisfy(count -> assertThat(count).hasValue(1));
  }

  @Test
  void concurrentDuplicate_waitsForTheFirst_andProcessesTheEventWhenTheFirstFailed()
      throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("shop")
            .version("1")
            .clock(clock)
            .listener(
                n -> {
                  if (calls.incrementAndGet() == 1) {
                    firstEntered.countDown();
                    releaseFirst.await();
                    throw new IllegalStateException("first attempt fails");
                  }
                })
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = pool.submit(() -> receiver.handle(messageSent(1, 9)).status());
      firstEntered.await();
      Thread[] secondThread = new Thread[1];
      CountDownLatch secondStarted = new CountDownLatch(1);
      Future<Integer> second =
          pool.submit(
              () -> {
                secondThread[0] = Thread.currentThread();
                secondStarted.countDown();
                return receiver.handle(messageSent(1, 9)).status();
              });
      secondStarted.await();
      // the duplicate must be parked waiting for the first attempt, not dispatched
      while (secondThread[0].getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      assertThat(calls).hasValue(1);

      releaseFirst.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(500);
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(calls).hasValue(2);
      assertThat(receiver.handle(messageSent(1, 9)).status()).isEqualTo(200);
      assertThat(calls).hasValue(2);
    } finally {
      releaseFirst.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentDuplicate_ofASuccessfulEvent_isAnswered200WithoutDispatch() throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("shop")
            .version("1")
            .clock(clock)
            .listener(
                n -> {
                  calls.incrementAndGet();
                  firstEntered.countDown();
                  releaseFirst.await();
                })
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = pool.submit(() -> receiver.handle(messageSent(1, 9)).status());
      firstEntered.await();
      Future<Integer> second = pool.submit(() -> receiver.handle(messageSent(1, 9)).status());

      releaseFirst.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      assertThat(calls).hasValue(1);
    } finally {
      releaseFirst.countDown();
      pool.shutdownNow();
    }
  }
}
