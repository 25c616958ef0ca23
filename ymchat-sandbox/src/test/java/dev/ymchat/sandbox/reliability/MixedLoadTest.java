package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eight threads of mixed traffic through the real client for a minute (the long profile; {@code
 * ConcurrencyTest} has the 8-second version in the default run): creating chats, sending, reading
 * history and chat lists, buyers writing from the Market side. Market's parallel cap of 4 is on,
 * the hourly quotas are raised so the minute is not spent on 420s. Afterwards: no 5xx, every
 * acknowledged message exactly once, every created chat listed exactly once.
 */
@Tag("long")
class MixedLoadTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final int THREADS = 8;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void sixtySecondsOfMixedLoad_noServerErrorAndConsistentCounts() throws Exception {
    long seconds = Long.getLong("ymchat.reliability.seconds", 60);
    long started = System.nanoTime();
    SandboxRateLimits limits = SandboxRateLimits.defaults();
    for (ApiOperation op : ApiOperation.values()) {
      limits = limits.quota(op, 10_000_000);
    }
    SandboxRateLimits generous = limits;
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.rateLimits(generous));
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(sandbox.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .retryPolicy(RetryPolicy.none())
                .build()) {
      Set<Long> before = chatIds(client);
      List<Long> created = new CopyOnWriteArrayList<>();
      Map<String, Long> acknowledged = new ConcurrentHashMap<>();
      Map<String, Long> buyerTexts = new ConcurrentHashMap<>();
      AtomicLong requests = new AtomicLong();
      AtomicLong limited = new AtomicLong();
      AtomicLong serverErrors = new AtomicLong();
      List<Throwable> unexpected = new CopyOnWriteArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Load " + i);
        created.add(client.createChat(B, ChatContext.order(order)).chatId());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; System.nanoTime() < deadline; i++) {
                    long chat = created.get((thread * 31 + i) % created.size());
                    try {
                      switch (i % 8) {
                        case 0, 1, 2 -> {
                          String text = "load-" + thread + "-" + i;
                          client.sendMessage(B, chat, text);
                          acknowledged.put(text, chat);
                        }
                        case 3 -> client.history(B, chat, HistoryQuery.builder().limit(50).build());
                        case 4 ->
                            client.chats(
                                B,
                                ChatsQuery.builder()
                                    .limit(20)
                                    .statuses(ChatStatus.WAITING_FOR_CUSTOMER)
                                    .build());
                        case 5 -> client.chat(B, chat);
                        case 6 -> {
                          String text = "buyer-" + thread + "-" + i;
                          sandbox.market().buyerWrites(B, chat, text);
                          buyerTexts.put(text, chat);
                        }
                        default -> {
                          long order =
                              sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "New " + i);
                          created.add(client.createChat(B, ChatContext.order(order)).chatId());
                        }
                      }
                    } catch (RateLimitException e) {
                      limited.incrementAndGet();
                    } catch (ServerException e) {
                      serverErrors.incrementAndGet();
                      unexpected.add(e);
                    } catch (RuntimeException e) {
                      unexpected.add(e);
                    }
                    requests.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(seconds + 120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(serverErrors.get()).as("5xx answers").isZero();
      assertThat(unexpected).as("unexpected failures").isEmpty();
      Map<String, Integer> counts = new HashMap<>();
      for (long chat : Set.copyOf(created)) {
        Faulty.textCounts(client, B, chat)
            .forEach((text, n) -> counts.merge(text, n, Integer::sum));
      }
      for (String text : acknowledged.keySet()) {
        assertThat(counts.get(text)).as("acknowledged %s", text).isEqualTo(1);
      }
      for (String text : buyerTexts.keySet()) {
        assertThat(counts.get(text)).as("buyer's %s", text).isEqualTo(1);
      }
      long loadTexts = counts.keySet().stream().filter(t -> t.startsWith("load-")).count();
      assertThat(loadTexts).as("no unacknowledged send was stored").isEqualTo(acknowledged.size());
      assertThat(Set.copyOf(created)).hasSameSizeAs(created);
      List<Long> listed = new ArrayList<>();
      client
          .chats(B, ChatsQuery.builder().limit(20).build())
          .autoPager()
          .forEach(c -> listed.add(c.chatId()));
      assertThat(listed).doesNotHaveDuplicates();
      assertThat(listed).hasSize(before.size() + created.size());
      assertThat(listed).containsAll(created).containsAll(before);
      ClientUnderFaultsTest.report(
          "mixed-load",
          "seconds="
              + seconds
              + " threads="
              + THREADS
              + " operations="
              + requests.get()
              + " parallelCap420="
              + limited.get()
              + " sendsAcknowledged="
              + acknowledged.size()
              + " buyerMessages="
              + buyerTexts.size()
              + " chatsCreated="
              + created.size()
              + " chatsListed="
              + listed.size()
              + " 5xx="
              + serverErrors.get(),
          started);
    }
  }

  private static Set<Long> chatIds(ChatsClient client) {
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    for (Chat c : client.chats(B, ChatsQuery.builder().limit(20).build()).autoPager()) {
      ids.add(c.chatId());
    }
    return ids;
  }
}
