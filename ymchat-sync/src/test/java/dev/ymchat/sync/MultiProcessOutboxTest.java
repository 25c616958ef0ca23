package dev.ymchat.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.testing.Harness;
import dev.ymchat.sync.testing.SyncWorkerMain;
import dev.ymchat.sync.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 2 000 replies over 50 chats, delivered by 3 worker processes sharing one PostgreSQL; one of them
 * is killed with {@code kill -9} (destroyForcibly) mid-run. Every reply reaches its chat exactly
 * once, in order within the chat.
 */
class MultiProcessOutboxTest {

  private static final int CHATS = 50;
  private static final int REPLIES = 2000;

  @Test
  void threeWorkerProcesses_oneKilled_deliverEveryReplyOnceInOrder() throws Exception {
    String url = TestDatabases.newUrl(Dialect.POSTGRESQL);
    SandboxRateLimits limits = SandboxRateLimits.defaults();
    for (ApiOperation op : ApiOperation.values()) {
      limits = limits.quota(op, 1_000_000);
    }
    try (SandboxServer sandbox =
            SandboxServer.builder()
                .port(0)
                .inMemory()
                .seedDemo(true)
                .rateLimits(limits)
                .faults(
                    FaultConfig.builder().seed(9).dropAfterRate(0.02).error500Rate(0.01).build())
                .build()
                .start();
        Database db = Database.open(url, "postgres", null, 4)) {
      long business = SandboxDemo.BUSINESS_ID;
      sandbox.market().generate(business, CHATS * 2, 1, 3);
      List<Long> open = new ArrayList<>();
      try (ChatsClient lister =
          ChatsClient.builder()
              .baseUrl(sandbox.baseUrl())
              .apiKey(SandboxDemo.ALL_METHODS_KEY)
              .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
              .build()) {
        lister
            .chats(
                business,
                dev.ymchat.client.ChatsQuery.builder()
                    .statuses(
                        dev.ymchat.client.model.ChatStatus.WAITING_FOR_PARTNER,
                        dev.ymchat.client.model.ChatStatus.WAITING_FOR_CUSTOMER,
                        dev.ymchat.client.model.ChatStatus.NEW)
                    .build())
            .autoPager()
            .forEach(c -> open.add(c.chatId()));
      }
      assertThat(open).hasSizeGreaterThanOrEqualTo(CHATS);
      Outbox outbox = new Outbox(db, Clock.systemUTC(), () -> {});
      db.inTransaction(
          h -> {
            new Mirror(db.dialect()).ensureBusiness(h, business, java.time.Instant.now());
            return null;
          });
      Map<Long, List<String>> expected = new LinkedHashMap<>();
      db.inTransaction(
          h -> {
            for (int i = 0; i < REPLIES; i++) {
              long chat = open.get(i % CHATS);
              String text = "Ответ " + i;
              expected.computeIfAbsent(chat, k -> new ArrayList<>()).add(text);
              outbox.send(h, business, chat, text);
            }
            return null;
          });

      List<Process> workers = new ArrayList<>();
      for (int w = 1; w <= 3; w++) {
        workers.add(startWorker(url, sandbox.baseUrl(), "worker-" + w));
      }
      Harness.await(
          "a third of the replies sent", Duration.ofMinutes(3), () -> sent(db) >= REPLIES / 3);
      workers.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertThat(sent(db)).isLessThan(REPLIES);
      // a hang detector, not a speed test: on a shared, overloaded machine 2 000 deliveries take
      // minutes
      Harness.await("every reply sent", Duration.ofMinutes(8), () -> sent(db) == REPLIES);
      for (Process p : workers.subList(1, 3)) {
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      try (ChatsClient truth =
          ChatsClient.builder()
              .baseUrl(sandbox.baseUrl())
              .apiKey(SandboxDemo.ALL_METHODS_KEY)
              .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
              .build()) {
        for (Map.Entry<Long, List<String>> chat : expected.entrySet()) {
          List<String> partner = new ArrayList<>();
          for (ChatMessage m :
              truth
                  .history(business, chat.getKey(), HistoryQuery.builder().limit(100).build())
                  .autoPager()) {
            if (MessageSender.PARTNER.equals(m.sender())
                && m.message() != null
                && m.message().startsWith("Ответ ")) {
              partner.add(m.message());
            }
          }
          assertThat(partner)
              .as("replies in chat %d", chat.getKey())
              .containsExactlyElementsOf(chat.getValue());
        }
      }
      long blocked =
          db.withHandle(
              h ->
                  h.createQuery("SELECT COUNT(*) FROM outbox WHERE reply_state <> 'SENT'")
                      .mapTo(Long.class)
                      .one());
      assertThat(blocked).isZero();
    }
  }

  private static long sent(Database db) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM outbox WHERE reply_state = 'SENT'")
                .mapTo(Long.class)
                .one());
  }

  private static Process startWorker(String url, String sandboxUrl, String id) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createDirectories(Path.of("target", "test-logs")).resolve(id + ".out");
    Process p =
        new ProcessBuilder(
                javaBin,
                "-Xmx256m",
                "-Dymchat.testlog=target/test-logs/other-processes.log",
                "-cp",
                System.getProperty("java.class.path"),
                SyncWorkerMain.class.getName(),
                url,
                sandboxUrl,
                id)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    List<String> seen = new ArrayList<>();
    while ((line = out.readLine()) != null) {
      seen.add(line);
      if (line.startsWith("READY")) {
        break;
      }
    }
    assertThat(line).as("worker %s started; it printed %s", id, seen).startsWith("READY");
    Thread drain =
        new Thread(
            () -> {
              try {
                Files.write(log, List.of());
                String l;
                while ((l = out.readLine()) != null) {
                  Files.writeString(
                      log, l + System.lineSeparator(), java.nio.file.StandardOpenOption.APPEND);
                }
              } catch (java.io.IOException e) {
                // the process ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    return p;
  }
}
