package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.model.Chat;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.GenerateResult;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sandbox throughput on loopback with the real client: {@code ymchat-sandbox} with its H2 store on
 * disk (a fresh temporary directory, deleted at the end) and its rate limits off, driven by the
 * unchanged {@link ChatsClient} (retries on, no client limiter) from N concurrent callers, one
 * operation at a time: getChats (a 20-chat page), getChatHistory (a 100-message page of a random
 * generated chat), sendMessageToChat (a short text into a random open chat), and a mix of the three
 * (45 % / 45 % / 10 %). Each operation is warmed up, then measured in rounds rotating the order.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.SandboxBench [--quick] [--threads 8]
 * [--warmup SECONDS] [--measure SECONDS] [--rounds N] [--chats N] [--out FILE]}.
 */
public final class SandboxBench {

  /** Messages in each generated chat: one full history page. */
  static final int MESSAGES_PER_CHAT = 100;

  private static final long SEED = 20261126L;

  private SandboxBench() {}

  /** What to run, from the command line. */
  record Options(
      Duration warmup, Duration measure, int rounds, List<Integer> threads, int chats, Path out) {

    static Options parse(String[] args) {
      int[] chats = {200};
      DriverArgs shared =
          DriverArgs.parse(
              args,
              List.of(8),
              "--quick, --threads 8, --warmup S, --measure S, --rounds N, --chats N, --out FILE",
              (option, value) -> {
                if (!option.equals("--chats")) {
                  return false;
                }
                chats[0] = DriverArgs.number(value.get(), option);
                return true;
              });
      shared.check(
          chats[0] >= 20, "--chats at least 20 (one full getChats page)", "chats " + chats[0]);
      return new Options(
          shared.warmup, shared.measure, shared.rounds, shared.threads, chats[0], shared.out);
    }
  }

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args see the class description
   * @throws Exception when the sandbox cannot start or a call fails
   */
  public static void main(String[] args) throws Exception {
    DriverArgs.main("SandboxBench", args, Options::parse, Options::out, SandboxBench::run);
  }

  static List<String> run(Options options) throws Exception {
    Path dataDir = Files.createTempDirectory("ymchat-sandbox-bench-");
    try {
      return run(options, dataDir);
    } finally {
      deleteTree(dataDir);
    }
  }

