package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Settings;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.inbox.Inbox;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sync.ChatSync;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The work of {@code ymchat inbox}, loaded only when the command runs. */
final class InboxRunner {

  private static final List<String> BUYER_LINES =
      List.of(
          "Здравствуйте! Когда привезут заказ?",
          "Можно поменять адрес доставки?",
          "Товар пришёл с царапиной, что делать?",
          "А есть этот же размер, но в синем?",
          "Спасибо, получил. А чек будет?",
          "Курьер не позвонил, заказ ещё в пути?",
          "Подскажите, как оформить возврат?");

  private final CliContext context;
  private final PrintWriter out;
  private final String host;
  private final int port;
  private final boolean secureCookies;
  private final Duration runFor;

  InboxRunner(
      CliContext context,
      PrintWriter out,
      String host,
      int port,
      boolean secureCookies,
      Duration runFor) {
    this.context = context;
    this.out = out;
    this.host = host;
    this.port = port;
    this.secureCookies = secureCookies;
    this.runFor = runFor;
  }

  int live(GlobalOptions global, MirrorDatabase mirror, int webhookPort)
      throws InterruptedException {
    Settings settings = global.requireApiSettings();
    try (ChatsClient client = global.newClient(settings)) {
      ChatSync.Builder builder =
          mirror.into(ChatSync.builder()).business(settings.businessId(), client);
      if (webhookPort >= 0) {
        builder.webhook("127.0.0.1", webhookPort);
      }
      ChatSync sync = start(builder);
      Inbox inbox;
      try {
        inbox = inbox(sync);
      } catch (RuntimeException e) {
        sync.close();
        throw e;
      }
      out.println(
          "inbox of business "
              + settings.businessId()
              + " on "
              + mirror.redacted()
              + ": "
              + inbox.url()
              + " (Ctrl-C stops)");
      out.println(
          "operators sign in with the accounts of `ymchat inbox user add LOGIN --business "
              + settings.businessId()
              + " --db "
              + mirror.redacted()
              + "`");
      out.flush();
      serve(
          () -> {
            inbox.close();
            sync.close();
          });
      return ExitCodes.OK;
    }
  }

  int demo() throws IOException, InterruptedException {
    long business = Settings.SANDBOX_BUSINESS;
    int webhook = DemoSandbox.freePort();
    SandboxServer sandbox = DemoSandbox.start("http://127.0.0.1:" + webhook + "/notification");
    sandbox.market().generate(business, 24, 3, 42);
    ChatsClient client = DemoSandbox.client(sandbox).retryPolicy(RetryPolicy.none()).build();
    ChatSync sync;
    Inbox inbox;
    try {
      sync =
          start(
              ChatSync.builder()
                  .database("jdbc:h2:mem:ymchat-inbox-demo-" + UUID.randomUUID())
                  .business(business, client)
                  .webhook("127.0.0.1", webhook)
                  .pollInterval(Duration.ofMillis(50)));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!sync.status().businesses().get(0).backfillDone() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      inbox = inbox(sync);
    } catch (RuntimeException e) {
      client.close();
      sandbox.close();
      throw e;
    }
    String password = demoPassword();
    inbox.operators().add("demo", password.toCharArray(), Set.of(business));
    ScheduledExecutorService buyers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ymchat-inbox-demo-buyers");
              t.setDaemon(true);
              return t;
            });
    SplittableRandom random = new SplittableRandom();
    buyers.scheduleWithFixedDelay(
        () -> buyerWrites(sandbox, sync, business, random), 8, 12, TimeUnit.SECONDS);
    out.println("ymchat inbox demo: a sandbox with simulated buyers, a sync and the inbox");
    out.println("  open      " + inbox.url());
    out.println("  login     demo");
    out.println("  password  " + password + "   (made for this run; the demo keeps no data)");
    out.println("  buyers write every few seconds; Ctrl-C stops everything");
    out.flush();
    serve(
        () -> {
          buyers.shutdownNow();
          inbox.close();
          sync.close();
          client.close();
          sandbox.close();
        });
    return ExitCodes.OK;
  }

  private static void buyerWrites(
      SandboxServer sandbox, ChatSync sync, long business, SplittableRandom random) {
    try {
      List<Chat> open =
          sync.chats(business).stream()
              .filter(c -> !ChatStatus.FINISHED.equals(c.status()))
              .toList();
      String line = BUYER_LINES.get(random.nextInt(BUYER_LINES.size()));
      if (open.isEmpty() || random.nextInt(6) == 0) {
        sandbox.market().buyerOpensDirectChat(business, line);
      } else {
        sandbox
            .market()
            .buyerWrites(business, open.get(random.nextInt(open.size())).chatId(), line);
      }
    } catch (RuntimeException e) {
      // a buyer who could not write this time writes at the next tick
    }
  }

  private static String demoPassword() {
    String alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static ChatSync start(ChatSync.Builder builder) {
    try {
      return builder.build().start();
    } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.GENERIC, e.getMessage());
    }
  }

  private Inbox inbox(ChatSync sync) {
    try {
      return Inbox.builder(sync).listen(host, port).secureCookies(secureCookies).build().start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.GENERIC, e.getMessage());
    }
  }

  /** Waits for Ctrl-C or --run-for, then runs the stop once. */
  private void serve(Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              out.println("stopping the inbox and the sync");
              out.flush();
              stop.run();
              stopped.countDown();
            },
            "ymchat-inbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean done =
        runFor == null
            ? waitForever(stopped)
            : stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        stopped.await();
        return;
      }
      stop.run();
    }
    out.println("stopped");
    out.flush();
  }

  private static boolean waitForever(CountDownLatch stopped) throws InterruptedException {
    stopped.await();
    return true;
  }
}
