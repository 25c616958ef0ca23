package dev.ymchat.cli.command;

import dev.ymchat.cli.Settings;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sync.ChatSync;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The demo's mirror step: a sync (ymchat-sync, H2 in memory) on a sandbox of its own, a buyer
 * message arriving in the mirror through push, and a reply going out through the outbox.
 */
final class DemoMirrorStep {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private DemoMirrorStep() {}

  /**
   * Runs the step.
   *
   * @param say prints a line
   * @return true when everything arrived in time
   * @throws IOException when no free port can be found
   * @throws InterruptedException when interrupted
   */
  static boolean run(Consumer<String> say) throws IOException, InterruptedException {
    long business = Settings.SANDBOX_BUSINESS;
    int port = DemoSandbox.freePort();
    try (SandboxServer sandbox = DemoSandbox.start("http://127.0.0.1:" + port + "/notification");
        ChatsClient client = DemoSandbox.client(sandbox).retryPolicy(RetryPolicy.none()).build();
        ChatSync sync =
            ChatSync.builder()
                .database("jdbc:h2:mem:ymchat-demo-" + UUID.randomUUID())
                .business(business, client)
                .webhook("127.0.0.1", port)
                .pollInterval(Duration.ofMillis(50))
                .build()
                .start()) {
      say.accept("  sync started: H2 in memory, notifications on http://127.0.0.1:" + port);
      if (!await(() -> sync.status().businesses().get(0).backfillDone())) {
        say.accept("  the backfill did not finish within " + WAIT.toSeconds() + " s");
        return false;
      }
      var status = sync.status().businesses().get(0);
      say.accept(
          "  backfill done: "
              + status.chatsMirrored()
              + " chats, "
              + status.messagesMirrored()
              + " messages in the mirror");
      Chat chat =
          sync.chats(business).stream()
              .filter(c -> !ChatStatus.FINISHED.equals(c.status()))
              .findFirst()
              .orElseThrow();
      long start = System.nanoTime();
      long message =
          sandbox.market().buyerWrites(business, chat.chatId(), "А можно доставку завтра?");
      if (!await(
          () ->
              sync.messages(business, chat.chatId()).stream()
                  .anyMatch(m -> m.messageId() == message))) {
        say.accept(
            "  the buyer's message did not reach the mirror within " + WAIT.toSeconds() + " s");
        return false;
      }
      say.accept(
          "  buyer message "
              + message
              + " in the mirror "
              + (System.nanoTime() - start) / 1_000_000
              + " ms after it was written (push, then one getChatHistory)");
      long replyId = sync.outbox().send(business, chat.chatId(), "Да, привезём завтра до 18:00.");
      say.accept("  reply " + replyId + " queued in the outbox");
      if (!await(() -> sync.outbox().reply(replyId).get().state() == ReplyState.SENT)) {
        Reply r = sync.outbox().reply(replyId).get();
        say.accept("  the reply is " + r.state() + ": " + r.error().orElse("no error"));
        return false;
      }
      say.accept(
          "  reply "
              + replyId
              + " SENT exactly once (events: "
              + sync.events(0, 10_000).stream().filter(e -> e.replyId() == replyId).count()
              + " for it)");
      return true;
    }
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
