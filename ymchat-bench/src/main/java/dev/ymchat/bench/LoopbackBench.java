package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The loopback load driver: per-call cost of ymchat-client against a fixed-response local server,
 * next to the floor (the raw JDK {@link HttpClient} sending a pre-built request and reading the
 * answer as bytes, unparsed). Both variants run in the same process, against the same server, in
 * alternating rounds, so machine noise hits both alike; the ratio is taken from that same run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.LoopbackBench [--quick]
 * [--warmup SECONDS] [--measure SECONDS] [--rounds N] [--threads 1,8] [--only client|floor]
 * [--out FILE]}.
 */
public final class LoopbackBench {

  private static final String API_KEY = "bench-api-key-not-a-secret";
  private static final String USER_AGENT = "ymchat-client/0.1 (Java)";

  private LoopbackBench() {}

  /** What to run, from the command line. */
  record Options(
      Duration warmup, Duration measure, int rounds, List<Integer> threads, String only, Path out) {

    static Options parse(String[] args) {
      Duration warmup = Duration.ofSeconds(4);
      Duration measure = Duration.ofSeconds(12);
      int rounds = 4;
      List<Integer> threads = List.of(1, 8);
      String only = null;
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--quick":
            warmup = Duration.ofSeconds(1);
            measure = Duration.ofSeconds(2);
            rounds = 2;
            break;
          case "--warmup":
            warmup = Duration.ofMillis((long) (Double.parseDouble(value(args, ++i, arg)) * 1000));
            break;
          case "--measure":
            measure = Duration.ofMillis((long) (Double.parseDouble(value(args, ++i, arg)) * 1000));
            break;
          case "--rounds":
            rounds = Integer.parseInt(value(args, ++i, arg));
            break;
          case "--threads":
            List<Integer> list = new ArrayList<>();
            for (String t : value(args, ++i, arg).split(",")) {
              list.add(Integer.parseInt(t.trim()));
            }
            threads = List.copyOf(list);
            break;
          case "--only":
            only = value(args, ++i, arg);
            if (!only.equals("client") && !only.equals("floor")) {
              throw new IllegalArgumentException("--only takes client or floor, got " + only);
            }
            break;
          case "--out":
            out = Path.of(value(args, ++i, arg));
            break;
          default:
            throw new IllegalArgumentException("unknown option " + arg + "; known: --quick, --warmup S, "
                + "--measure S, --rounds N, --threads 1,8, --only client|floor, --out FILE");
        }
      }
      if (rounds < 1 || measure.isZero() || measure.isNegative() || threads.isEmpty()) {
        throw new IllegalArgumentException("--rounds, --measure and --threads must be positive");
      }
      return new Options(warmup, measure, rounds, threads, only, out);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  /** One call of a variant; throws when the answer is not the expected one. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** A measured variant with its samples across rounds. */
  static final class Variant {
    final String name;
    final Call call;
    final List<LatencySamples> samples = new ArrayList<>();
    long elapsedNanos;
    long calls;

    Variant(String name, Call call) {
      this.name = name;
      this.call = call;
    }

    double callsPerSecond() {
      return elapsedNanos == 0 ? 0 : calls * 1e9 / elapsedNanos;
    }
  }

  /** The figures of one scenario. */
  record Result(String operation, int threads, String variant, long calls, double callsPerSecond,
      long p50, long p99, long p999) {}

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args see the class description
   * @throws Exception when the server cannot start or a call returns a wrong answer
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("LoopbackBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String> report = run(options);
    report.forEach(System.out::println);
    if (options.out() != null) {
      Files.write(options.out(), report, StandardCharsets.UTF_8);
      System.out.println("written to " + options.out());
    }
  }

