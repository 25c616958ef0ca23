package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the sandbox while four writers are sending: after a restart on the same data
 * directory every message acknowledged with 200 is present exactly once, and nothing is doubled.
 * (KillDurabilityTest kills only after its writes finished; this one kills in the middle.) The
 * child JVM is KillDurabilityTest's own {@code main}, which serves a data directory and prints its
 * URL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillDuringWritesTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String CHILD_MAIN = "dev.ymchat.sandbox.KillDurabilityTest";

  @Test
  void kill9DuringConcurrentWrites_everyAcknowledgedMessageSurvivesExactlyOnce(@TempDir Path dir)
      throws Exception {
    killDuringWrites(dir, 150);
  }

  @Test
  @Tag("long")
  void kill9DuringConcurrentWrites_threeRounds(@TempDir Path dir) throws Exception {
    for (int round = 0; round < 3; round++) {
      killDuringWrites(dir.resolve("round-" + round), 1000);
    }
  }

  private static void killDuringWrites(Path dir, int acknowledgedBeforeKill) throws Exception {
    long started = System.nanoTime();
    java.nio.file.Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), CHILD_MAIN, dir.toString())
            .redirectErrorStream(true)
            .start();
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    AtomicInteger failedAfterKill = new AtomicInteger();
    List<Long> chats = new ArrayList<>();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      String url = awaitUrl(child);
      CountDownLatch enough = new CountDownLatch(acknowledgedBeforeKill);
      try (ChatsClient client =
          ChatsClient.builder()
              .baseUrl(url)
              .apiKey(SandboxDemo.ALL_METHODS_KEY)
              .retryPolicy(RetryPolicy.none())
              .requestTimeout(Duration.ofSeconds(10))
              .build()) {
        client
            .chats(B, ChatsQuery.builder().contextTypes(ChatContextType.DIRECT).build())
            .items()
            .forEach(c -> chats.add(c.chatId()));
        assertThat(chats).isNotEmpty();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          int writer = w;
          futures.add(
              writers.submit(
                  () -> {
                    for (int i = 0; ; i++) {
                      String text = "kill-" + writer + "-" + i;
                      long chat = chats.get(i % chats.size());
                      attempted.add(text);
                      try {
                        client.sendMessage(B, chat, text);
                        acknowledged.put(text, chat);
                        enough.countDown();
                      } catch (RuntimeException e) {
                        // the process is gone: this send and the following ones fail
                        failedAfterKill.incrementAndGet();
                        return null;
                      }
                    }
                  }));
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("writes reached the kill point").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      writers.shutdownNow();
      child.destroyForcibly();
      child.waitFor(20, TimeUnit.SECONDS);
    }

    try (SandboxServer reopened = SandboxExtension.start(b -> b.dataDir(dir));
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(reopened.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .build()) {
      Map<String, Integer> counts = new HashMap<>();
      for (long chat : chats) {
        Faulty.textCounts(client, B, chat).forEach((t, n) -> counts.merge(t, n, Integer::sum));
      }
      for (String text : acknowledged.keySet()) {
        assertThat(counts.get(text)).as("acknowledged %s", text).isEqualTo(1);
      }
      counts.forEach(
          (text, n) -> {
            if (text.startsWith("kill-")) {
              assertThat(attempted).contains(text);
              assertThat(n).as("no message doubled: %s", text).isEqualTo(1);
            }
          });
      long unacknowledgedButStored =
          counts.keySet().stream()
              .filter(t -> t.startsWith("kill-") && !acknowledged.containsKey(t))
              .count();
      ClientUnderFaultsTest.report(
          "kill-9-during-writes",
          "acknowledged="
              + acknowledged.size()
              + " failedAtKill="
              + failedAfterKill.get()
              + " storedWithoutAck="
              + unacknowledgedButStored,
          started);
    }
  }

  private static String awaitUrl(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("URL ")) {
        String url = line.substring(4).trim();
        // keep draining the child's output so it never blocks on a full pipe
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (java.io.IOException ignored) {
                    // the child was killed
                  }
                },
                "kill-test-drain");
        drain.setDaemon(true);
        drain.start();
        return url;
      }
    }
    throw new AssertionError("the child sandbox ended without printing its URL");
  }
}