  private static List<String> run(Options options, Path dataDir) throws Exception {
    List<String> report = new ArrayList<>();
    AtomicLong requests = new AtomicLong();
    long businessId = SandboxDemo.BUSINESS_ID;
    try (SandboxServer sandbox =
            SandboxServer.builder()
                .port(0)
                .dataDir(dataDir)
                .rateLimits(SandboxRateLimits.disabled())
                .seedDemo(true)
                .requestHook((business, operation) -> requests.incrementAndGet())
                .build()
                .start();
        ChatsClient client =
            ChatsClient.builder()
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .baseUrl(sandbox.baseUrl())
                .retryPolicy(RetryPolicy.defaults())
                .build()) {
      long generateStart = System.nanoTime();
      GenerateResult generated =
          sandbox.market().generate(businessId, options.chats(), MESSAGES_PER_CHAT, SEED);
      long generateMillis = (System.nanoTime() - generateStart) / 1_000_000;
      long[] historyChats = new long[generated.chats()];
      for (int i = 0; i < historyChats.length; i++) {
        historyChats[i] = generated.firstChatId() + i;
      }
      long[] openChats = openChats(client, businessId, generated);
      if (openChats.length == 0) {
        throw new IllegalStateException("the generated chats are all FINISHED; nothing to send to");
      }
      ChatsQuery chatsQuery = ChatsQuery.builder().limit(ChatsQuery.MAX_LIMIT).build();
      HistoryQuery historyQuery = HistoryQuery.builder().limit(MESSAGES_PER_CHAT).build();
      AtomicLong sent = new AtomicLong();
      LoopbackBench.Call getChats =
          () ->
              expect(
                  client.chats(businessId, chatsQuery).items().size(),
                  ChatsQuery.MAX_LIMIT,
                  "getChats");
      LoopbackBench.Call getHistory =
          () ->
              expect(
                  client
                      .history(
                          businessId,
                          historyChats[ThreadLocalRandom.current().nextInt(historyChats.length)],
                          historyQuery)
                      .items()
                      .size(),
                  MESSAGES_PER_CHAT,
                  "getChatHistory");
      LoopbackBench.Call send =
          () ->
              client.sendMessage(
                  businessId,
                  openChats[ThreadLocalRandom.current().nextInt(openChats.length)],
                  "Здравствуйте! Проверяем ваш заказ, ответим в течение часа. #"
                      + sent.incrementAndGet());
      LoopbackBench.Call mix =
          () -> {
            int dice = ThreadLocalRandom.current().nextInt(100);
            if (dice < 45) {
              getChats.run();
            } else if (dice < 90) {
              getHistory.run();
            } else {
              send.run();
            }
          };

      report.addAll(MachineInfo.reportHead("# ymchat sandbox throughput (loopback, real client)"));
      report.add(
          String.format(
              Locale.ROOT,
              "- sandbox: H2 on disk in a temporary directory, rate "
                  + "limits off, demo data plus %d generated chats x %d messages (generated in %d ms); "
                  + "%d of them open for sendMessageToChat",
              generated.chats(),
              MESSAGES_PER_CHAT,
              generateMillis,
              openChats.length));
      report.add(
          String.format(
              Locale.ROOT,
              "- client: ChatsClient, RetryPolicy.defaults(), no client "
                  + "limiter; warm-up %d ms per operation, then %d rounds of %d ms per operation, rotating "
                  + "the order; mix = 45 %% getChats, 45 %% getChatHistory, 10 %% sendMessageToChat",
              options.warmup().toMillis(),
              options.rounds(),
              options.measure().toMillis() / options.rounds()));
      report.add("");
      report.add(
          "| operation | threads | calls | calls/s | p50 ms | p99 ms | p99.9 ms | retried |");
      report.add("|---|---|---|---|---|---|---|---|");
      LoopbackBench.Options loopOptions =
          new LoopbackBench.Options(
              options.warmup(),
              options.measure(),
              options.rounds(),
              options.threads(),
              null,
              false,
              null);
      for (int threads : options.threads()) {
        List<LoopbackBench.Variant> variants =
            List.of(
                new LoopbackBench.Variant(
                    "getChats (20 chats)", LoopbackBench.Kind.CLIENT, getChats),
                new LoopbackBench.Variant(
                    "getChatHistory (100 messages)", LoopbackBench.Kind.CLIENT, getHistory),
                new LoopbackBench.Variant("sendMessageToChat", LoopbackBench.Kind.CLIENT, send),
                new LoopbackBench.Variant("mix 45/45/10", LoopbackBench.Kind.CLIENT, mix));
        for (LoopbackBench.Result r :
            LoopbackBench.scenario(loopOptions, requests::get, "sandbox", threads, variants)) {
          String row =
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %d |",
                  r.variant(),
                  r.threads(),
                  r.calls(),
                  r.callsPerSecond(),
                  r.p50() / 1e6,
                  r.p99() / 1e6,
                  r.p999() / 1e6,
                  r.extraRequests());
          report.add(row);
          System.err.println("done: " + row);
        }
      }
      report.add("");
      report.add(
          "- sandbox: "
              + requests.get()
              + " API requests in the whole run, "
              + sent.get()
              + " messages sent");
      report.add("- load average at end: " + MachineInfo.loadAverage());
      report.add(
          "- \"retried\": requests the sandbox saw beyond the calls made (the client's retries)");
    }
    return report;
  }

  /** The generated chats that are not FINISHED (a finished chat refuses new messages with 423). */
  private static long[] openChats(ChatsClient client, long businessId, GenerateResult generated) {
    List<Long> open = new ArrayList<>();
    for (Chat chat :
        client
            .chats(businessId, ChatsQuery.builder().limit(ChatsQuery.MAX_LIMIT).build())
            .autoPager()) {
      boolean mine =
          chat.chatId() >= generated.firstChatId() && chat.chatId() <= generated.lastChatId();
      if (mine && !"FINISHED".equals(chat.status().value())) {
        open.add(chat.chatId());
      }
    }
    return open.stream().mapToLong(Long::longValue).toArray();
  }

  private static void expect(int actual, int expected, String operation) throws IOException {
    if (actual != expected) {
      throw new IOException(
          operation + ": expected " + expected + " items in the page, got " + actual);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
