package dev.ymchat.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationReceiverTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.123456Z");

  private final FakeClock clock = new FakeClock(NOW);
  private final List<Notification> received = new CopyOnWriteArrayList<>();

  private NotificationReceiver.Builder receiver() {
    return NotificationReceiver.builder()
        .name("my-shop")
        .version("1.0")
        .clock(clock)
        .listener(received::add);
  }

  private static String messageSent(long chatId, String messageId) {
    return "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":"
        + chatId
        + ",\"messageId\":\""
        + messageId
        + "\",\"businessId\":1001,\"sentAt\":\"2017-11-21T00:00:00+03:00\"}";
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void acceptedNotification_isAnswered200WithVersionNameAndUtcTime() throws Exception {
    ReceiverResponse response = receiver().build().handle(messageSent(5, "77"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(json(response.body()))
        .isEqualTo(
            json(
                "{\"version\":\"1.0\",\"name\":\"my-shop\",\"time\":\"2026-11-26T10:15:30.123Z\"}"));
    assertThat(received)
        .containsExactly(
            new ChatMessageSentNotification(
                5, 77, 1001, OffsetDateTime.parse("2017-11-21T00:00:00+03:00")));
  }

  @Test
  void answerTime_isWhenProcessingStarted_notWhenTheListenerFinished() throws Exception {
    NotificationReceiver receiver =
        receiver().listener(n -> clock.advance(Duration.ofSeconds(3))).build();

    ReceiverResponse response = receiver.handle(messageSent(5, "77"));

    assertThat(json(response.body()).get("time").asText()).isEqualTo("2026-11-26T10:15:30.123Z");
  }

  @Test
  void nameAndVersion_areEscapedAsJson() throws Exception {
    ReceiverResponse response =
        receiver()
            .name("shop \"A\"")
            .version("2.0\\beta")
            .build()
            .handle("{\"notificationType\":\"PING\"}");

    assertThat(json(response.body()).get("name").asText()).isEqualTo("shop \"A\"");
    assertThat(json(response.body()).get("version").asText()).isEqualTo("2.0\\beta");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ymchat.client.notify.BadNotifications#bodies")
  void malformedBody_isAnswered400WrongEventFormat_andNotDispatched(String why, String body)
      throws Exception {
    ReceiverResponse response = receiver().build().handle(body);

    assertThat(response.status()).as(why).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("WRONG_EVENT_FORMAT");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(received).isEmpty();
  }

  @Test
  void nullBody_isAnswered400() {
    assertThat(receiver().build().handle((String) null).status()).isEqualTo(400);
    assertThat(receiver().build().handle((byte[]) null).status()).isEqualTo(400);
  }

  @Test
  void byteBody_isHandledLikeText_andInvalidUtf8Is400() {
    NotificationReceiver receiver = receiver().build();

    assertThat(receiver.handle(messageSent(5, "1").getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(200);
    assertThat(receiver.handle(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}).status())
        .isEqualTo(400);
    assertThat(received).hasSize(1);
  }

  @Test
  void unknownType_isAnswered200_andHandedToOnUnknown() {
    List<String> unknownTypes = new ArrayList<>();
    NotificationListener listener =
        new NotificationListener() {
          @Override
          public void onUnknown(UnknownNotification unknown) {
            unknownTypes.add(unknown.notificationType());
          }

          @Override
          public void onNotification(Notification notification) {
            throw new AssertionError("typed method expected, got " + notification);
          }
        };

    ReceiverResponse response =
        receiver()
            .listener(listener)
            .build()
            .handle("{\"notificationType\":\"ORDER_STATUS_UPDATED\",\"orderId\":1}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(unknownTypes).containsExactly("ORDER_STATUS_UPDATED");
  }

  @Test
  void typedListenerMethods_getTheirTypes_andTheRestFallBackToOnNotification() {
    List<String> calls = new ArrayList<>();
    NotificationListener listener =
        new NotificationListener() {
          @Override
          public void onChatCreated(ChatCreatedNotification created) {
            calls.add("created " + created.chatId());
          }

          @Override
          public void onChatMessageSent(ChatMessageSentNotification sent) {
            calls.add("sent " + sent.messageId());
          }

          @Override
          public void onChatArbitrageStarted(ChatArbitrageStartedNotification started) {
            calls.add("started " + started.chatId());
          }

          @Override
          public void onChatArbitrageFinished(ChatArbitrageFinishedNotification finished) {
            calls.add("finished " + finished.chatId());
          }

          @Override
          public void onNotification(Notification notification) {
            calls.add("other " + notification.notificationType());
          }
        };
    NotificationReceiver receiver = receiver().listener(listener).build();

    receiver.handle(
        "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":1,\"businessId\":2,"
            + "\"createdAt\":\"2017-11-21T00:00:00Z\"}");
    receiver.handle(messageSent(1, "10"));
    receiver.handle(
        "{\"notificationType\":\"CHAT_ARBITRAGE_STARTED\",\"chatId\":1,\"businessId\":2,"
            + "\"startedAt\":\"2017-11-21T00:00:00Z\"}");
    receiver.handle(
        "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":1,\"businessId\":2,"
            + "\"finishedAt\":\"2017-11-22T00:00:00Z\"}");
    receiver.handle("{\"notificationType\":\"PING\"}");
    receiver.handle("{\"notificationType\":\"QUESTION_CREATED\"}");

    assertThat(calls)
        .containsExactly(
            "created 1",
            "sent 10",
            "started 1",
            "finished 1",
            "other PING",
            "other QUESTION_CREATED");
  }

  @Test
  void duplicateDelivery_isAnswered200_butDispatchedOnce() {
    NotificationReceiver receiver = receiver().build();

    ReceiverResponse first = receiver.handle(messageSent(5, "77"));
    ReceiverResponse second = receiver.handle(messageSent(5, "77"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(received).hasSize(1);
  }

  @Test
  void differentMessagesOfOneChat_areEachDispatched() {
    NotificationReceiver receiver = receiver().build();

    receiver.handle(messageSent(5, "77"));
    receiver.handle(messageSent(5, "78"));
    receiver.handle(messageSent(6, "77"));

    assertThat(received).hasSize(3);
  }

  @Test
  void sameEventTimeWrittenWithAnotherOffset_isStillADuplicate() {
    NotificationReceiver receiver = receiver().build();
    String utc =
        "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":1,\"businessId\":2,"
            + "\"createdAt\":\"2017-11-20T21:00:00Z\"}";
    String moscow =
        "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":1,\"businessId\":2,"
            + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}";
    String later =
        "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":1,\"businessId\":2,"
            + "\"createdAt\":\"2017-11-21T00:00:01+03:00\"}";

    receiver.handle(utc);
    receiver.handle(moscow);
    receiver.handle(later);

    assertThat(received).hasSize(2);
  }

  @Test
  void sameChatAndTimeOfAnotherType_isNotADuplicate() {
    NotificationReceiver receiver = receiver().build();

    receiver.handle(
        "{\"notificationType\":\"CHAT_ARBITRAGE_STARTED\",\"chatId\":1,\"businessId\":2,"
            + "\"startedAt\":\"2017-11-21T00:00:00Z\"}");
    receiver.handle(
        "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":1,\"businessId\":2,"
            + "\"finishedAt\":\"2017-11-21T00:00:00Z\"}");

    assertThat(received).hasSize(2);
  }

  @Test
  void ping_isDispatchedEveryTime_andAlwaysAnswered200() {
    AtomicInteger pings = new AtomicInteger();
    NotificationReceiver receiver =
        receiver()
            .listener(
                n -> {
                  pings.incrementAndGet();
                  throw new IllegalStateException("database down");
                })
            .build();
    String ping = "{\"notificationType\":\"PING\",\"time\":\"2017-11-21T00:00:00.213Z\"}";

    assertThat(receiver.handle(ping).status()).isEqualTo(200);
    assertThat(receiver.handle(ping).status()).isEqualTo(200);
    assertThat(pings).hasValue(2);
  }

  @Test
  void listenerException_isAnswered500WithAGenericMessage_andReachesTheErrorHandler()
      throws Exception {
    List<Exception> errors = new ArrayList<>();
    NotificationReceiver receiver =
        receiver()
            .listener(
                n -> {
                  throw new java.sql.SQLException("password=hunter2 rejected by db-7.internal");
                })
            .listenerErrorHandler((n, e) -> errors.add(e))
            .build();

    ReceiverResponse response = receiver.handle(messageSent(5, "77"));

    assertThat(response.status()).isEqualTo(500);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("UNKNOWN");
    assertThat(error.get("message").asText())
        .isEqualTo(NotificationReceiver.FAILURE_MESSAGE)
        .doesNotContain("hunter2")
        .doesNotContain("SQLException");
    assertThat(errors).singleElement().isInstanceOf(java.sql.SQLException.class);
  }

  @Test
  void failingErrorHandler_doesNotChangeTheAnswer() {
    NotificationReceiver receiver =
        receiver()
            .listener(
                n -> {
                  throw new IllegalStateException("boom");
                })
            .listenerErrorHandler(
                (n, e) -> {
                  throw new IllegalStateException("logger broken");
                })
            .build();

    assertThat(receiver.handle(messageSent(5, "77")).status()).isEqualTo(500);
  }

  @Test
  void redeliveryAfterListenerFailure_isProcessed_andThenDeduplicated() {
    AtomicInteger attempts = new AtomicInteger();
    NotificationReceiver receiver =
        receiver()
            .listener(
                n -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("temporary");
                  }
                  received.add(n);
                })
            .build();

    assertThat(receiver.handle(messageSent(5, "77")).status()).isEqualTo(500);
    assertThat(receiver.rememberedEvents()).isZero();
    assertThat(receiver.handle(messageSent(5, "77")).status()).isEqualTo(200);
    assertThat(receiver.handle(messageSent(5, "77")).status()).isEqualTo(200);

    assertThat(attempts).hasValue(2);
    assertThat(received).hasSize(1);
  }

  @Test
  void eventOlderThanTheTtl_isForgotten_andDispatchedAgain() {
    NotificationReceiver receiver = receiver().dedupTtl(Duration.ofMinutes(10)).build();

    receiver.handle(messageSent(5, "77"));
    clock.advance(Duration.ofMinutes(10));
    receiver.handle(messageSent(5, "77"));
    clock.advance(Duration.ofSeconds(1));
    receiver.handle(messageSent(5, "77"));

    assertThat(received).hasSize(2);
  }

  @Test
  void window_forgetsTheLeastRecentlySeenEvent_whenFull() {
    NotificationReceiver receiver = receiver().dedupWindowSize(2).build();

    receiver.handle(messageSent(5, "1"));
    receiver.handle(messageSent(5, "2"));
    receiver.handle(messageSent(5, "1")); // duplicate: "1" becomes the most recently seen
    receiver.handle(messageSent(5, "3")); // window full: "2" is forgotten
    assertThat(received).hasSize(3);
    assertThat(receiver.rememberedEvents()).isEqualTo(2);

    receiver.handle(messageSent(5, "1"));
    assertThat(received).hasSize(3);
    receiver.handle(messageSent(5, "2"));
    assertThat(received).hasSize(4);
  }

  @Test
  void windowSizeZero_turnsDeduplicationOff() {
    NotificationReceiver receiver = receiver().dedupWindowSize(0).build();

    receiver.handle(messageSent(5, "1"));
    receiver.handle(messageSent(5, "1"));

    assertThat(received).hasSize(2);
  }

  @Test
  void unknownTypes_areNotDeduplicated() {
    NotificationReceiver receiver = receiver().build();

    receiver.handle("{\"notificationType\":\"ORDER_CREATED\",\"orderId\":1}");
    receiver.handle("{\"notificationType\":\"ORDER_CREATED\",\"orderId\":1}");

    assertThat(received).hasSize(2);
  }

  @Test
  void roundTrip_toJsonThenHandle_deliversAnEqualNotification() {
    NotificationReceiver receiver = receiver().build();
    List<Notification> sent =
        List.of(
            new PingNotification(OffsetDateTime.parse("2026-11-26T10:15:30Z")),
            new ChatCreatedNotification(
                11, 1001, OffsetDateTime.parse("2026-11-26T13:00:00+03:00")),
            new ChatMessageSentNotification(
                11, 4_000_000_000L, 1001, OffsetDateTime.parse("2026-11-26T13:00:05+03:00")),
            new ChatArbitrageStartedNotification(
                11, 1001, OffsetDateTime.parse("2026-11-26T14:00:00+03:00")),
            new ChatArbitrageFinishedNotification(
                11, 1001, OffsetDateTime.parse("2026-11-27T14:00:00+03:00")));

    for (Notification notification : sent) {
      assertThat(receiver.handle(NotificationJson.toJson(notification)).status()).isEqualTo(200);
    }

    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void handleParsedNotification_appliesTheSameDeduplication() {
    NotificationReceiver receiver = receiver().build();
    Notification created =
        new ChatCreatedNotification(1, 2, OffsetDateTime.parse("2017-11-21T00:00:00Z"));

    assertThat(receiver.handle(created).status()).isEqualTo(200);
    assertThat(receiver.handle(created).status()).isEqualTo(200);
    assertThat(received).hasSize(1);
  }

  @Test
  void build_withoutName_failsNamingTheSetting() {
    assertThatThrownBy(() -> receiver().name(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".name(\"my-shop\")");
    assertThatThrownBy(() -> receiver().version(" ").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".version(\"1.0\")");
  }

  @Test
  void build_refusesBadSettings() {
    assertThatThrownBy(() -> receiver().listener(null).build()).hasMessageContaining("listener");
    assertThatThrownBy(() -> receiver().name("x".repeat(101)).build())
        .hasMessageContaining("101 characters");
    assertThatThrownBy(() -> receiver().dedupWindowSize(-1).build())
        .hasMessageContaining("dedupWindowSize");
    assertThatThrownBy(() -> receiver().dedupTtl(Duration.ZERO).build())
        .hasMessageContaining("dedupTtl");
    assertThatThrownBy(() -> receiver().clock(null).build()).hasMessageContaining("clock");
  }
}