  static List<String> run(Options options) throws Exception {
    byte[] history = Fixtures.historyResponse();
    byte[] chats = Fixtures.chatsResponse();
    List<String> report = new ArrayList<>();
    report.add("# ymchat loopback benchmark");
    report.add("");
    report.add("- " + MachineInfo.describe());
    report.add("- load average at start: " + MachineInfo.loadAverage());
    report.add(String.format(Locale.ROOT, "- warm-up %d ms per variant, then %d rounds of %d ms per "
            + "variant, alternating the order; answer bodies: getChats %d bytes, getChatHistory %d bytes",
        options.warmup().toMillis(), options.rounds(), options.measure().toMillis() / options.rounds(),
        chats.length, history.length));
    report.add("");
    report.add("| operation | threads | variant | calls | calls/s | p50 µs | p99 µs | p99.9 µs | client/floor |");
    report.add("|---|---|---|---|---|---|---|---|---|");
    try (FixedResponseServer server = FixedResponseServer.start(history, chats);
        ChatsClient client = ChatsClient.builder()
            .apiKey(API_KEY)
            .baseUrl(server.baseUrl())
            .retryPolicy(RetryPolicy.defaults())
            .build()) {
      // the floor gets an HttpClient configured as the one ChatsClient builds for itself
      HttpClient raw = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      String base = server.baseUrl() + "/v2/businesses/" + Fixtures.BUSINESS_ID;
      HttpRequest chatsRequest = floorRequest(base + "/chats?limit=" + Fixtures.CHATS_PAGE_SIZE);
      HttpRequest historyRequest = floorRequest(base + "/chats/history?chatId=" + Fixtures.CHAT_ID
          + "&limit=" + Fixtures.HISTORY_PAGE_SIZE);
      ChatsQuery chatsQuery = ChatsQuery.builder().limit(Fixtures.CHATS_PAGE_SIZE).build();
      HistoryQuery historyQuery = HistoryQuery.builder().limit(Fixtures.HISTORY_PAGE_SIZE).build();

      for (int threads : options.threads()) {
        List<Result> chatsResults = scenario(options, "getChats", threads,
            new Variant("ymchat-client", () -> expect(
                client.chats(Fixtures.BUSINESS_ID, chatsQuery).items().size(), Fixtures.CHATS_PAGE_SIZE)),
            new Variant("floor (raw HttpClient)", () -> expectBytes(
                raw.send(chatsRequest, HttpResponse.BodyHandlers.ofByteArray()), chats.length)));
        addRows(report, chatsResults);
        List<Result> historyResults = scenario(options, "getChatHistory", threads,
            new Variant("ymchat-client", () -> expect(
                client.history(Fixtures.BUSINESS_ID, Fixtures.CHAT_ID, historyQuery).items().size(),
                Fixtures.HISTORY_PAGE_SIZE)),
            new Variant("floor (raw HttpClient)", () -> expectBytes(
                raw.send(historyRequest, HttpResponse.BodyHandlers.ofByteArray()), history.length)));
        addRows(report, historyResults);
      }
      report.add("");
      report.add("- server: " + server.requests() + " requests on " + server.connectionsOpened()
          + " connections (keep-alive)");
    }
    report.add("- load average at end: " + MachineInfo.loadAverage());
    return report;
  }

  private static HttpRequest floorRequest(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("Api-Key", API_KEY)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray("{}".getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static void expect(int actual, int expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " items in the page, got " + actual);
    }
  }

  private static void expectBytes(HttpResponse<byte[]> response, int expected) throws IOException {
    if (response.statusCode() != 200 || response.body().length != expected) {
      throw new IOException("expected HTTP 200 with " + expected + " bytes, got HTTP "
          + response.statusCode() + " with " + response.body().length + " bytes");
    }
  }

  private static void addRows(List<String> report, List<Result> results) {
    double client = 0;
    double floor = 0;
    for (Result r : results) {
      if (r.variant().startsWith("ymchat")) {
        client = r.callsPerSecond();
      } else {
        floor = r.callsPerSecond();
      }
    }
    String ratio = client > 0 && floor > 0 ? String.format(Locale.ROOT, "%.2f×", client / floor) : "–";
    for (Result r : results) {
      String row = String.format(Locale.ROOT, "| %s | %d | %s | %d | %.0f | %.1f | %.1f | %.1f | %s |",
          r.operation(), r.threads(), r.variant(), r.calls(), r.callsPerSecond(),
          r.p50() / 1e3, r.p99() / 1e3, r.p999() / 1e3, r.variant().startsWith("ymchat") ? ratio : "");
      report.add(row);
      System.err.println("done: " + row);
    }
  }

  static List<Result> scenario(Options options, String operation, int threads, Variant client,
      Variant floor) throws Exception {
    List<Variant> variants = new ArrayList<>();
    if (!"floor".equals(options.only())) {
      variants.add(client);
    }
    if (!"client".equals(options.only())) {
      variants.add(floor);
    }
    for (Variant v : variants) {
      Variant warm = new Variant(v.name, v.call);
      measure(warm, threads, options.warmup());
    }
    Duration slice = options.measure().dividedBy(options.rounds());
    for (int round = 0; round < options.rounds(); round++) {
      for (int k = 0; k < variants.size(); k++) {
        // alternate which variant goes first, so a drift in machine load hits both alike
        Variant v = variants.get(round % 2 == 0 ? k : variants.size() - 1 - k);
        measure(v, threads, slice);
      }
    }
    List<Result> results = new ArrayList<>();
    for (Variant v : variants) {
      long[] sorted = LatencySamples.mergeSorted(v.samples);
      results.add(new Result(operation, threads, v.name, v.calls, v.callsPerSecond(),
          LatencySamples.percentile(sorted, 50), LatencySamples.percentile(sorted, 99),
          LatencySamples.percentile(sorted, 99.9)));
    }
    return results;
  }

  /** Runs one variant on {@code threads} threads for a fixed time, adding to its samples. */
  static void measure(Variant variant, int threads, Duration duration) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    List<LatencySamples> mine = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      LatencySamples samples = new LatencySamples();
      mine.add(samples);
      Thread worker = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          long end = deadline[0];
          long now = System.nanoTime();
          while (now < end && failure.get() == null) {
            variant.call.run();
            long after = System.nanoTime();
            samples.record(after - now);
            now = after;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-" + variant.name + "-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + duration.toNanos();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException(variant.name + " failed during the run: " + failure.get(),
          failure.get());
    }
    variant.samples.addAll(mine);
    variant.elapsedNanos += elapsed;
    for (LatencySamples s : mine) {
      variant.calls += s.size();
    }
  }
}
