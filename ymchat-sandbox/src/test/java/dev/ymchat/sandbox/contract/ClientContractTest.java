package dev.ymchat.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.PathStyle;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.ForbiddenException;
import dev.ymchat.client.error.LockedException;
import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.client.notify.ChatMessageSentNotification;
import dev.ymchat.client.notify.Notification;
import dev.ymchat.client.notify.NotificationReceiver;
import dev.ymchat.client.notify.ReceiverResponse;
import dev.ymchat.sandbox.ManualTime;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.GenerateResult;
import dev.ymchat.sandbox.market.MarketSimulator;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real client against the real sandbox on a loopback port: the two sides agree on the wire. */
class ClientContractTest {

  private static final long BUSINESS = SandboxDemo.BUSINESS_ID;

  private static SandboxServer sandbox;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void startSandbox() {
    sandbox = SANDBOX.sandbox();
  }

  private static ChatsClient client(String apiKey, PathStyle style) {
    return ChatsClient.builder().baseUrl(sandbox.baseUrl()).apiKey(apiKey).pathStyle(style).build();
  }

  @ParameterizedTest
  @EnumSource(PathStyle.class)
  void everyOperation_roundTripsThroughTheSandbox(PathStyle style) {
    MarketSimulator market = sandbox.market();
    try (ChatsClient client = client(SandboxDemo.ALL_METHODS_KEY, style)) {
      long orderId = market.createOrder(BUSINESS, SandboxDemo.CAMPAIGN_ID, "Мария");
      long chatId = client.createChat(BUSINESS, ChatContext.order(orderId)).chatId();
      assertThat(client.createChatForOrder(BUSINESS, orderId).chatId())
          .as("createChat returns the existing chat of a context")
          .isEqualTo(chatId);

      Chat chat = client.chat(BUSINESS, chatId);
      assertThat(chat.context().type()).isEqualTo(ChatContextType.ORDER);
      assertThat(chat.context().orderId()).isEqualTo(orderId);
      assertThat(chat.type()).isEqualTo(ChatType.CHAT);
      assertThat(chat.status()).isEqualTo(ChatStatus.NEW);

      client.sendMessage(BUSINESS, chatId, "Здравствуйте, Мария! Заказ собран.");
      long buyerMessage = market.buyerWrites(BUSINESS, chatId, "Спасибо! А когда доставка?");

      HistoryPage history = client.history(BUSINESS, chatId);
      assertThat(history.items())
          .extracting(ChatMessage::sender)
          .containsExactly(MessageSender.PARTNER, MessageSender.CUSTOMER);
      assertThat(history.items().get(0).message()).isEqualTo("Здравствуйте, Мария! Заказ собран.");
      assertThat(history.context().orderId()).isEqualTo(orderId);
      assertThat(client.message(BUSINESS, chatId, buyerMessage).message())
          .isEqualTo("Спасибо! А когда доставка?");
      assertThat(client.chat(BUSINESS, chatId).status()).isEqualTo(ChatStatus.WAITING_FOR_PARTNER);

      List<Chat> waiting =
          client
              .chats(
                  BUSINESS, ChatsQuery.builder().statuses(ChatStatus.WAITING_FOR_PARTNER).build())
              .autoPager()
              .stream()
              .collect(Collectors.toList());
      assertThat(waiting).extracting(Chat::chatId).contains(chatId);
      assertThat(waiting).allMatch(c -> c.status().equals(ChatStatus.WAITING_FOR_PARTNER));
    }
  }

  @Test
  void fileWithCyrillicName_isStoredAndDownloadedByteForByte(@TempDir Path dir) throws Exception {
    try (ChatsClient client = client(SandboxDemo.ALL_METHODS_KEY, PathStyle.V2)) {
      long orderId = sandbox.market().createOrder(BUSINESS, SandboxDemo.CAMPAIGN_ID, "Олег");
      long chatId = client.createChat(BUSINESS, ChatContext.order(orderId)).chatId();
      byte[] bytes = new byte[70_000];
      new java.util.Random(5).nextBytes(bytes);
      Path file = Files.write(dir.resolve("Счёт №1 (копия).pdf"), bytes);

      client.sendFile(BUSINESS, chatId, FileUpload.of(file));

      ChatMessage sent = client.history(BUSINESS, chatId).items().get(0);
      MessagePayload payload = sent.payload().get(0);
      assertThat(payload.name()).isEqualTo("Счёт №1 (копия).pdf");
      assertThat(payload.size()).isEqualTo(bytes.length);
      Path downloaded = dir.resolve("downloaded.bin");
      client.download(payload, downloaded);
      assertThat(Files.readAllBytes(downloaded)).isEqualTo(bytes);
      try (InputStream in = client.openDownload(payload)) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    }
  }

