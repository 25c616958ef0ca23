package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.inbox.Inbox;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sync.ChatSync;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ymchat-inbox on loopback: the list page for 10 000 chats (a signed-in GET of {@code /}, p50/p99
 * of many requests) and a buyer's message seen on the live stream, from the sandbox receiving it to
 * the list fragment showing it (the SSE event the browser gets, then the fragment it fetches).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.InboxBench [--quick] [--postgres]
 * [--out FILE]}.
 */
public final class InboxBench {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final String PASSWORD = "bench-password-0123";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final boolean quick;
  private final StringBuilder report = new StringBuilder();

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
        case "--out" -> out = Path.of(args[++i]);
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
    System.out.print(bench.report);
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, bench.report);
    }
    System.exit(0);
  }

  private void run(String label, String url, String user) throws Exception {
    int chats = quick ? 1_000 : 10_000;
    int pageRequests = quick ? 200 : 1_000;
    int liveMessages = quick ? 30 : 100;
    int webhook;
    try (ServerSocket s = new ServerSocket(0)) {
      webhook = s.getLocalPort();
    }
    try (SandboxServer sandbox =
            SandboxServer.builder()
                .port(0)
                .inMemory()
                .seedDemo(true)
                .rateLimits(SandboxRateLimits.disabled())
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
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!sync.status().businesses().get(0).backfillDone()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the backfill took over 30 minutes");
          }
          Thread.sleep(100);
        }
        // the listing pass ends before every chat's history is read; the live part measures a
        // push, not the tail of the backfill, so it waits for the reads to drain
        while (sync.status().businesses().get(0).readsWanted() > 0) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the chats' histories took over 30 minutes to read");
          }
          Thread.sleep(100);
        }
        double backfill = (System.nanoTime() - t0) / 1e9;
        inbox.operators().add("bench", PASSWORD.toCharArray(), Set.of(B));
        HttpClient http =
            HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        signIn(http, inbox.url());
        String listed = get(http, inbox.url() + "?view=all&status=all");
        Matcher total = Pattern.compile("data-total=\"(\\d+)\"").matcher(listed);
        String shown = total.find() ? total.group(1) : "?";
        for (int i = 0; i < 50; i++) {
          get(http, inbox.url());
        }
        LatencySamples page = new LatencySamples();
        for (int i = 0; i < pageRequests; i++) {
          long s = System.nanoTime();
          get(http, inbox.url());
          page.record(System.nanoTime() - s);
        }
        LatencySamples live = live(http, inbox, sandbox, sync, liveMessages);
        long[] p = LatencySamples.mergeSorted(List.of(page));
        long[] l = LatencySamples.mergeSorted(List.of(live));
        report.append(
            String.format(
                Locale.ROOT,
                "### %s, %d chats (the inbox counts %s; backfill %.0f s)%n%n"
                    + "| measure | n | p50 | p99 | max |%n|---|---|---|---|---|%n"
                    + "| list page (GET /, needs answer, signed in) | %d | %.1f ms | %.1f ms | %.1f ms |%n"
                    + "| buyer message → SSE event + list fragment showing it | %d | %.0f ms | %.0f ms | %.0f ms |%n%n",
                label,
                chats,
                shown,
                backfill,
                page.size(),
                LatencySamples.percentile(p, 50) / 1e6,
                LatencySamples.percentile(p, 99) / 1e6,
                p[p.length - 1] / 1e6,
                live.size(),
                LatencySamples.percentile(l, 50) / 1e6,
                LatencySamples.percentile(l, 99) / 1e6,
                l[l.length - 1] / 1e6));
      }
    }
  }

  /** Buyer messages, each timed from the sandbox taking it to the list fragment showing it. */
  private static LatencySamples live(
      HttpClient http, Inbox inbox, SandboxServer sandbox, ChatSync sync, int messages)
      throws Exception {
    BlockingQueue<Long> events = new LinkedBlockingQueue<>();
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(inbox.url() + "events")).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.equals("event: list")) {
                    events.add(System.nanoTime());
                  }
                }
              } catch (java.io.IOException e) {
                // the stream closes at the end
              }
            },
            "inbox-bench-sse");
    reader.setDaemon(true);
    reader.start();
    awaitQuiet(events);
    List<Long> open = new ArrayList<>();
    sync.chats(B).stream()
        .filter(c -> !c.status().value().equals("FINISHED"))
        .limit(200)
        .forEach(c -> open.add(c.chatId()));
    LatencySamples samples = new LatencySamples();
    for (int i = 0; i < messages; i++) {
      long chat = open.get(i % open.size());
      String text = "live-" + i + "-" + System.nanoTime();
      events.clear();
      long start = System.nanoTime();
      sandbox.market().buyerWrites(B, chat, text);
      long deadline = start + TimeUnit.SECONDS.toNanos(30);
      boolean seen = false;
      while (!seen && System.nanoTime() < deadline) {
        Long event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) {
          break;
        }
        seen = get(http, inbox.url() + "list?view=needs&sort=newest").contains(text);
      }
      if (!seen) {
        throw new IllegalStateException("message " + i + " was not seen within 30 s");
      }
      samples.record(System.nanoTime() - start);
      Thread.sleep(50);
    }
    stream.body().close();
    return samples;
  }

  /**
   * Waits until the inbox's projection has caught up with the backfill's events: no list event for
   * two seconds (at most ten minutes).
   */
  private static void awaitQuiet(BlockingQueue<Long> events) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (events.poll(2, TimeUnit.SECONDS) != null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the inbox was still projecting the backfill after 10 min");
      }
      events.clear();
    }
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
