package dev.ymchat.inbox;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.sandbox.SandboxConfig;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sync.ChatSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox, a sync with push and an inbox on loopback, with two operators; for tests. Register it
 * as a static {@code @RegisterExtension} field: it starts before the class's tests and closes
 * after.
 */
final class Stack implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  static final long BUSINESS = SandboxDemo.BUSINESS_ID;
  static final long OTHER = SandboxDemo.OTHER_BUSINESS_ID;
  static final String PASSWORD = "correct-horse-battery";

  private final String jdbcUrl;
  private final String dbUser;
  private final SandboxConfig.Builder sandboxBuilder;
  private final Clock inboxClock;

  SandboxServer sandbox;
  ChatsClient client;
  ChatsClient otherClient;
  ChatSync sync;
  Inbox inbox;

  /** A stack on an in-memory H2 database of its own. */
  Stack() {
    this(
        "jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        null,
        SandboxServer.builder());
  }

  Stack(String jdbcUrl, String dbUser, SandboxConfig.Builder sandboxBuilder) {
    this(jdbcUrl, dbUser, sandboxBuilder, Clock.systemUTC());
  }

  /** A stack whose inbox reads the time from {@code inboxClock} (the sandbox and sync do not). */
  Stack(String jdbcUrl, String dbUser, SandboxConfig.Builder sandboxBuilder, Clock inboxClock) {
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    this.sandboxBuilder = sandboxBuilder;
    this.inboxClock = inboxClock;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the sandbox, the sync (awaiting its backfill) and the inbox with its operators. */
  Stack start() {
    try {
      startParts();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    return this;
  }

  private void startParts() {
    int port = freePort();
    sandbox =
        sandboxBuilder
            .port(0)
            .inMemory()
            .seedDemo(true)
            .webhookUrl("http://127.0.0.1:" + port + "/notification")
            .build()
            .start();
    client = client(SandboxDemo.ALL_METHODS_KEY);
    otherClient = client(SandboxDemo.OTHER_BUSINESS_KEY);
    sync =
        ChatSync.builder()
            .database(jdbcUrl, dbUser, null)
            .business(BUSINESS, client)
            .business(OTHER, otherClient)
            .webhook("127.0.0.1", port)
            .pollInterval(Duration.ofMillis(20))
            .build()
            .start();
    await(() -> sync.status().businesses().stream().allMatch(b -> b.backfillDone()), "backfill");
    inbox = Inbox.builder(sync).listen("127.0.0.1", 0).clock(inboxClock).build().start();
    inbox.operators().add("alice", PASSWORD.toCharArray(), Set.of(BUSINESS));
    inbox.operators().add("bob", PASSWORD.toCharArray(), Set.of(BUSINESS));
    inbox.operators().add("olga", PASSWORD.toCharArray(), Set.of(OTHER));
  }

  private ChatsClient client(String key) {
    return ChatsClient.builder()
        .apiKey(key)
        .baseUrl(sandbox.baseUrl())
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  String url() {
    return inbox.url();
  }

  /** A web client signed in to this inbox as {@code login}. */
  WebClient signedIn(String login) {
    WebClient web = new WebClient(url());
    web.login(login, PASSWORD);
    return web;
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable part : new AutoCloseable[] {inbox, sync, client, otherClient, sandbox}) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing the test stack", e);
        }
      }
    }
    inbox = null;
    sync = null;
    client = null;
    otherClient = null;
    sandbox = null;
  }
}