  @Test
  void refusals_becomeTypedExceptions() {
    long chatId = sandbox.market().buyerOpensDirectChat(BUSINESS, "Есть ли размер M?");
    try (ChatsClient readOnly = client(SandboxDemo.READ_ONLY_KEY, PathStyle.V2);
        ChatsClient other = client(SandboxDemo.OTHER_BUSINESS_KEY, PathStyle.V2);
        ChatsClient seller = client(SandboxDemo.ALL_METHODS_KEY, PathStyle.V2)) {
      assertThat(readOnly.chat(BUSINESS, chatId).context().type())
          .isEqualTo(ChatContextType.DIRECT);
      assertThatThrownBy(() -> readOnly.sendMessage(BUSINESS, chatId, "нельзя"))
          .isInstanceOf(ForbiddenException.class)
          .satisfies(e -> assertThat(((ForbiddenException) e).statusCode()).isEqualTo(403));
      assertThatThrownBy(() -> other.history(BUSINESS, chatId))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> seller.chat(BUSINESS, 999_999_999L))
          .isInstanceOf(NotFoundException.class)
          .satisfies(e -> assertThat(((NotFoundException) e).errors()).isNotEmpty());
      sandbox.market().finishChat(BUSINESS, chatId);
      assertThatThrownBy(() -> seller.sendMessage(BUSINESS, chatId, "поздно"))
          .isInstanceOf(LockedException.class);
    }
  }

  @Test
  void exhaustedQuota_isARateLimitExceptionWithTheResetTime() {
    try (SandboxServer limited =
            SandboxExtension.start(
                b -> b.rateLimits(SandboxRateLimits.defaults().quota(ApiOperation.GET_CHATS, 2)));
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(limited.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .retryPolicy(RetryPolicy.none())
                .build()) {
      client.chats(BUSINESS);
      client.chats(BUSINESS);
      assertThatThrownBy(() -> client.chats(BUSINESS))
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(420);
                assertThat(e.rateLimit())
                    .hasValueSatisfying(
                        info -> {
                          assertThat(info.limit()).isEqualTo(2L);
                          assertThat(info.remaining()).isEqualTo(0L);
                          assertThat(info.until()).isNotNull();
                        });
              });
    }
  }

  @Test
  void autoPaging_returnsEveryChatAndMessageExactlyOnce() {
    try (SandboxServer big = SandboxExtension.start(b -> {});
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(big.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .build()) {
      long before = client.chats(BUSINESS).autoPager().stream().count();
      GenerateResult generated = big.market().generate(BUSINESS, 53, 30, 11);

      List<Long> ids =
          client.chats(BUSINESS, ChatsQuery.builder().limit(7).build()).autoPager().stream()
              .map(Chat::chatId)
              .collect(Collectors.toList());
      assertThat(ids).doesNotHaveDuplicates().hasSize((int) before + generated.chats());

      long chatId = generated.lastChatId();
      List<ChatMessage> all =
          client
              .history(BUSINESS, chatId, HistoryQuery.builder().limit(4).build())
              .autoPager()
              .stream()
              .collect(Collectors.toList());
      assertThat(all).extracting(ChatMessage::messageId).doesNotHaveDuplicates().isSorted();
      long from = all.get(all.size() / 2).messageId();
      List<ChatMessage> tail =
          client
              .history(
                  BUSINESS, chatId, HistoryQuery.builder().messageIdFrom(from).limit(3).build())
              .autoPager()
              .stream()
              .collect(Collectors.toList());
      assertThat(tail).isEqualTo(all.subList(all.size() / 2, all.size()));
    }
  }

  @Test
  void underInjectedFaults_pagingStillReturnsEveryChatExactlyOnce() {
    try (SandboxServer flaky =
            SandboxExtension.start(
                b -> b.faults(FaultConfig.parse("seed=3,503=0.2,500=0.05,drop=0.05")));
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(flaky.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .retryPolicy(
                    RetryPolicy.builder()
                        .maxAttempts(10)
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5))
                        .build())
                .build()) {
      GenerateResult generated = flaky.market().generate(BUSINESS, 60, 3, 5);
      Set<Long> seen = new HashSet<>();
      client
          .chats(BUSINESS, ChatsQuery.builder().limit(5).build())
          .autoPager()
          .forEach(
              chat ->
                  assertThat(seen.add(chat.chatId()))
                      .as("chat %d seen once", chat.chatId())
                      .isTrue());
      assertThat(seen).hasSizeGreaterThanOrEqualTo(generated.chats());
      assertThat(flaky.faultStats().orElseThrow().faulted()).isPositive();
    }
  }

  @Test
  void pushNotifications_reachTheClientsReceiver() throws Exception {
    BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("contract-test")
            .version("1")
            .listener(received::add)
            .build();
    HttpServer endpoint =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext(
        "/notification",
        exchange -> {
          ReceiverResponse answer = receiver.handle(exchange.getRequestBody().readAllBytes());
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", answer.contentType());
          exchange.sendResponseHeaders(answer.status(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    endpoint.start();
    String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notification";
    try (SandboxServer pushing =
            SandboxExtension.start(
                b ->
                    b.webhookUrl(url)
                        .webhookDuplicateRate(1.0)
                        .webhookSleeper(ManualTime.atOnce())
                        .rateLimits(SandboxRateLimits.defaults()));
        ChatsClient client =
            ChatsClient.builder()
                .baseUrl(pushing.baseUrl())
                .apiKey(SandboxDemo.ALL_METHODS_KEY)
                .build()) {
      long chatId =
          pushing.market().buyerOpensDirectChat(BUSINESS, "Добрый день! Есть доставка в Казань?");

      Notification created = received.poll(10, TimeUnit.SECONDS);
      Notification sent = received.poll(10, TimeUnit.SECONDS);
      assertThat(created).isNotNull();
      assertThat(created.notificationType()).isEqualTo("CHAT_CREATED");
      assertThat(sent).isInstanceOf(ChatMessageSentNotification.class);
      ChatMessageSentNotification message = (ChatMessageSentNotification) sent;
      assertThat(message.chatId()).isEqualTo(chatId);
      assertThat(client.message(BUSINESS, message.chatId(), message.messageId()).message())
          .isEqualTo("Добрый день! Есть доставка в Казань?");
      assertThat(pushing.webhooks().orElseThrow().awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(pushing.webhooks().orElseThrow().delivered())
          .as("every event was delivered twice")
          .isEqualTo(4);
      assertThat(received).as("the duplicates were recognised and not dispatched again").isEmpty();
    } finally {
      endpoint.stop(0);
    }
  }
}
