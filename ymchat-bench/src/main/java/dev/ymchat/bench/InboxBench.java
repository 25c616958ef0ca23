package dev.ymchat.bench;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.inbox.Inbox;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sync.BusinessStatus;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.events.EventType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ymchat-inbox on loopback, on H2 and (with {@code --postgres}) on embedded PostgreSQL in one run:
 * the list page for 10 000 chats (signed-in GETs of {@code /}: needs answer, a filtered one and a
 * text search; p50/p99 of many requests) and a buyer's message seen live, from the sandbox taking
 * it to the list fragment showing it (the SSE event the browser gets, then the fragment it
 * fetches), with the time split at the sync's event for it and at the SSE event.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.InboxBench [--quick] [--postgres]
 * [--out FILE]}.
 */
public final class InboxBench {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String PASSWORD = "bench-password-0123";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern TOTAL = Pattern.compile("data-total=\"(\\d+)\"");

  /** The list pages measured: what each shows, and its address below the inbox's root. */
  private static final Map<String, String> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("list page `GET /` (needs answer, oldest first)", "");
    PAGES.put(
        "filtered `GET /?context=return&assignee=unassigned`",
        "?context=return&assignee=unassigned");
    PAGES.put(
        "text search `GET /?view=all&status=all&q=гарантия` (message bodies)",
        "?view=all&status=all&q=" + URLEncoder.encode("гарантия", StandardCharsets.UTF_8));
  }

  /** The page the live part reads: what the browser's htmx fetches on {@code sse:list}. */
  private static final String LIVE_FRAGMENT = "list?view=needs&sort=newest";

  private static final String MIRRORED =
      "  of which: sandbox → the sync's event (webhook, read, mirror)";
  private static final String EVENT = "  of which: sandbox → SSE `list` event";
  private static final String SEEN = "buyer message → SSE event + list fragment showing it";
  private static final String SCREEN =
      "buyer message → on top of the list in headless Chromium (push to screen)";

  private final boolean quick;
  private final StringBuilder report = new StringBuilder();
  private final Map<String, Map<String, long[]>> results = new LinkedHashMap<>();

  private InboxBench(boolean quick) {
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    boolean pg = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--postgres" -> pg = true;
        case "--out" -> {
          if (i + 1 == args.length) {
            System.err.println("InboxBench: --out needs a file name");
            System.exit(2);
          }
          out = Path.of(args[++i]);
        }
        default -> {
          System.err.println(
              "InboxBench: unknown option " + args[i] + "; use --quick, --postgres, --out FILE");
          System.exit(2);
        }
      }
    }
    InboxBench bench = new InboxBench(quick);
    bench.report.append("## ymchat-inbox\n\n").append(MachineInfo.describe()).append("\n\n");
    Path dir = Files.createTempDirectory("ymchat-inbox-bench");
    bench.run("H2 (file)", "jdbc:h2:file:" + dir.resolve("mirror"), null);
    if (pg) {
      try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE inboxbench");
        }
        bench.run(
            "PostgreSQL (embedded)", postgres.getJdbcUrl("postgres", "inboxbench"), "postgres");
      }
    }
    bench.sideBySide();
    System.out.print(bench.report);
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, bench.report);
    }
    System.exit(0);
  }

  private void run(String label, String url, String user) throws Exception {
    int chats = quick ? 1_000 : 10_000;
    int pageRequests = quick ? 100 : 500;
    int liveMessages = quick ? 30 : 120;
    String loadBefore = MachineInfo.loadAverage();
    int webhook;
    try (ServerSocket s = new ServerSocket(0)) {
      webhook = s.getLocalPort();
    }
    try (SandboxServer sandbox =
            SandboxServer.builder()
                .port(0)
                .inMemory()
                .seedDemo(true)
                .rateLimits(unconstrained())
                .webhookUrl("http://127.0.0.1:" + webhook + "/notification")
                .build()
                .start();
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(sandbox.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .retryPolicy(RetryPolicy.none())
                .build()) {
      sandbox.market().generate(B, chats, 2, 7);
      long t0 = System.nanoTime();
      try (ChatSync sync =
              ChatSync.builder()
                  .database(url, user, null)
                  .business(B, client)
                  .webhook("127.0.0.1", webhook)
                  .pollInterval(Duration.ofMillis(20))
                  .sweepInterval(Duration.ofHours(1))
                  .threads(4, 2)
                  .build()
                  .start();
          Inbox inbox = Inbox.builder(sync).listen("127.0.0.1", 0).build().start()) {
        awaitBackfill(sync);
        double backfill = (System.nanoTime() - t0) / 1e9;
        Map<Long, Long> mirrored = new ConcurrentHashMap<>();
        sync.addListener(
            e -> {
              if (e.type() == EventType.BUYER_MESSAGE_RECEIVED) {
                mirrored.put(e.messageId(), System.nanoTime());
              }
            });
        inbox.operators().add("bench", PASSWORD.toCharArray(), Set.of(B));
        HttpClient http =
            HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        signIn(http, inbox.url());
        try (LiveStream live = LiveStream.open(http, inbox.url())) {
          // the projection of the backfill's events must be over before anything is timed
          String shown = awaitProjected(http, inbox, sync.chats(B).size());
          double projected = (System.nanoTime() - t0) / 1e9;
          live.awaitQuiet();
          Map<String, long[]> measured = new LinkedHashMap<>();
          for (Map.Entry<String, String> page : PAGES.entrySet()) {
            measured.put(page.getKey(), pages(http, inbox.url() + page.getValue(), pageRequests));
          }
          measured.putAll(live(http, inbox, sandbox, sync, live, mirrored, liveMessages));
          if (BrowserLive.installed()) {
            try (BrowserLive browser = BrowserLive.signIn(inbox.url(), "bench", PASSWORD)) {
              measured.put(
                  SCREEN, browser.measure(inbox.url(), sandbox, B, openChats(sync), liveMessages));
            }
          } else {
            System.err.println(
                "InboxBench: push to screen skipped: install chromium and chromium-driver");
          }
          results.put(label, measured);
          report.append(
              String.format(
                  Locale.ROOT,
                  "### %s, %d generated chats (the inbox counts %s; backfill %.0f s, projected"
                      + " by %.0f s)%n%nload average (1/5/15 min) %s at the start, %s at the end%n%n"
                      + "| measure | n | p50 | p99 | max |%n|---|---|---|---|---|%n",
                  label,
                  chats,
                  shown,
                  backfill,
                  projected,
                  loadBefore,
                  MachineInfo.loadAverage()));
          measured.forEach(
              (name, sorted) ->
                  report.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %d | %s | %s | %s |%n",
                          name,
                          sorted.length,
                          millis(LatencySamples.percentile(sorted, 50)),
                          millis(LatencySamples.percentile(sorted, 99)),
                          millis(sorted[sorted.length - 1]))));
          report.append('\n');
        }
      }
    }
  }

  /**
   * Nothing refused, and quotas in the headers far above what the run uses. With Market's hourly
   * quotas (the sandbox's defaults, also sent when limits are "disabled") the sync holds the
   * backfill once a fifth of getChatHistory is left, for push reads and sends: 10 000 chats then
   * stop at about 8 000 read until the hour turns, which is right for a real shop and not what this
   * run measures.
   */
  private static SandboxRateLimits unconstrained() {
    SandboxRateLimits limits = SandboxRateLimits.disabled();
    for (ApiOperation op : ApiOperation.values()) {
      limits = limits.quota(op, 10_000_000);
    }
    return limits;
  }

  private static void awaitBackfill(ChatSync sync) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(30).toNanos();
    long nextReport = start + Duration.ofSeconds(15).toNanos();
    // the listing pass ends before every chat's history is read; the live part measures a push,
    // not the tail of the backfill, so it also waits for the reads to drain
    while (true) {
      BusinessStatus b = sync.status().businesses().get(0);
      if (b.backfillDone() && b.readsWanted() == 0) {
        return;
      }
      long now = System.nanoTime();
      if (now > nextReport || now > deadline) {
        String line =
            String.format(
                Locale.ROOT,
                "InboxBench: backfill %s after %d s: %d chats listed, %d with history of %d"
                    + " mirrored, %d messages, %d reads wanted, last error %s",
                b.backfill(),
                (now - start) / 1_000_000_000L,
                b.chatsListed(),
                b.chatsWithHistory(),
                b.chatsMirrored(),
                b.messagesMirrored(),
                b.readsWanted(),
                b.lastError() == null ? "none" : b.lastError());
        if (now > deadline) {
          throw new IllegalStateException("the backfill took over 30 minutes; " + line);
        }
        System.err.println(line);
        nextReport = now + Duration.ofSeconds(15).toNanos();
      }
      Thread.sleep(100);
    }
  }

  /**
   * One page fetched after 20 unmeasured warm-up fetches, {@code n} times or for a minute (at least
   * 100 times), whichever ends first; sorted latencies.
   */
  private static long[] pages(HttpClient http, String url, int n) throws Exception {
    for (int i = 0; i < 20; i++) {
      get(http, url);
    }
    LatencySamples samples = new LatencySamples();
    long budget = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (samples.size() < n && (samples.size() < 100 || System.nanoTime() < budget)) {
      long s = System.nanoTime();
      get(http, url);
      samples.record(System.nanoTime() - s);
    }
    return LatencySamples.mergeSorted(List.of(samples));
  }

  /**
   * Buyer messages, each timed from the sandbox taking it to the list fragment showing it, with the
   * two stages before: the sync's event for the message and the SSE {@code list} event.
   */
  private static Map<String, long[]> live(
      HttpClient http,
      Inbox inbox,
      SandboxServer sandbox,
      ChatSync sync,
      LiveStream stream,
      Map<Long, Long> mirrored,
      int messages)
      throws Exception {
    List<Long> open = openChats(sync);
    LatencySamples toMirror = new LatencySamples();
    LatencySamples toEvent = new LatencySamples();
    LatencySamples seen = new LatencySamples();
    for (int i = 0; i < messages; i++) {
      long chat = open.get(i % open.size());
      String text = "live-" + i + "-" + System.nanoTime();
      stream.events.clear();
      long start = System.nanoTime();
      long message = sandbox.market().buyerWrites(B, chat, text);
      long deadline = start + TimeUnit.SECONDS.toNanos(30);
      long firstEvent = 0;
      boolean shown = false;
      while (!shown) {
        Long event = stream.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) {
          throw new IllegalStateException(
              String.format(
                  Locale.ROOT,
                  "message %d (chat %d) was not shown within 30 s: %s SSE list events, the sync's"
                      + " event %s; the fragment %s",
                  i,
                  chat,
                  firstEvent == 0 ? "no" : "some",
                  mirrored.containsKey(message) ? "came" : "never came",
                  get(http, inbox.url() + LIVE_FRAGMENT).contains(text)
                      ? "shows it now"
                      : "does not show it"));
        }
        if (firstEvent == 0) {
          firstEvent = event;
        }
        shown = get(http, inbox.url() + LIVE_FRAGMENT).contains(text);
      }
      long end = System.nanoTime();
      seen.record(end - start);
      toEvent.record(firstEvent - start);
      Long at = mirrored.get(message);
      if (at != null) {
        toMirror.record(at - start);
      }
      Thread.sleep(50);
    }
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put(SEEN, LatencySamples.mergeSorted(List.of(seen)));
    m.put(MIRRORED, LatencySamples.mergeSorted(List.of(toMirror)));
    m.put(EVENT, LatencySamples.mergeSorted(List.of(toEvent)));
    return m;
  }

  /**
   * Waits until the inbox lists every mirrored chat (a quiet stream alone is not enough: on
   * PostgreSQL a batch of the projection can take longer than the two quiet seconds).
   *
   * @return the total the inbox shows
   */
  private static String awaitProjected(HttpClient http, Inbox inbox, int mirrored)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      Matcher total = TOTAL.matcher(get(http, inbox.url() + "?view=all&status=all"));
      String shown = total.find() ? total.group(1) : "?";
      if (shown.equals(String.valueOf(mirrored))) {
        return shown;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "after 10 min the inbox lists " + shown + " of " + mirrored + " mirrored chats");
      }
      Thread.sleep(500);
    }
  }

  /** Up to 200 chats of the business that are not finished. */
  private static List<Long> openChats(ChatSync sync) {
    return sync.chats(B).stream()
        .filter(c -> !c.status().value().equals("FINISHED"))
        .limit(200)
        .map(c -> c.chatId())
        .toList();
  }

  /**
   * The inbox's {@code /events} stream read as the browser's EventSource reads it: with {@code
   * Accept: text/event-stream}, without which Javalin answers an empty 200 and opens no stream.
   */
  private static final class LiveStream implements AutoCloseable {

    final BlockingQueue<Long> events = new LinkedBlockingQueue<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final HttpResponse<InputStream> response;

    private LiveStream(HttpResponse<InputStream> response) {
      this.response = response;
    }

    static LiveStream open(HttpClient http, String base) throws Exception {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "events"))
                  .header("Accept", "text/event-stream")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      String type = r.headers().firstValue("Content-Type").orElse("none");
      if (r.statusCode() != 200 || !type.startsWith("text/event-stream")) {
        r.body().close();
        throw new IllegalStateException(
            "the inbox's /events answered " + r.statusCode() + " " + type + ", not a live stream");
      }
      LiveStream s = new LiveStream(r);
      Thread reader = new Thread(s::read, "inbox-bench-sse");
      reader.setDaemon(true);
      reader.start();
      if (!s.connected.await(30, TimeUnit.SECONDS)) {
        s.close();
        throw new IllegalStateException("the inbox's /events sent nothing within 30 s");
      }
      return s;
    }

    private void read() {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.equals(": connected")) {
            connected.countDown();
          } else if (line.equals("event: list")) {
            events.add(System.nanoTime());
          }
        }
      } catch (IOException e) {
        // the stream closes at the end
      }
    }

    /**
     * Waits until the inbox's projection has caught up with the backfill's events: no list event
     * for two seconds (at most ten minutes).
     */
    void awaitQuiet() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (events.poll(2, TimeUnit.SECONDS) != null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the inbox was still projecting the backfill after 10 min");
        }
        events.clear();
      }
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }

  /** The measures side by side, one column per database, against the goals. */
  private void sideBySide() {
    List<String> dbs = new ArrayList<>(results.keySet());
    report.append("### Side by side (p50 / p99)\n\n| measure | goal |");
    dbs.forEach(db -> report.append(' ').append(db).append(" |"));
    report.append("\n|---|---|").append("---|".repeat(dbs.size())).append('\n');
    for (String measure : results.get(dbs.get(0)).keySet()) {
      String goal =
          measure.startsWith("list page")
              ? "p99 < 100 ms"
              : measure.equals(SEEN) || measure.equals(SCREEN) ? "p99 < 1 500 ms" : "";
      report.append("| ").append(measure).append(" | ").append(goal).append(" |");
      for (String db : dbs) {
        long[] sorted = results.get(db).get(measure);
        report
            .append(' ')
            .append(millis(LatencySamples.percentile(sorted, 50)))
            .append(" / ")
            .append(millis(LatencySamples.percentile(sorted, 99)))
            .append(" |");
      }
      report.append('\n');
    }
    report.append('\n');
  }

  private static String millis(long nanos) {
    double ms = nanos / 1e6;
    return String.format(Locale.ROOT, ms < 100 ? "%.1f ms" : "%.0f ms", ms);
  }

  private static void signIn(HttpClient http, String base) throws Exception {
    Matcher m = CSRF.matcher(get(http, base + "login"));
    if (!m.find()) {
      throw new IllegalStateException("no sign-in form");
    }
    String body =
        "_csrf="
            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
            + "&login=bench&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 302) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode());
    }
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
    return r.body();
  }
}
