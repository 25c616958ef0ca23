package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The loopback load driver: per-call cost of ymchat-client against a fixed-response local server,
 * next to the floor (the raw JDK {@link HttpClient} sending a pre-built request and reading the
 * answer as bytes, unparsed). Both variants run in the same process, against the same server, in
 * alternating rounds, so machine noise hits both alike; the ratio is taken from that same run.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.LoopbackBench [--quick] [--warmup
 * SECONDS] [--measure SECONDS] [--rounds N] [--threads 1,8] [--only client|floor] [--diagnose]
 * [--out FILE]}. {@code --diagnose} adds variants between the two that split the client's cost into
 * its parts (the asynchronous hand-off, the decoding, the decorators).
 *
 * <p>JDK 17's HttpClient has a race on reused keep-alive connections (JDK-8338569, fixed in later
 * JDKs) that a very fast local server can hit: a call fails with "HTTP/1.1 header parser received
 * no bytes", or, rarely, its answer is lost and it times out. The client retries it by its policy;
 * the raw variants repeat such a call once themselves. Both count it, and the report shows the
 * counts.
 */
public final class LoopbackBench {

  private static final String API_KEY = "bench-api-key-not-a-secret";
  private static final String USER_AGENT = "ymchat-client/0.1 (Java)";

  /**
   * Per-call timeout of every variant. The local server answers in well under a millisecond; a call
   * that waits this long hit the JDK race below, and a short timeout keeps it from freezing a
   * worker for the 30 s default.
   */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private LoopbackBench() {}

  /** What to run, from the command line. */
  record Options(
      Duration warmup,
      Duration measure,
      int rounds,
      List<Integer> threads,
      String only,
      boolean diagnose,
      Path out) {

    static Options parse(String[] args) {
      String[] only = {null};
      boolean[] diagnose = {false};
      DriverArgs shared =
          DriverArgs.parse(
              args,
              List.of(1, 8),
              "--quick, --warmup S, --measure S, --rounds N, --threads 1,8, --only client|floor,"
                  + " --diagnose, --out FILE",
              (option, value) -> {
                switch (option) {
                  case "--only":
                    only[0] = value.get();
                    if (!only[0].equals("client") && !only[0].equals("floor")) {
                      throw new IllegalArgumentException(
                          "--only takes client or floor, got " + only[0]);
                    }
                    return true;
                  case "--diagnose":
                    diagnose[0] = true;
                    return true;
                  default:
                    return false;
                }
              });
      shared.check(true, null, null);
      return new Options(
          shared.warmup,
          shared.measure,
          shared.rounds,
          shared.threads,
          only[0],
          diagnose[0],
          shared.out);
    }
  }

  /** One call of a variant; throws when the answer is not the expected one. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  /** What a variant is: the client, the floor, the floor plus decoding, or a diagnostic step. */
  enum Kind {
    CLIENT,
    FLOOR,
    REFERENCE,
    DIAGNOSTIC
  }

  /** A measured variant with its samples across rounds. */
  static final class Variant {
    final String name;
    final Kind kind;
    final Call call;
    final AtomicLong repeats = new AtomicLong();
    final List<LatencySamples> samples = new ArrayList<>();
    long elapsedNanos;
    long calls;
    long serverRequests;
    long cpuNanos;

    Variant(String name, Kind kind, Call call) {
      this.name = name;
      this.kind = kind;
      this.call = call;
    }

    double callsPerSecond() {
      return elapsedNanos == 0 ? 0 : calls * 1e9 / elapsedNanos;
    }
  }

