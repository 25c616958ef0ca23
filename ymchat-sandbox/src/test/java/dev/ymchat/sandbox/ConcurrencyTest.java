package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keyset paging under concurrent inserts, and a bounded mixed load over loopback. */
class ConcurrencyTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String KEY = SandboxDemo.ALL_METHODS_KEY;
  private static SandboxServer sandbox;
  private static SandboxHttp http;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    http = new SandboxHttp(sandbox.baseUrl());
  }

  private static long newChat() {
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Load");
    return http.openOrderChat(B, KEY, order);
  }

  @Test
  void historyPaging_losesAndRepeatsNothingWhileMessagesArrive() throws Exception {
    long chat = newChat();
    List<Long> before = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      before.add(sandbox.market().buyerWrites(B, chat, "before " + i));
    }
    AtomicBoolean paging = new AtomicBoolean(true);
    List<Long> during = Collections.synchronizedList(new ArrayList<>());
    ExecutorService writers = Executors.newFixedThreadPool(2);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      futures.add(
          writers.submit(
              () -> {
                int i = 0;
                while (paging.get() && i < 300) {
                  during.add(sandbox.market().buyerWrites(B, chat, "during " + i++));
                }
              }));
    }
    List<Long> seen = new ArrayList<>();
    String token = null;
    do {
      String query = "?chatId=" + chat + "&limit=7" + (token == null ? "" : "&page_token=" + token);
      SandboxHttp.Response page =
          http.postJson("/v2/businesses/" + B + "/chats/history" + query, KEY, "{}");
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode m : page.result().get("messages")) {
        seen.add(m.get("messageId").asLong());
      }
      token = page.result().path("paging").path("nextPageToken").asText(null);
    } while (token != null);
    paging.set(false);
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    writers.shutdown();

    assertThat(seen).doesNotHaveDuplicates().isSorted();
    assertThat(seen).containsAll(before);
    // every message committed before the last page was read is on a page
    long lastSeen = seen.get(seen.size() - 1);
    List<Long> expected = new ArrayList<>(before);
    synchronized (during) {
      during.stream().filter(id -> id <= lastSeen).forEach(expected::add);
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void chatsPaging_losesAndRepeatsNothingWhileChatsAreCreated() throws Exception {
    Set<Long> existing = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      existing.add(newChat());
    }
    AtomicBoolean paging = new AtomicBoolean(true);
    ExecutorService creator = Executors.newSingleThreadExecutor();
    Future<?> creating =
        creator.submit(
            () -> {
              int i = 0;
              while (paging.get() && i++ < 100) {
                newChat();
              }
            });
    List<Long> seen = new ArrayList<>();
    String token = null;
    do {
      String query = "?limit=3" + (token == null ? "" : "&pageToken=" + token);
      SandboxHttp.Response page =
          http.postJson("/v2/businesses/" + B + "/chats" + query, KEY, "{}");
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode c : page.result().get("chats")) {
        seen.add(c.get("chatId").asLong());
      }
      token = page.result().path("paging").path("nextPageToken").asText(null);
    } while (token != null);
    paging.set(false);
    creating.get(30, TimeUnit.SECONDS);
    creator.shutdown();
    assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
  }

  @Test
  void mixedLoad_eightThreads_noServerErrorAndEveryAcknowledgedMessageExactlyOnce()
      throws Exception {
    // Market's real limits are on: with 8 threads on one business some requests hit the parallel
    // cap (420).
    try (SandboxServer limited =
        SandboxExtension.start(b -> b.rateLimits(SandboxRateLimits.defaults()))) {
      mixedLoad(limited);
    }
  }

  private static void mixedLoad(SandboxServer server) throws Exception {
    SandboxHttp http = new SandboxHttp(server.baseUrl());
    List<Long> chats = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long order = server.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Load");
      chats.add(http.openOrderChat(B, KEY, order));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger limited = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                int i = 0;
                while (System.nanoTime() < deadline) {
                  long chat = chats.get((thread + i) % chats.size());
                  SandboxHttp.Response r;
                  switch (i % 5) {
                    case 0, 1 -> {
                      String text = "t" + thread + "-" + i;
                      r =
                          http.postJson(
                              "/v2/businesses/" + B + "/chats/message?chatId=" + chat,
                              KEY,
                              "{\"message\":\"" + text + "\"}");
                      if (r.status() == 200) {
                        acknowledged.put(text, chat);
                      }
                    }
                    case 2 ->
                        r =
                            http.postJson(
                                "/v2/businesses/"
                                    + B
                                    + "/chats/history?chatId="
                                    + chat
                                    + "&limit=20",
                                KEY,
                                "{}");
                    case 3 ->
                        r =
                            http.postJson(
                                "/businesses/" + B + "/chats?limit=5",
                                KEY,
                                "{\"types\":[\"CHAT\"]}");
                    default -> r = http.get("/v2/businesses/" + B + "/chat?chatId=" + chat, KEY);
                  }
                  requests.incrementAndGet();
                  if (r.status() >= 500) {
                    serverErrors.incrementAndGet();
                  } else if (r.status() == 420) {
                    limited.incrementAndGet();
                  } else {
                    assertThat(r.status()).as(r.text()).isEqualTo(200);
                  }
                  i++;
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(serverErrors.get()).isZero();
    assertThat(requests.get()).isGreaterThan(100);
    assertThat(acknowledged).isNotEmpty();
    // every parallel slot was given back; asked through getChatHistory, whose hourly quota (10 000)
    // a fast run cannot use up in 8 s, unlike getChat's 1 000, which then answers 420 for the quota
    for (int i = 0; i < 4; i++) {
      SandboxHttp.Response r =
          http.postJson(
              "/v2/businesses/" + B + "/chats/history?chatId=" + chats.get(0) + "&limit=1",
              KEY,
              "{}");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (long chat : chats) {
      String token = null;
      do {
        String query =
            "?chatId=" + chat + "&limit=100" + (token == null ? "" : "&pageToken=" + token);
        JsonNode result =
            http.postJson("/v2/businesses/" + B + "/chats/history" + query, KEY, "{}").result();
        for (JsonNode m : result.get("messages")) {
          counts.merge(m.get("message").asText(), 1, Integer::sum);
        }
        token = result.path("paging").path("nextPageToken").asText(null);
      } while (token != null);
    }
    for (String text : acknowledged.keySet()) {
      assertThat(counts.get(text)).as(text).isEqualTo(1);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
  }
}
