package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.sandbox.SandboxConfig;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.stats.CallStats;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.outbox.Outbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * ymchat-sync on loopback against the sandbox (rate limits off, H2 in memory for the sandbox):
 * push-to-mirror latency, API calls per new message, backfill and push-ingest throughput into H2 (a
 * file) and PostgreSQL (embedded), and outbox deliveries per second with 1 and 3 workers (3 {@code
 * ChatSync} instances sharing one PostgreSQL in this JVM; the tests prove 3 processes).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.SyncBench [--quick] [--out FILE]
 * [--only push,backfill,outbox]}. API calls are counted by the sandbox ({@code callStats()}, the
 * counters of {@code GET /sandbox/stats}).
 */
public final class SyncBench {

  private static final long B = SandboxDemo.BUSINESS_ID;

  /** The parts of the benchmark that can be run alone. */
  enum Part {
    PUSH,
    BACKFILL,
    OUTBOX
  }

  /**
   * What to run.
   *
   * @param quick smaller runs, for a smoke check (numbers not to be quoted)
   * @param out where the report also goes, or null
   * @param parts the parts to run, in the order of {@link Part}
   */
  record Options(boolean quick, Path out, Set<Part> parts) {

    static final String USAGE =
        "usage: SyncBench [--quick] [--out FILE] [--only push,backfill,outbox]";