  /** The figures of one variant in one scenario. */
  record Result(
      String operation,
      int threads,
      String variant,
      Kind kind,
      long calls,
      double callsPerSecond,
      long p50,
      long p99,
      long p999,
      long extraRequests,
      long repeats,
      double cpuMicrosPerCall) {

    /** The CPU column: this JVM's CPU time per call, the server's included; "?" when unknown. */
    String cpu() {
      return cpuMicrosPerCall < 0 ? "?" : String.format(Locale.ROOT, "%.0f", cpuMicrosPerCall);
    }
  }

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args see the class description
   * @throws Exception when the server cannot start or a call returns a wrong answer
   */
  public static void main(String[] args) throws Exception {
    DriverArgs.main("LoopbackBench", args, Options::parse, Options::out, LoopbackBench::run);
  }

  static List<String> run(Options options) throws Exception {
    byte[] history = Fixtures.historyResponse();
    byte[] chats = Fixtures.chatsResponse();
    List<String> report = MachineInfo.reportHead("# ymchat loopback benchmark");
    report.add(
        String.format(
            Locale.ROOT,
            "- warm-up %d ms per variant, then %d rounds of %d ms per "
                + "variant, rotating the order; answer bodies: getChats %d bytes, getChatHistory %d bytes",
            options.warmup().toMillis(),
            options.rounds(),
            options.measure().toMillis() / options.rounds(),
            chats.length,
            history.length));
    report.add("");
    report.add(
        "| operation | threads | variant | calls | calls/s | p50 µs | p99 µs | p99.9 µs "
            + "| CPU µs/call | ÷ floor | retried |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|");
    try (FixedResponseServer server = FixedResponseServer.start(history, chats);
        ChatsClient client =
            ChatsClient.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl())
                .retryPolicy(RetryPolicy.defaults())
                .requestTimeout(CALL_TIMEOUT)
                .build()) {
      // the floor gets an HttpClient configured as the one ChatsClient builds for itself
      HttpClient raw =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      ClientDecode current = ClientDecode.current();
      ClientDecode previous = ClientDecode.previous();
      String base = server.baseUrl() + "/v2/businesses/" + Fixtures.BUSINESS_ID;
      HttpRequest chatsRequest = floorRequest(base + "/chats?limit=" + Fixtures.CHATS_PAGE_SIZE);
      HttpRequest historyRequest =
          floorRequest(
              base
                  + "/chats/history?chatId="
                  + Fixtures.CHAT_ID
                  + "&limit="
                  + Fixtures.HISTORY_PAGE_SIZE);
      ChatsQuery chatsQuery = ChatsQuery.builder().limit(Fixtures.CHATS_PAGE_SIZE).build();
      HistoryQuery historyQuery = HistoryQuery.builder().limit(Fixtures.HISTORY_PAGE_SIZE).build();

      for (int threads : options.threads()) {
        List<Variant> chatsVariants =
            variants(
                options,
                raw,
                current,
                previous,
                chatsRequest,
                chats.length,
                ChatsResult.class,
                r -> r.chats().size(),
                Fixtures.CHATS_PAGE_SIZE,
                () -> client.chats(Fixtures.BUSINESS_ID, chatsQuery).items().size());
        addRows(report, scenario(options, server::requests, "getChats", threads, chatsVariants));
        List<Variant> historyVariants =
            variants(
                options,
                raw,
                current,
                previous,
                historyRequest,
                history.length,
                ChatHistory.class,
                h -> h.messages().size(),
                Fixtures.HISTORY_PAGE_SIZE,
                () ->
                    client
                        .history(Fixtures.BUSINESS_ID, Fixtures.CHAT_ID, historyQuery)
                        .items()
                        .size());
        addRows(
            report,
            scenario(options, server::requests, "getChatHistory", threads, historyVariants));
      }
      report.add("");
      report.add(
          "- server: "
              + server.requests()
              + " requests on "
              + server.connectionsOpened()
              + " connections (keep-alive)");
    }
    report.add("- load average at end: " + MachineInfo.loadAverage());
    report.add(
        "- \"retried\": for the client, requests the server saw beyond the calls made (its "
            + "retries); for the others, calls they repeated after JDK-8338569 (\"header parser received "
            + "no bytes\" or a lost answer timing out after "
            + CALL_TIMEOUT.toSeconds()
            + " s)");
    return report;
  }

  /** A call of the client returning the number of items it decoded. */
  @FunctionalInterface
  interface ClientCall {
    int items();
  }

  private static <T> List<Variant> variants(
      Options options,
      HttpClient raw,
      ClientDecode current,
      ClientDecode previous,
      HttpRequest request,
      int bodyLength,
      Class<T> type,
      ToIntFunction<T> count,
      int expected,
      ClientCall clientCall) {
    List<Variant> list = new ArrayList<>();
    if (!"floor".equals(options.only())) {
      list.add(
          new Variant("ymchat-client", Kind.CLIENT, () -> expect(clientCall.items(), expected)));
    }
    if (options.only() == null) {
      // what a hand-written client that parses as ymchat does could reach: the floor plus decoding
      list.add(decodingVariant(raw, request, current, type, count, expected, "the client's"));
      // the same with the decoding the client had before the one-pass binding and fast dates
      list.add(decodingVariant(raw, request, previous, type, count, expected, "previous"));
    }
    if (options.diagnose()) {
      Variant[] holder = new Variant[2];
      holder[0] =
          new Variant(
              "diag: raw sendAsync().join(), unparsed",
              Kind.DIAGNOSTIC,
              () ->
                  expectBytes(
                      repeatOnce(
                          holder[0],
                          () ->
                              raw.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                                  .join()),
                      bodyLength));
      holder[1] =
          new Variant(
              "diag: raw sendAsync().thenApply(decode).join()",
              Kind.DIAGNOSTIC,
              () ->
                  expect(
                      count.applyAsInt(
                          repeatOnce(
                              holder[1],
                              () ->
                                  raw.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                                      .thenApply(r -> decodeUnchecked(current, r.body(), type))
                                      .join())),
                      expected));
      list.addAll(List.of(holder));
    }
    if (!"client".equals(options.only())) {
      Variant[] floor = new Variant[1];
      floor[0] =
          new Variant(
              "floor: raw send(), unparsed",
              Kind.FLOOR,
              () ->
                  expectBytes(
                      repeatOnce(
                          floor[0],
                          () -> raw.send(request, HttpResponse.BodyHandlers.ofByteArray())),
                      bodyLength));
      list.add(floor[0]);
    }
    return list;
  }

  /** A raw call that may hit JDK-8338569. */
  @FunctionalInterface
  interface RawCall<R> {
    R send() throws Exception;
  }

  /** Repeats a raw call once when JDK 17's keep-alive race (JDK-8338569) failed it. */
  private static <R> R repeatOnce(Variant variant, RawCall<R> call) throws Exception {
    try {
      return call.send();
    } catch (IOException | CompletionException e) {
      if (!isKeepAliveRace(e) && !isTimeout(e)) {
        throw e;
      }
      variant.repeats.incrementAndGet();
      return call.send();
    }
  }

  private static boolean isKeepAliveRace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("header parser received no bytes")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static <T> Variant decodingVariant(
      HttpClient raw,
      HttpRequest request,
      ClientDecode decoder,
      Class<T> type,
      ToIntFunction<T> count,
      int expected,
      String which) {
    Variant[] variant = new Variant[1];
    variant[0] =
        new Variant(
            "floor + " + which + " decoding: raw send(), decoded on the caller",
            Kind.REFERENCE,
            () -> {
              HttpResponse<byte[]> response =
                  repeatOnce(
                      variant[0], () -> raw.send(request, HttpResponse.BodyHandlers.ofByteArray()));
              expect(count.applyAsInt(decoder.decode(response.body(), type)), expected);
            });
    return variant[0];
  }

  private static <T> T decodeUnchecked(ClientDecode decoder, byte[] body, Class<T> type) {
    try {
      return decoder.decode(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpRequest floorRequest(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(CALL_TIMEOUT)
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
      throw new IOException(
          "expected HTTP 200 with "
              + expected
              + " bytes, got HTTP "
              + response.statusCode()
              + " with "
              + response.body().length
              + " bytes");
    }
  }

  private static void addRows(List<String> report, List<Result> results) {
    double floor = 0;
    for (Result r : results) {
      if (r.kind() == Kind.FLOOR) {
        floor = r.callsPerSecond();
      }
    }
    for (Result r : results) {
      String ratio =
          r.kind() != Kind.FLOOR && floor > 0
              ? String.format(Locale.ROOT, "%.2f×", r.callsPerSecond() / floor)
              : "";
      long retried = r.kind() == Kind.CLIENT ? r.extraRequests() : r.repeats();
      String row =
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %d | %.0f | %.1f | %.1f | %.1f | %s | %s | %d |",
              r.operation(),
              r.threads(),
              r.variant(),
              r.calls(),
              r.callsPerSecond(),
              r.p50() / 1e3,
              r.p99() / 1e3,
              r.p999() / 1e3,
              r.cpu(),
              ratio,
              retried);
      report.add(row);
      System.err.println("done: " + row);
    }
  }

  static List<Result> scenario(
      Options options,
      LongSupplier serverRequests,
      String operation,
      int threads,
      List<Variant> variants)
      throws Exception {
    for (Variant v : variants) {
      measure(new Variant(v.name, v.kind, v.call), serverRequests, threads, options.warmup());
    }
    Duration slice = options.measure().dividedBy(options.rounds());
    int n = variants.size();
    for (int round = 0; round < options.rounds(); round++) {
      for (int k = 0; k < n; k++) {
        // rotate which variant goes first, so a drift in machine load hits all alike
        measure(variants.get((k + round) % n), serverRequests, threads, slice);
      }
    }
    List<Result> results = new ArrayList<>();
    for (Variant v : variants) {
      long[] sorted = LatencySamples.mergeSorted(v.samples);
      results.add(
          new Result(
              operation,
              threads,
              v.name,
              v.kind,
              v.calls,
              v.callsPerSecond(),
              LatencySamples.percentile(sorted, 50),
              LatencySamples.percentile(sorted, 99),
              LatencySamples.percentile(sorted, 99.9),
              v.serverRequests - v.calls,
              v.repeats.get(),
              v.cpuNanos < 0 || v.calls == 0 ? -1 : v.cpuNanos / 1e3 / v.calls));
    }
    return results;
  }

  /**
   * Runs one variant on {@code threads} threads for a fixed time, adding to its samples; {@code
   * serverRequests} counts the requests the server has seen, to find the client's retries.
   */
  static void measure(Variant variant, LongSupplier serverRequests, int threads, Duration duration)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    List<LatencySamples> mine = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      LatencySamples samples = new LatencySamples();
      mine.add(samples);
      Thread worker =
          new Thread(
              () -> {
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
              },
              "bench-" + variant.name + "-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long requestsBefore = serverRequests.getAsLong();
    long cpuBefore = MachineInfo.processCpuNanos();
    long start = System.nanoTime();
    deadline[0] = start + duration.toNanos();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsed = System.nanoTime() - start;
    long cpuAfter = MachineInfo.processCpuNanos();
    long requests = serverRequests.getAsLong() - requestsBefore;
    if (failure.get() != null) {
      throw new IllegalStateException(
          variant.name + " failed during the run: " + failure.get(), failure.get());
    }
    variant.samples.addAll(mine);
    variant.elapsedNanos += elapsed;
    variant.serverRequests += requests;
    variant.cpuNanos =
        variant.cpuNanos < 0 || cpuBefore < 0 ? -1 : variant.cpuNanos + cpuAfter - cpuBefore;
    for (LatencySamples s : mine) {
      variant.calls += s.size();
    }
  }
}
