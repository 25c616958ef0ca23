package dev.ymchat.cli.command;

import com.sun.net.httpserver.HttpServer;
import dev.ymchat.cli.Settings;
import dev.ymchat.cli.output.Printer;
import dev.ymchat.cli.output.Table;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.notify.ChatMessageSentNotification;
import dev.ymchat.client.notify.Notification;
import dev.ymchat.client.notify.NotificationReceiver;
import dev.ymchat.client.notify.ReceiverResponse;
import dev.ymchat.sandbox.SandboxServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs the seller's day of {@link DemoCommand} against an embedded sandbox, step by step. */
final class DemoRunner {

  private static final long NOTIFICATION_WAIT_SECONDS = 5;

  private final Printer printer;

  DemoRunner(Printer printer) {
    this.printer = printer;
  }

  int run() throws Exception {
    BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("ymchat-demo")
            .version(BuildVersion.version())
            .listener(received::add)
            .build();
    HttpServer webhook = startReceiver(receiver);
    try {
      String webhookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/notification";
      try (SandboxServer sandbox = DemoSandbox.start(webhookUrl);
          ChatsClient client = DemoSandbox.client(sandbox).build()) {
        return day(sandbox, client, received, webhookUrl);
      }
    } finally {
      webhook.stop(0);
    }
  }

  private int day(
      SandboxServer sandbox,
      ChatsClient client,
      BlockingQueue<Notification> received,
      String webhookUrl)
      throws InterruptedException {
    long business = Settings.SANDBOX_BUSINESS;
    say("ymchat demo: a seller's day in an embedded sandbox at " + sandbox.baseUrl());
    say(
        "  (in memory, demo data; business "
            + business
            + ", API key "
            + Settings.SANDBOX_API_KEY
            + "; push notifications go to "
            + webhookUrl
            + ")");

    step(1, "Chats waiting for our answer (getChats, status WAITING_FOR_PARTNER)");
    List<Chat> waiting =
        client
            .chats(
                business,
                ChatsQuery.builder().statuses(ChatStatus.WAITING_FOR_PARTNER).limit(20).build())
            .items();
    if (waiting.isEmpty()) {
      long chatId =
          sandbox.market().buyerOpensDirectChat(business, "Hello! Is this available in blue?");
      say("  none in the demo data, so a buyer writes first (chat " + chatId + ")");
      waiting = List.of(client.chat(business, chatId));
    }
    Table chats = Printer.chatTable();
    waiting.forEach(chat -> printer.addChat(chats, chat));
    printer.table(chats);
    // An ordinary chat suits the answer below better than a dispute.
    Chat chat =
        waiting.stream()
            .filter(c -> c.type() != null && c.type().known() == ChatType.Known.CHAT)
            .findFirst()
            .orElse(waiting.get(0));

    step(2, "Reading the history of chat " + chat.chatId() + " (getChatHistory)");
    Table messages = Printer.messageTable();
    client
        .history(business, chat.chatId(), HistoryQuery.builder().limit(100).build())
        .autoPager()
        .forEach(message -> printer.addMessage(messages, message));
    printer.table(messages);

    step(3, "Answering it (sendMessageToChat)");
    String answer =
        "Добрый день! Спасибо, что написали. Да, в синем цвете есть; подробности в файле ниже.";
    client.sendMessage(business, chat.chatId(), answer);
    say("  sent: " + answer);

    step(4, "Sending a file (sendFileToChat)");
    byte[] note =
        ("Накладная\nЧат: " + chat.chatId() + "\nДоставка: завтра, курьером\n")
            .getBytes(StandardCharsets.UTF_8);
    client.sendFile(business, chat.chatId(), FileUpload.of("delivery-note.txt", note));
    say("  sent delivery-note.txt (" + note.length + " bytes)");

    step(5, "Opening a chat for an order (createChat)");
    long orderId = sandbox.market().createOrder(business, 2001L, "Анна П.");
    long newChat = client.createChat(business, ChatContext.order(orderId)).chatId();
    client.sendMessage(
        business, newChat, "Здравствуйте! Ваш заказ " + orderId + " собран. Привезти его утром?");
    say("  chat " + newChat + " opened for order " + orderId + ", and we wrote first");

    step(6, "The buyer replies (simulated by the sandbox's Market side)");
    long replyId = sandbox.market().buyerWrites(business, newChat, "Да, утром отлично, спасибо!");
    say("  the buyer wrote message " + replyId + " in chat " + newChat);

    step(7, "Seeing the reply through the API (getChatMessage, getChat)");
    ChatMessage reply = client.message(business, newChat, replyId);
    Chat updated = client.chat(business, newChat);
    say("  " + printer.time(reply.createdAt()) + "  " + reply.sender() + ": " + reply.message());
    say("  chat " + newChat + " is now " + updated.status());

    step(8, "The push notification for the reply (CHAT_MESSAGE_SENT to our receiver)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NOTIFICATION_WAIT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      Notification n = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (n == null) {
        say(
            "  no notification received within "
                + NOTIFICATION_WAIT_SECONDS
                + " s: the sandbox did not deliver it to "
                + webhookUrl);
        say("The demo is incomplete; see above.");
        return 1;
      }
      if (n instanceof ChatMessageSentNotification sent
          && sent.chatId() == newChat
          && sent.messageId() == replyId) {
        say(
            "  received CHAT_MESSAGE_SENT: chat "
                + sent.chatId()
                + ", message "
                + sent.messageId()
                + ", sent "
                + printer.time(sent.sentAt()));
        break;
      }
    }
    step(9, "A mirror (ymchat-sync): a buyer message through push, a reply through the outbox");
    try {
      if (!DemoMirrorStep.run(this::say)) {
        say("The demo is incomplete; see above.");
        return 1;
      }
    } catch (java.io.IOException e) {
      say("  the mirror could not start: " + e.getMessage());
      return 1;
    }
    say("");
    say(
        "The operators' web inbox on the same pieces (sandbox, sync, buyers who keep writing):"
            + " `ymchat inbox --demo`.");
    say(
        "Done. The sandbox and the receiver are stopped. Run your own: `ymchat sandbox --seed-demo`, then `ymchat chats --sandbox`.");
    return 0;
  }

  private static HttpServer startReceiver(NotificationReceiver receiver) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/notification",
        exchange -> {
          try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            ReceiverResponse response = receiver.handle(body);
            byte[] bytes = response.bodyBytes();
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              }
            }
          }
        });
    server.start();
    return server;
  }

  private void step(int number, String title) {
    say("");
    say(number + ". " + title);
  }

  private void say(String line) {
    printer.line(line);
  }
}
