package dev.ymchat.sandbox.market;

import static dev.ymchat.sandbox.market.WebhookTestReceiver.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ymchat.sandbox.ManualTime;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookDispatcherTest {

  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private WebhookTestReceiver receiver;
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookTestReceiver.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    dispatchers.forEach(WebhookDispatcher::close);
    receiver.close();
  }

  /**
   * Market's own backoff (200 ms doubling up to 10 s) and duplicate delays, waited out on the
   * test's time; generous request timeouts (the JDK client's own timers, on real time), so that a
   * loaded machine does not add attempts.
   */
  private static WebhookDispatcher.Builder on(ManualTime time, URI url) {
    return WebhookDispatcher.builder()
        .url(url)
        .sleeper(time)
        .clock(time)
        .requestTimeout(Duration.ofSeconds(5))
        .pingTimeout(Duration.ofSeconds(5));
  }

  /** Every wait passes at once. */
  private static WebhookDispatcher.Builder instant(URI url) {
    return on(ManualTime.atOnce(), url);
  }

  private WebhookDispatcher track(WebhookDispatcher d) {
    dispatchers.add(d);
    return d;
  }

  @Test
  void publish_postsEveryNotificationTypeAsJsonWithSandboxHeaders() {
    WebhookDispatcher d = track(instant(receiver.url()).build());
    List<String> bodies =
        List.of(
            Notifications.chatCreated(1001, 10, T0),
            Notifications.chatMessageSent(1001, 10, 100, T0),
            Notifications.chatArbitrageStarted(1001, 10, T0),
            Notifications.chatArbitrageFinished(1001, 10, T0));

    bodies.forEach(b -> d.publish(10, b));
    d.publish(0, Notifications.ping(T0));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.delivered()).isEqualTo(5);
    assertThat(d.failed()).isZero();
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(receiver.all())
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.path()).isEqualTo("/notification");
              assertThat(r.contentType()).isEqualTo("application/json; charset=UTF-8");
              assertThat(r.userAgent()).isEqualTo("ymchat-sandbox");
            });
    assertThat(receiver.accepted()).containsAll(bodies).contains(Notifications.ping(T0));
    // Same chat: delivered in publish order.
    assertThat(receiver.accepted().stream().filter(bodies::contains))
        .containsExactlyElementsOf(bodies);
    assertThat(d.recentDeliveries())
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.delivered()).isTrue();
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.error()).isEmpty();
              assertThat(r.at()).isEqualTo(ManualTime.START);
            });
  }

  @Test
  void http500_isRetriedUntilTheReceiverAnswers200() {
    AtomicInteger calls = new AtomicInteger();
    receiver.respondWith(body -> calls.incrementAndGet() <= 2 ? 500 : 200);
    ManualTime time = ManualTime.atOnce();
    WebhookDispatcher d = track(on(time, receiver.url()).build());

    d.publish(42, Notifications.chatCreated(1, 42, T0));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.delivered()).isEqualTo(1);
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.failed()).isZero();
    assertThat(receiver.all()).hasSize(3);
    assertThat(d.recentDeliveries())
        .extracting(
            WebhookDispatcher.DeliveryRecord::attempt, WebhookDispatcher.DeliveryRecord::statusCode)
        .containsExactly(tuple(1, 500), tuple(2, 500), tuple(3, 200));
    assertThat(time.waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    // the records are stamped on the test's clock, which the waits moved on
    assertThat(d.recentDeliveries().get(2).at()).isEqualTo(ManualTime.START.plusMillis(600));
  }

  @Test
  void retries_waitTheDoublingBackoff_upToItsMaximum_thenGiveUp() {
    receiver.respondWith(body -> 503);
    ManualTime time = ManualTime.atOnce();
    WebhookDispatcher d = track(on(time, receiver.url()).maxBackoff(Duration.ofSeconds(1)).build());

    d.publish(5, Notifications.chatCreated(1, 5, T0));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.failed()).isEqualTo(1);
    assertThat(d.attempts()).isEqualTo(6);
    assertThat(time.waits())
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
  }

  @Test
  void connectionRefused_isRetriedUntilTheReceiverComesUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/notification");
    ManualTime time = ManualTime.byHand();
    WebhookDispatcher d = track(on(time, url).build());

    d.publish(7, Notifications.chatCreated(1, 7, T0));

    // Refused twice; the third attempt waits for the test's clock.
    assertThat(time.awaitOpen(1, WAIT)).isTrue();
    time.advance(Duration.ofMillis(200));
    assertThat(eventually(WAIT, () -> d.attempts() == 2 && time.waits().size() == 2)).isTrue();
    assertThat(time.awaitOpen(1, WAIT)).isTrue();
    assertThat(d.delivered()).isZero();
    assertThat(d.pending()).isEqualTo(1);
    assertThat(d.recentDeliveries())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isZero();
              assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("Exception"));
            });
    try (WebhookTestReceiver late = WebhookTestReceiver.startOn(port)) {
      time.advance(Duration.ofMillis(400));
      assertThat(d.awaitIdle(WAIT)).isTrue();
      assertThat(d.delivered()).isEqualTo(1);
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(late.accepted()).containsExactly(Notifications.chatCreated(1, 7, T0));
    }
  }

  @Test
  void eventsOfOneChat_stayInOrderUnderRetries_whileOtherChatsAreNotBlocked() throws Exception {
    String a1 = Notifications.chatMessageSent(1, 100, 1, T0);
    String a2 = Notifications.chatMessageSent(1, 100, 2, T0);
    String a3 = Notifications.chatMessageSent(1, 100, 3, T0);
    List<String> chatB =
        List.of(
            Notifications.chatMessageSent(1, 200, 1, T0),
            Notifications.chatMessageSent(1, 200, 2, T0),
            Notifications.chatMessageSent(1, 200, 3, T0));
    AtomicBoolean releaseA2 = new AtomicBoolean();
    receiver.respondWith(body -> body.equals(a2) && !releaseA2.get() ? 503 : 200);
    ManualTime time = ManualTime.byHand();
    WebhookDispatcher d = track(on(time, receiver.url()).workers(2).build());

    d.publish(100, a1);
    d.publish(100, a2);
    d.publish(100, a3);
    chatB.forEach(b -> d.publish(200, b));

    // Chat B gets through while a2 fails, is retried and fails again ...
    assertThat(eventually(WAIT, () -> receiver.accepted().containsAll(chatB))).isTrue();
    assertThat(time.awaitOpen(1, WAIT)).isTrue();
    time.advance(Duration.ofMillis(200));
    assertThat(eventually(WAIT, () -> time.waits().size() == 2)).isTrue();
    assertThat(time.awaitOpen(1, WAIT)).isTrue();
    assertThat(d.attempts()).isEqualTo(1 + 3 + 2); // a1, b1..b3, a2 twice
    // ... and a3 waits behind a2.
    assertThat(receiver.accepted()).contains(a1).doesNotContain(a2, a3);
    assertThat(receiver.all().stream().map(WebhookTestReceiver.Received::body)).doesNotContain(a3);

    releaseA2.set(true);
    time.advance(Duration.ofMillis(400));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.accepted().stream().filter(b -> b.contains("\"chatId\":100")))
        .containsExactly(a1, a2, a3);
    assertThat(receiver.accepted().stream().filter(chatB::contains))
        .containsExactlyElementsOf(chatB);
    assertThat(d.delivered()).isEqualTo(6);
    assertThat(d.attempts()).isEqualTo(8);
    assertThat(d.failed()).isZero();
    assertThat(time.waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void duplicateRateOne_deliversEveryEventTwice() throws Exception {
    ManualTime time = ManualTime.byHand();
    WebhookDispatcher d = track(on(time, receiver.url()).duplicateRate(1.0).seed(1).build());
    List<String> bodies =
        List.of(
            Notifications.chatCreated(1, 5, T0),
            Notifications.chatMessageSent(1, 5, 50, T0),
            Notifications.chatCreated(1, 6, T0));

    d.publish(5, bodies.get(0));
    d.publish(5, bodies.get(1));
    d.publish(6, bodies.get(2));

    // Each copy waits its delay after its original was delivered.
    assertThat(time.awaitOpen(3, WAIT)).isTrue();
    assertThat(eventually(WAIT, () -> receiver.accepted().size() == 3)).isTrue();
    assertThat(receiver.accepted()).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(d.pending()).isEqualTo(3);
    assertThat(time.waits())
        .hasSize(3)
        .allSatisfy(
            w -> assertThat(w).isBetween(Duration.ZERO, WebhookFaults.DEFAULT_DUPLICATE_DELAY));
    time.advance(WebhookFaults.DEFAULT_DUPLICATE_DELAY);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.delivered()).isEqualTo(6);
    assertThat(countByBody(receiver.accepted()))
        .containsOnlyKeys(bodies)
        .allSatisfy((b, n) -> assertThat(n).isEqualTo(2));
    assertThat(d.duplicated()).isEqualTo(3);
    // the originals keep their chat's order; the copies come on their own
    assertThat(
            firstOccurrences(receiver.accepted()).stream().filter(b -> b.contains("\"chatId\":5")))
        .containsExactly(bodies.get(0), bodies.get(1));
  }

  @Test
  void duplicates_comeLaterOnTheirOwn_soACopyMayFollowNewerEventsOfItsChat() throws Exception {
    // The copies' delays run on the test's clock, which stands still until every original is
    // through: then each copy of an event but the last follows newer events of its chat, on no
    // real timing at all.
    ManualTime time = ManualTime.byHand();
    WebhookDispatcher d =
        track(
            on(time, receiver.url())
                .faults(new WebhookFaults(0, 0.5, Duration.ofMillis(300), 11))
                .build());
    List<String> bodies = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      bodies.add(Notifications.chatMessageSent(1, 7, 1000 + i, T0));
    }

    bodies.forEach(b -> d.publish(7, b));

    int copiesDue = (int) d.duplicated();
    assertThat(time.awaitOpen(copiesDue, WAIT)).isTrue();
    assertThat(eventually(WAIT, () -> receiver.accepted().size() == 50)).isTrue();
    assertThat(receiver.accepted()).containsExactlyElementsOf(bodies);
    time.advance(Duration.ofMillis(300));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    List<String> seen = receiver.accepted();
    Map<String, Integer> counts = countByBody(seen);
    long twice = counts.values().stream().filter(n -> n == 2).count();
    assertThat(d.duplicated()).isEqualTo(twice).isBetween(10L, 40L);
    assertThat(counts).containsOnlyKeys(bodies).allSatisfy((b, n) -> assertThat(n).isIn(1, 2));
    assertThat(d.delivered()).isEqualTo(50 + twice);
    assertThat(firstOccurrences(seen)).containsExactlyElementsOf(bodies);
    // some copy arrived after a newer event of the same chat: out of order, as Market's may
    List<String> copies = new ArrayList<>();
    boolean outOfOrder = false;
    Set<String> firstSeen = new java.util.HashSet<>();
    int newest = -1;
    for (String body : seen) {
      int index = bodies.indexOf(body);
      if (!firstSeen.add(body)) {
        copies.add(body);
        outOfOrder |= index < newest;
      }
      newest = Math.max(newest, index);
    }
    assertThat(copies).hasSize((int) twice);
    assertThat(outOfOrder).as("a copy after a newer event: %s", seen).isTrue();
  }

  @Test
  void lossRateOne_deliversNothing_andCountsEveryLoss() {
    WebhookDispatcher d = track(instant(receiver.url()).lossRate(1.0).seed(3).build());

    for (int i = 1; i <= 5; i++) {
      d.publish(i, Notifications.chatCreated(1, i, T0));
    }

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.lost()).isEqualTo(5);
    assertThat(d.delivered()).isZero();
    assertThat(d.attempts()).isZero();
    assertThat(receiver.all()).isEmpty();
  }

  @Test
  void sameSeed_losesTheSameEvents_andSetFaultsRestartsTheDecisions() throws Exception {
    WebhookFaults faults = WebhookFaults.parse("loss=0.3,duplicate=0.2,seed=21");
    Set<String> first = lostBodies(faults);
    Set<String> second = lostBodies(faults);

    assertThat(first).isEqualTo(second).isNotEmpty().hasSizeLessThan(40);

    WebhookDispatcher d = track(instant(receiver.url()).build());
    assertThat(d.faults().isActive()).isFalse();
    d.setFaults(faults);
    for (int i = 1; i <= 40; i++) {
      d.publish(i % 4, Notifications.chatCreated(1, i, T0));
    }
    assertThat(d.awaitIdle(WAIT)).isTrue();
    Set<String> all = new TreeSet<>();
    for (int i = 1; i <= 40; i++) {
      all.add(Notifications.chatCreated(1, i, T0));
    }
    all.removeAll(receiver.accepted());
    assertThat(all).isEqualTo(first);
    assertThat(d.lost()).isEqualTo(first.size());
  }

  private Set<String> lostBodies(WebhookFaults faults) throws Exception {
    try (WebhookTestReceiver r = WebhookTestReceiver.start();
        WebhookDispatcher d = instant(r.url()).faults(faults).build()) {
      Set<String> lost = new TreeSet<>();
      for (int i = 1; i <= 40; i++) {
        String body = Notifications.chatCreated(1, i, T0);
        lost.add(body);
        d.publish(i % 4, body);
      }
      assertThat(d.awaitIdle(WAIT)).isTrue();
      lost.removeAll(r.accepted());
      assertThat(d.lost()).isEqualTo(lost.size());
      return lost;
    }
  }

  private static List<String> firstOccurrences(List<String> bodies) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(bodies));
  }

  @Test
  void sameSeed_duplicatesTheSameEvents() throws Exception {
    Set<String> first = duplicatedBodies(77);
    Set<String> second = duplicatedBodies(77);

    assertThat(first).isEqualTo(second);
    // With rate 0.5 over 40 events some, but not all, are duplicated.
    assertThat(first).isNotEmpty().hasSizeLessThan(40);
  }

  private Set<String> duplicatedBodies(long seed) throws Exception {
    try (WebhookTestReceiver r = WebhookTestReceiver.start();
        WebhookDispatcher d = instant(r.url()).duplicateRate(0.5).seed(seed).build()) {
      for (int i = 1; i <= 40; i++) {
        d.publish(i % 4, Notifications.chatCreated(1, i, T0));
      }
      assertThat(d.awaitIdle(WAIT)).isTrue();
      return countByBody(r.accepted()).entrySet().stream()
          .filter(e -> e.getValue() == 2)
          .map(Map.Entry::getKey)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void afterMaxAttempts_theEventIsDroppedCountedAndTheChatMovesOn() {
    String doomed = Notifications.chatCreated(1, 9, T0);
    String next = Notifications.chatMessageSent(1, 9, 1, T0);
    receiver.respondWith(body -> body.equals(doomed) ? 500 : 200);
    ManualTime time = ManualTime.atOnce();
    WebhookDispatcher d = track(on(time, receiver.url()).maxAttempts(3).build());

    d.publish(9, doomed);
    d.publish(9, next);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.failed()).isEqualTo(1);
    assertThat(d.delivered()).isEqualTo(1);
    assertThat(d.attempts()).isEqualTo(4);
    assertThat(time.waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(receiver.all().stream().map(WebhookTestReceiver.Received::body))
        .containsExactly(doomed, doomed, doomed, next);
  }

  @Test
  void slowReceiver_isCutOffByTheRequestTimeoutAndRetried() {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    receiver.respondWith(
        body -> {
          if (calls.incrementAndGet() == 1) {
            try {
              never.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return 200;
        });
    // The request timeout is the JDK client's own timer, so it runs on real time; the retry after
    // it waits on the test's clock.
    WebhookDispatcher d =
        track(instant(receiver.url()).requestTimeout(Duration.ofMillis(200)).build());

    d.publish(3, Notifications.chatCreated(1, 3, T0));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    never.countDown();
    assertThat(d.delivered()).isEqualTo(1);
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.recentDeliveries().get(0).error())
        .hasValueSatisfying(e -> assertThat(e).contains("Timeout"));
  }

  @Test
  void ping_mustBeAnsweredWithinOneSecond_whileOtherEventsGetTheRequestTimeout() {
    AtomicInteger pings = new AtomicInteger();
    receiver.respondWith(
        body -> {
          boolean ping = body.contains("\"PING\"");
          // the first PING is answered late; the chat event a little late, but within 5 s
          if (!ping || pings.incrementAndGet() == 1) {
            sleep(Duration.ofMillis(ping ? 1300 : 1100));
          }
          return 200;
        });
    // The default timeouts, 1 s for a PING and 10 s for the rest, are the JDK client's own timers:
    // this test stays on real time (about 1.3 s), since it checks those defaults; the retry after
    // the late PING waits on the test's clock.
    WebhookDispatcher d =
        track(WebhookDispatcher.builder().url(receiver.url()).sleeper(ManualTime.atOnce()).build());

    d.publish(WebhookDispatcher.PING_KEY, Notifications.ping(T0));
    d.publish(3, Notifications.chatCreated(1, 3, T0));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.delivered()).isEqualTo(2);
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.recentDeliveries())
        .filteredOn(r -> !r.delivered())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.body()).contains("\"PING\"");
              assertThat(r.error())
                  .hasValue(
                      "HttpTimeoutException: PING not answered within 1000 ms"
                          + " (Market requires an answer within 1 s)");
            });
  }

  @Test
  void pingTimeout_isConfigurableAndMustBePositive() {
    receiver.respondWith(
        body -> {
          sleep(Duration.ofMillis(300));
          return 200;
        });
    // A real 100 ms timeout against a real 300 ms answer (the JDK client's timer); one attempt.
    WebhookDispatcher d =
        track(instant(receiver.url()).pingTimeout(Duration.ofMillis(100)).maxAttempts(1).build());
    d.publish(WebhookDispatcher.PING_KEY, Notifications.ping(T0));
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.failed()).isEqualTo(1);
    assertThat(d.recentDeliveries().get(0).error())
        .hasValueSatisfying(e -> assertThat(e).contains("within 100 ms"));
    assertThatThrownBy(() -> WebhookDispatcher.builder().pingTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pingTimeout");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void close_stopsWorkersPromptlyEvenWithADeliveryHanging() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    receiver.respondWith(
        body -> {
          arrived.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 200;
        });
    WebhookDispatcher d = instant(receiver.url()).build();
    d.publish(1, Notifications.chatCreated(1, 1, T0));
    d.publish(1, Notifications.chatMessageSent(1, 1, 1, T0));
    assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    d.close();
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    assertThat(tookMs).isLessThan(3000);
    assertThat(d.discarded()).isEqualTo(2);
    assertThat(d.pending()).isZero();
    assertThat(d.awaitIdle(Duration.ZERO)).isTrue();
    // The workers end (the dispatchers of earlier tests are closed too); a thread
    // interrupted by close() may need a moment to unwind on a loaded machine.
    assertThat(
            WebhookTestReceiver.eventually(
                Duration.ofSeconds(10),
                () ->
                    Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(
                            t -> t.isAlive() && t.getName().matches("ymchat-webhook-\\d+-\\d+"))))
        .as("no webhook thread is left alive")
        .isTrue();
    assertThatThrownBy(() -> d.publish(1, "{}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    d.close(); // idempotent
  }

  @Test
  void builder_failsEarlyNamingTheBadSetting() {
    assertThatThrownBy(() -> WebhookDispatcher.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url");
    assertThatThrownBy(() -> WebhookDispatcher.builder().url(URI.create("ftp://x/notification")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> WebhookDispatcher.builder().maxAttempts(0))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> WebhookDispatcher.builder().duplicateRate(1.5))
        .hasMessageContaining("duplicateRate");
    assertThatThrownBy(() -> WebhookDispatcher.builder().initialBackoff(Duration.ZERO))
        .hasMessageContaining("initialBackoff");
  }

  @Test
  void giveUpWarning_andToString_showNeitherUserInfoNorQuery() {
    receiver.respondWith(body -> 500);
    URI base = receiver.url();
    URI secretUrl =
        URI.create("http://user:s3cret@127.0.0.1:" + base.getPort() + "/notification?token=s3cret");
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookDispatcher.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      WebhookDispatcher d = track(instant(secretUrl).maxAttempts(2).build());
      d.publish(1, Notifications.chatCreated(1, 1, T0));

      assertThat(d.awaitIdle(WAIT)).isTrue();
      assertThat(d.failed()).isEqualTo(1);
      assertThat(d.toString()).contains(base.getPort() + "/notification").doesNotContain("s3cret");
      assertThat(logs.list)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage())
                    .contains("http://127.0.0.1:" + base.getPort() + "/notification")
                    .contains("after 2 attempts")
                    .doesNotContain("s3cret");
              });
      assertThat(d.recentDeliveries())
          .allSatisfy(r -> assertThat(r.error().orElse("")).doesNotContain("s3cret"));
    } finally {
      logger.detachAppender(logs);
    }
    // The real request still carries the query the seller configured.
    assertThat(receiver.all())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.query()).isEqualTo("token=s3cret"));
  }

  private static Map<String, Integer> countByBody(List<String> bodies) {
    Map<String, Integer> counts = new HashMap<>();
    bodies.forEach(b -> counts.merge(b, 1, Integer::sum));
    return counts;
  }
}