    /** Reads the command line; throws naming the bad argument and the usage. */
    static Options parse(String[] args) {
      boolean quick = false;
      Path out = null;
      Set<Part> parts = EnumSet.allOf(Part.class);
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          case "--only" -> parts = parts(value(args, ++i, "--only"));
          default ->
              throw new IllegalArgumentException("unknown option '" + args[i] + "'; " + USAGE);
        }
      }
      return new Options(quick, out, parts);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
        throw new IllegalArgumentException(option + " needs a value; " + USAGE);
      }
      return args[i];
    }

    private static Set<Part> parts(String list) {
      Set<Part> parts = EnumSet.noneOf(Part.class);
      for (String name : list.split(",", -1)) {
        try {
          parts.add(Part.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--only: unknown part '" + name.trim() + "'; the parts are push, backfill, outbox");
        }
      }
      return parts;
    }
  }

  private final boolean quick;
  private final Set<Part> parts;
  private final StringBuilder report = new StringBuilder();
  private EmbeddedPostgres postgres;
  private int dbCounter;

  private SyncBench(Options options) {
    this.quick = options.quick();
    this.parts = options.parts();
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SyncBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    SyncBench bench = new SyncBench(options);
    try {
      bench.run();
    } finally {
      if (bench.postgres != null) {
        bench.postgres.close();
      }
    }
    System.out.print(bench.report);
    if (options.out() != null) {
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), bench.report);
    }
    System.exit(0);
  }

  private void line(String text) {
    report.append(text).append('\n');
    System.err.println(text);
  }

  private void run() throws Exception {
    line("# ymchat-sync on loopback" + (quick ? " (quick: not to be quoted)" : ""));
    line("");
    line(MachineInfo.describe());
    line("load average at start: " + MachineInfo.loadAverage());
    line("");
    if (parts.contains(Part.PUSH)) {
      push("H2");
      push("PostgreSQL");
      line("");
    }
    if (parts.contains(Part.BACKFILL)) {
      line("| backfill (rate limits off) | database | chats | messages | seconds | messages/s |");
      line("|---|---|---|---|---|---|");
      backfill("H2");
      backfill("PostgreSQL");
      line("");
    }
    if (parts.contains(Part.OUTBOX)) {
      line("| outbox (rate limits off) | database | workers | replies | seconds | deliveries/s |");
      line("|---|---|---|---|---|---|");
      outbox("H2", 1);
      outbox("PostgreSQL", 1);
      outbox("PostgreSQL", 3);
      line("");
    }
    line("load average at end: " + MachineInfo.loadAverage());
  }

  private String url(String db) throws IOException {
    dbCounter++;
    if (db.equals("H2")) {
      Path dir = Files.createTempDirectory("ymchat-syncbench");
      dir.toFile().deleteOnExit();
      return "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath();
    }
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
    }
    String name = "bench" + dbCounter;
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static String user(String db) {
    return db.equals("H2") ? null : "postgres";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static SandboxServer sandbox(Integer webhookPort) {
    SandboxConfig.Builder b =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled());
    if (webhookPort != null) {
      b.webhookUrl("http://127.0.0.1:" + webhookPort + "/notification");
    }
    return b.build().start();
  }

  private static ChatsClient client(SandboxServer sandbox) {
    return ChatsClient.builder()
        .baseUrl(sandbox.baseUrl())
        .apiKey(SandboxDemo.ALL_METHODS_KEY)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private static void await(Duration timeout, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(5);
    }
  }

  /** Push-to-mirror latency and API calls per new message. */
  private void push(String db) throws Exception {
    int chats = quick ? 10 : 40;
    int messages = quick ? 100 : 600;
    int port = freePort();
    try (SandboxServer sandbox = sandbox(port);
        ChatsClient client = client(sandbox)) {
      sandbox.market().generate(B, chats, 2, 1);
      try (ChatSync sync =
          ChatSync.builder()
              .database(url(db), user(db), null)
              .business(B, client)
              .webhook("127.0.0.1", port)
              .pollInterval(Duration.ofMillis(20))
              .sweepInterval(Duration.ofHours(1))
              .threads(4, 2)
              .build()
              .start()) {
        await(Duration.ofMinutes(5), () -> sync.status().businesses().get(0).backfillDone());
        List<Long> open = new ArrayList<>();
        sync.chats(B).stream()
            .filter(c -> !c.status().value().equals("FINISHED"))
            .forEach(c -> open.add(c.chatId()));
        Map<String, Long> before = snapshot(sandbox);
        Map<Long, Instant> written = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
          long chat = open.get(i % open.size());
          long id = sandbox.market().buyerWrites(B, chat, "Вопрос " + i);
          written.put(id, Instant.now());
          Thread.sleep(quick ? 5 : 10);
        }
        await(Duration.ofMinutes(5), () -> ingestedAt(sync).keySet().containsAll(written.keySet()));
        double seconds = (System.nanoTime() - start) / 1e9;
        LatencySamples samples = new LatencySamples();
        Map<Long, OffsetDateTime> ingested = ingestedAt(sync);
        for (Map.Entry<Long, Instant> w : written.entrySet()) {
          OffsetDateTime at = ingested.get(w.getKey());
          if (at != null) {
            samples.record(Math.max(0, Duration.between(w.getValue(), at.toInstant()).toNanos()));
          }
        }
        Map<String, Long> after = snapshot(sandbox);
        long reads = delta(before, after, "getChatHistory") + delta(before, after, "getChat");
        long listings = delta(before, after, "getChats");
        sync.sweepNow(B);
        Thread.sleep(2000);
        Map<String, Long> swept = snapshot(sandbox);
        long sweepCalls =
            delta(after, swept, "getChatHistory")
                + delta(after, swept, "getChat")
                + delta(after, swept, "getChats");
        long[] sorted = LatencySamples.mergeSorted(List.of(samples));
        line(
            String.format(
                Locale.ROOT,
                "push, %s: %d buyer messages over %d chats in %.1f s; push-to-mirror p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms (%d measured); API reads per new message %.3f"
                    + " (%d reads, %d getChats); one reconcile sweep afterwards: %d calls, %.3f per"
                    + " message with it",
                db,
                messages,
                open.size(),
                seconds,
                LatencySamples.percentile(sorted, 50) / 1e6,
                LatencySamples.percentile(sorted, 99) / 1e6,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                sorted.length,
                (reads + listings) / (double) messages,
                reads,
                listings,
                sweepCalls,
                (reads + listings + sweepCalls) / (double) messages));
      }
    }
  }

  private static Map<Long, OffsetDateTime> ingestedAt(ChatSync sync) {
    Map<Long, OffsetDateTime> out = new HashMap<>();
    sync.jdbi()
        .useHandle(
            h ->
                h.createQuery("SELECT message_id, ingested_at FROM messages WHERE business_id = :b")
                    .bind("b", B)
                    .map(
                        (rs, ctx) -> {
                          out.put(
                              rs.getLong("message_id"),
                              rs.getObject("ingested_at", OffsetDateTime.class));
                          return 0;
                        })
                    .list());
    return out;
  }

  /** The API calls of the business so far, by operation id, as the sandbox counts them. */
  private static Map<String, Long> snapshot(SandboxServer sandbox) {
    Map<String, Long> out = new HashMap<>();
    for (CallStats.Count c : sandbox.callStats().snapshot()) {
      if (c.businessId() == B) {
        out.put(c.operation().operationId(), c.calls());
      }
    }
    return out;
  }

  private static long delta(Map<String, Long> a, Map<String, Long> b, String op) {
    return b.getOrDefault(op, 0L) - a.getOrDefault(op, 0L);
  }

  private void backfill(String db) throws Exception {
    int chats = quick ? 100 : 500;
    int per = 40;
    try (SandboxServer sandbox = sandbox(null);
        ChatsClient client = client(sandbox)) {
      sandbox.market().generate(B, chats, per, 2);
      long start = System.nanoTime();
      try (ChatSync sync =
          ChatSync.builder()
              .database(url(db), user(db), null)
              .business(B, client)
              .threads(4, 1)
              .pollInterval(Duration.ofMillis(20))
              .build()
              .start()) {
        await(Duration.ofMinutes(10), () -> sync.status().businesses().get(0).backfillDone());
        double seconds = (System.nanoTime() - start) / 1e9;
        long messages = sync.status().businesses().get(0).messagesMirrored();
        line(
            String.format(
                Locale.ROOT,
                "| backfill | %s | %d | %d | %.1f | %.0f |",
                db,
                sync.status().businesses().get(0).chatsMirrored(),
                messages,
                seconds,
                messages / seconds));
      }
    }
  }

  private void outbox(String db, int workers) throws Exception {
    int replies = quick ? 200 : 1000;
    try (SandboxServer sandbox = sandbox(null)) {
      sandbox.market().generate(B, 60, 1, 4);
      String url = url(db);
      List<ChatSync> syncs = new ArrayList<>();
      List<ChatsClient> clients = new ArrayList<>();
      try {
        for (int w = 0; w < workers; w++) {
          ChatsClient c = client(sandbox);
          clients.add(c);
          syncs.add(
              ChatSync.builder()
                  .database(url, user(db), null)
                  .business(B, c)
                  .roles(w == 0, true)
                  .threads(2, 4)
                  .maxInFlightPerBusiness(4)
                  .pollInterval(Duration.ofMillis(20))
                  .sweepInterval(Duration.ofHours(1))
                  .build()
                  .start());
        }
        ChatSync first = syncs.get(0);
        await(Duration.ofMinutes(5), () -> first.status().businesses().get(0).backfillDone());
        List<Long> open = new ArrayList<>();
        first.chats(B).stream()
            .filter(c -> !c.status().value().equals("FINISHED"))
            .forEach(c -> open.add(c.chatId()));
        Outbox outbox = first.outbox();
        long start = System.nanoTime();
        first
            .jdbi()
            .useTransaction(
                h -> {
                  for (int i = 0; i < replies; i++) {
                    outbox.send(h, B, open.get(i % open.size()), "Ответ " + i);
                  }
                });
        await(
            Duration.ofMinutes(10),
            () -> first.status().businesses().get(0).sentReplies() >= replies);
        double seconds = (System.nanoTime() - start) / 1e9;
        line(
            String.format(
                Locale.ROOT,
                "| outbox | %s | %d | %d | %.1f | %.0f |",
                db,
                workers,
                replies,
                seconds,
                replies / seconds));
      } finally {
        for (ChatSync s : syncs) {
          s.close();
        }
        clients.forEach(ChatsClient::close);
      }
    }
  }
}
