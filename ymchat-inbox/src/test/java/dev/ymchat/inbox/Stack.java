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

/** A sandbox, a sync with push and an inbox on loopback, with two operators; for tests. */
final class Stack implements AutoCloseable {

  static final long BUSINESS = SandboxDemo.BUSINESS_ID;
  static final long OTHER = SandboxDemo.OTHER_BUSINESS_ID;
  static final String PASSWORD = "correct-horse-battery";

  final SandboxServer sandbox;
  final ChatsClient client;
  final ChatsClient otherClient;
  final ChatSync sync;
  final Inbox inbox;

  Stack(String jdbcUrl, String dbUser, SandboxConfig.Builder sandboxBuilder) {
    this(jdbcUrl, dbUser, sandboxBuilder, Clock.systemUTC());
  }

  /** A stack whose inbox reads the time from {@code inboxClock} (the sandbox and sync do not). */
  Stack(String jdbcUrl, String dbUser, SandboxConfig.Builder sandboxBuilder, Clock inboxClock) {
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

  Stack() {
    this(
        "jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        null,
        SandboxServer.builder());
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
    inbox.close();
    sync.close();
    client.close();
    otherClient.close();
    sandbox.close();
  }
}
