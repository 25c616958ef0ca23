package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultStats;
import dev.ymchat.sandbox.market.GenerateResult;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.store.Scope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real client against a sandbox that injects seeded faults (503s, bursts of 420s, dropped
 * connections before and after the handler, latency): paging loses and repeats nothing, plain sends
 * are never doubled and their failures are classified correctly, and the reconciling send delivers
 * every message exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientUnderFaultsTest {

  private static final long PAGING_BUSINESS = 3001;
  private static final long HISTORY_BUSINESS = 3002;
  private static final String KEY = "reliability-paging-key";
  private static final long B = SandboxDemo.BUSINESS_ID;

  /** The base mix plus the ambiguous case: processed, then the answer is lost. */
  static final String SEND_FAULTS = Faulty.BASE_FAULTS + ",dropAfter=0.03";

  @Test
  void paging1000ChatsAnd5000Messages_underFaults_returnsEveryItemExactlyOnce() {
    long started = System.nanoTime();
    Faulty.CountingSleeper sleeper = new Faulty.CountingSleeper();
    try (SandboxServer sandbox = Faulty.sandbox(Faulty.BASE_FAULTS)) {
      GenerateResult chats = sandbox.market().generate(PAGING_BUSINESS, 1000, 1, 7);
      GenerateResult history = sandbox.market().generate(HISTORY_BUSINESS, 1, 5000, 8);
      sandbox.market().addApiKey(PAGING_BUSINESS, KEY, Scope.ALL_METHODS_READ_ONLY);
      sandbox.market().addApiKey(HISTORY_BUSINESS, KEY + "-2", Scope.ALL_METHODS_READ_ONLY);

      List<Long> chatIds = new ArrayList<>();
      try (ChatsClient client = Faulty.client(sandbox.baseUrl(), KEY, sleeper)) {
        for (Chat c :
            client.chats(PAGING_BUSINESS, ChatsQuery.builder().limit(20).build()).autoPager()) {
          chatIds.add(c.chatId());
        }
      }
      List<Long> messageIds = new ArrayList<>();
      try (ChatsClient client = Faulty.client(sandbox.baseUrl(), KEY + "-2", sleeper)) {
        for (ChatMessage m :
            client
                .history(
                    HISTORY_BUSINESS,
                    history.firstChatId(),
                    HistoryQuery.builder().limit(100).build())
                .autoPager()) {
          messageIds.add(m.messageId());
        }
      }

      assertThat(chatIds).hasSize(1000).doesNotHaveDuplicates();
      assertThat(chatIds).allMatch(id -> id >= chats.firstChatId() && id <= chats.lastChatId());
      assertThat(messageIds).hasSize(5000).doesNotHaveDuplicates().isSorted();
      FaultStats stats = sandbox.faultStats().orElseThrow();
      assertThat(stats.faulted()).as("faults were injected").isGreaterThan(10);
      assertThat(stats.dropped()).isPositive();
      assertThat(sleeper.retries())
          .as("the client retried")
          .isGreaterThanOrEqualTo(stats.faulted());
      report(
          "paging",
          "chats="
              + chatIds.size()
              + " messages="
              + messageIds.size()
              + " retries="
              + sleeper.retries()
              + " "
              + Faulty.describe(stats),
          started);
    }
  }

  @Test
  void plainSends_underFaults_neverDoubleAndClassifyEveryFailure() throws Exception {
    runPlainSends(500, 4);
  }

  @Test
  void reconciledSends_underFaultsWithLostAnswers_deliverEveryMessageExactlyOnce()
      throws Exception {
    runReconciledSends(500, 4);
  }

  /**
   * A 500 answer to a send is ambiguous too (Market may have stored the message before failing), so
   * the reconciling send must look before resending, as it does after a lost connection.
   */
  @Test
  void reconciledSends_withInternalErrors_deliverEveryMessageExactlyOnce() throws Exception {
    runReconciledSends(150, 4, "seed=11,latency=1-2ms,500=0.15,503=0.05,drop=0.03,dropAfter=0.03");
  }

  @Test
  @Tag("long")
  void plainSends_5000_underFaults() throws Exception {
    runPlainSends(5000, 4);
  }

  @Test
  @Tag("long")
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void reconciledSends_5000_underFaults() throws Exception {
    runReconciledSends(5000, 4);
  }

  /** What became of one send, as the client reported it. */
  enum Outcome {
    SUCCESS,
    NOT_SENT,
    UNKNOWN,
    REFUSED_NOT_PROCESSED,
    OTHER
  }

  private static void runPlainSends(int sends, int threads) throws Exception {
    long started = System.nanoTime();
    Faulty.CountingSleeper sleeper = new Faulty.CountingSleeper();
    try (SandboxServer sandbox = Faulty.sandbox(SEND_FAULTS);
        ChatsClient client =
            Faulty.client(sandbox.baseUrl(), SandboxDemo.ALL_METHODS_KEY, sleeper)) {
      List<Long> chats = chats(sandbox, 10);
      Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
      Map<String, Throwable> others = new ConcurrentHashMap<>();
      parallel(
          sends,
          threads,
          i -> {
            String text = "plain-" + i;
            long chat = chats.get(i % chats.size());
            outcomes.put(text, classify(() -> client.sendMessage(B, chat, text), others, text));
          });
      Map<String, Integer> counts = allTexts(client, chats);

      Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
      int unknownPresent = 0;
      for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
        byOutcome.merge(e.getValue(), 1, Integer::sum);
        int n = counts.getOrDefault(e.getKey(), 0);
        switch (e.getValue()) {
          case SUCCESS -> assertThat(n).as("acknowledged send %s", e.getKey()).isEqualTo(1);
          case NOT_SENT, REFUSED_NOT_PROCESSED ->
              assertThat(n).as("send reported as not processed %s", e.getKey()).isZero();
          case UNKNOWN -> {
            assertThat(n).as("send with unknown outcome %s", e.getKey()).isBetween(0, 1);
            unknownPresent += n;
          }
          default ->
              throw new AssertionError(
                  "unexpected failure of " + e.getKey(), others.get(e.getKey()));
        }
      }
      assertThat(outcomes).hasSize(sends);
      // the sandbox holds only what was sent here, and nothing twice
      assertThat(counts.values()).allMatch(n -> n == 1);
      assertThat(counts.keySet()).allMatch(outcomes::containsKey);
      FaultStats stats = sandbox.faultStats().orElseThrow();
      int unknown = byOutcome.getOrDefault(Outcome.UNKNOWN, 0);
      // both ambiguous cases happened: dropped before the handler (absent) and after it (present)
      assertThat(unknownPresent).as("sends processed although their answer was lost").isPositive();
      assertThat(unknown - unknownPresent).as("sends dropped before processing").isPositive();
      report(
          "plain-sends",
          "sends="
              + sends
              + " outcomes="
              + byOutcome
              + " unknownButPresent="
              + unknownPresent
              + " messagesStored="
              + counts.size()
              + " retries="
              + sleeper.retries()
              + " "
              + Faulty.describe(stats),
          started);
    }
  }

  private static void runReconciledSends(int sends, int threads) throws Exception {
    runReconciledSends(sends, threads, SEND_FAULTS);
  }

  private static void runReconciledSends(int sends, int threads, String faults) throws Exception {
    long started = System.nanoTime();
    Faulty.CountingSleeper sleeper = new Faulty.CountingSleeper();
    try (SandboxServer sandbox = Faulty.sandbox(faults);
        ChatsClient client =
            Faulty.client(sandbox.baseUrl(), SandboxDemo.ALL_METHODS_KEY, sleeper)) {
      List<Long> chats = chats(sandbox, Math.max(10, sends / 50));
      Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
      Map<String, Throwable> others = new ConcurrentHashMap<>();
      parallel(
          sends,
          threads,
          i -> {
            String text = "reconciled-" + i;
            long chat = chats.get(i % chats.size());
            outcomes.put(
                text, classify(() -> client.sendMessageReconciled(B, chat, text), others, text));
          });
      Map<String, Integer> counts = allTexts(client, chats);

      Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
      outcomes.values().forEach(o -> byOutcome.merge(o, 1, Integer::sum));
      assertThat(others).as("failed reconciled sends").isEmpty();
      assertThat(byOutcome).containsOnlyKeys(Outcome.SUCCESS);
      assertThat(counts).hasSize(sends);
      assertThat(counts.values()).allMatch(n -> n == 1);
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(outcomes.keySet());
      FaultStats stats = sandbox.faultStats().orElseThrow();
      assertThat(stats.droppedAfter()).as("answers lost after processing").isPositive();
      assertThat(stats.dropped()).isPositive();
      report(
          "reconciled-sends[" + faults + "]",
          "sends="
              + sends
              + " outcomes="
              + byOutcome
              + " messagesStored="
              + counts.size()
              + " retries="
              + sleeper.retries()
              + " "
              + Faulty.describe(stats),
          started);
    }
  }

  private static Outcome classify(Runnable send, Map<String, Throwable> others, String text) {
    try {
      send.run();
      return Outcome.SUCCESS;
    } catch (TransportException e) {
      return e.outcome() == TransportException.Outcome.NOT_SENT
          ? Outcome.NOT_SENT
          : Outcome.UNKNOWN;
    } catch (YmChatException e) {
      others.put(text, e);
      // 420 and 503 say the server did not process the request
      return e.statusCode() == 420 || e.statusCode() == 503
          ? Outcome.REFUSED_NOT_PROCESSED
          : Outcome.OTHER;
    } catch (RuntimeException e) {
      others.put(text, e);
      return Outcome.OTHER;
    }
  }

  /** Opens chats through the Market side (not faulted): buyers start DIRECT chats. */
  private static List<Long> chats(SandboxServer sandbox, int n) {
    List<Long> chats = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chats.add(sandbox.market().buyerOpensDirectChat(B, "reliability chat " + i));
    }
    return chats;
  }

  /** Every PARTNER-visible text in the chats, with counts; the buyers' opening lines left out. */
  private static Map<String, Integer> allTexts(ChatsClient client, List<Long> chats) {
    Map<String, Integer> all = new HashMap<>();
    for (long chat : chats) {
      Faulty.textCounts(client, B, chat)
          .forEach(
              (text, n) -> {
                if (!text.startsWith("reliability chat ")) {
                  all.merge(text, n, Integer::sum);
                }
              });
    }
    return all;
  }

  interface IndexedTask {
    void run(int i) throws Exception;
  }

  private static void parallel(int count, int threads, IndexedTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  task.run(index);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void report(String scenario, String figures, long startedNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    System.out.println("RELIABILITY " + scenario + ": " + figures + " wallMs=" + millis);
  }
}
