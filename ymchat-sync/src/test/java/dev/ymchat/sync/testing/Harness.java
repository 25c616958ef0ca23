package dev.ymchat.sync.testing;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.sandbox.SandboxConfig;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.market.WebhookFaults;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.store.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A sandbox with demo data and a sync on one database, wired with webhooks, for a test. */
public final class Harness implements AutoCloseable {

  public static final long B1 = SandboxDemo.BUSINESS_ID;
  public static final long B2 = SandboxDemo.OTHER_BUSINESS_ID;

  public final SandboxServer sandbox;
  public final ChatSync sync;
  public final String dbUrl;
  public final Dialect dialect;
  public final int webhookPort;
  private final List<ChatsClient> clients = new ArrayList<>();
  public final SandboxProbe probe;

  private Harness(Builder b) {
    this.dialect = b.dialect;
    this.dbUrl = b.dbUrl != null ? b.dbUrl : TestDatabases.newUrl(b.dialect);
    this.webhookPort = freePort();
    SandboxConfig.Builder sb =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .faults(b.faults)
            .webhookFaults(
                new WebhookFaults(
                    b.lossRate, b.duplicateRate, WebhookFaults.DEFAULT_DUPLICATE_DELAY, 7))
            .rateLimits(b.rateLimits);
    if (b.webhooks) {
      sb.webhookUrl("http://127.0.0.1:" + webhookPort + "/notification");
    }
    this.sandbox = sb.build().start();
    this.probe = new SandboxProbe(sandbox);
    b.beforeSync.accept(sandbox);
    ChatSync.Builder syncBuilder =
        ChatSync.builder()
            .database(dbUrl, TestDatabases.user(b.dialect), null)
            .business(B1, client(SandboxDemo.ALL_METHODS_KEY))
            .business(B2, client(SandboxDemo.OTHER_BUSINESS_KEY))
            .webhook("127.0.0.1", webhookPort)
            .pollInterval(Duration.ofMillis(50))
            .lease(Duration.ofSeconds(20))
            .sweepInterval(b.sweepInterval)
            .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    b.customize.accept(syncBuilder);
    this.sync = syncBuilder.build().start();
  }

  public static Builder builder(Dialect dialect) {
    return new Builder(dialect);
  }

  /** Options of a harness. */
  public static final class Builder {
    private final Dialect dialect;
    private String dbUrl;
    private FaultConfig faults = FaultConfig.none();
    private double duplicateRate;
    private double lossRate;
    private SandboxRateLimits rateLimits = SandboxRateLimits.defaults();
    private boolean webhooks = true;
    private Duration sweepInterval = Duration.ofHours(1);
    private Consumer<ChatSync.Builder> customize = b -> {};
    private Consumer<SandboxServer> beforeSync = s -> {};

    private Builder(Dialect dialect) {
      this.dialect = dialect;
    }

    public Builder faults(FaultConfig faults) {
      this.faults = faults;
      return this;
    }

    /** Has the sandbox deliver this share of its webhooks twice (the copy comes late). */
    public Builder duplicateRate(double rate) {
      this.duplicateRate = rate;
      return this;
    }

    /** Has the sandbox lose and duplicate shares of its webhooks (its own webhook faults). */
    public Builder lossyWebhooks(double lossRate, double duplicateRate) {
      this.lossRate = lossRate;
      this.duplicateRate = duplicateRate;
      return this;
    }

    public Builder rateLimits(SandboxRateLimits limits) {
      this.rateLimits = limits;
      return this;
    }

    public Builder noWebhooks() {
      this.webhooks = false;
      return this;
    }

    public Builder sweepInterval(Duration interval) {
      this.sweepInterval = interval;
      return this;
    }

    /** Prepares the sandbox before the sync starts (for data the backfill must find). */
    public Builder beforeSync(Consumer<SandboxServer> prepare) {
      this.beforeSync = prepare;
      return this;
    }

    public Builder sync(Consumer<ChatSync.Builder> customize) {
      this.customize = customize;
      return this;
    }

    public Harness start() {
      return new Harness(this);
    }
  }

  /** A client of the sandbox without retries, as the sync wants it. */
  public ChatsClient client(String key) {
    ChatsClient c =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(key)
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(Duration.ofSeconds(10))
            .build();
    clients.add(c);
    return c;
  }

  /** A client with retries, to read the sandbox's truth through the API. */
  public ChatsClient truthClient(long business) {
    ChatsClient c =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(business == B1 ? SandboxDemo.ALL_METHODS_KEY : SandboxDemo.OTHER_BUSINESS_KEY)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(10)
                    .maxRateLimitWait(Duration.ofSeconds(5))
                    .build())
            .build();
    clients.add(c);
    return c;
  }

  /** The API calls the sandbox counted for a business and operation ({@code /sandbox/stats}). */
  public int calls(long business, ApiOperation op) {
    return Math.toIntExact(probe.calls(business, op));
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits for the backfill of both businesses. */
  public void awaitBackfill() {
    await(
        "the backfill of both businesses",
        Duration.ofSeconds(90),
        () -> sync.status().businesses().stream().allMatch(b -> b.backfillDone()));
  }

  /** Asserts that the mirror holds exactly the sandbox's state of a business, field by field. */
  public void assertMirrorEqualsSandbox(long business) {
    probe.assertMirrorEqualsState(sync, business);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sync.close();
    sandbox.close();
    clients.forEach(ChatsClient::close);
  }
}
