package dev.ymchat.client.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.FakeClock;
import dev.ymchat.client.model.SpecShapes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What ymchat writes for and answers to Market has the shape of the notifications spec. */
class NotificationSpecShapeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpecShapes SPEC = SpecShapes.load("notifications-openapi.yaml");

  static Stream<Arguments> notifications() {
    return Stream.of(
        Arguments.of(
            "PingNotificationDTO",
            new PingNotification(OffsetDateTime.parse("2017-11-21T00:00:00.213Z"))),
        Arguments.of(
            "ChatCreatedNotificationDTO",
            new ChatCreatedNotification(1, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00"))),
        Arguments.of(
            "ChatMessageSentNotificationDTO",
            new ChatMessageSentNotification(
                1, 3, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00"))),
        Arguments.of(
            "ChatArbitrageStartedNotificationDTO",
            new ChatArbitrageStartedNotification(
                1, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00"))),
        Arguments.of(
            "ChatArbitrageFinishedNotificationDTO",
            new ChatArbitrageFinishedNotification(
                1, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notifications")
  void toJson_fitsTheSchemaOfItsType(String schema, Notification notification) throws Exception {
    JsonNode written = JSON.readTree(NotificationJson.toJson(notification));

    assertThat(SPEC.problems(written, schema)).isEmpty();
    assertThat(written.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrderElementsOf(() -> SPEC.propertyNames(schema).iterator());
  }

  @Test
  void receiverAnswers_fitTheResponseSchemas() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-26T00:00:00Z"));
    NotificationReceiver ok =
        NotificationReceiver.builder()
            .name("shop")
            .version("1")
            .clock(clock)
            .listener(n -> {})
            .build();
    NotificationReceiver failing =
        NotificationReceiver.builder()
            .name("shop")
            .version("1")
            .clock(clock)
            .listener(
                n -> {
                  throw new IllegalStateException("x");
                })
            .build();
    String created =
        NotificationJson.toJson(
            new ChatCreatedNotification(1, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00")));

    assertThat(SPEC.problems(JSON.readTree(ok.handle(created).body()), "SendNotificationResponse"))
        .isEmpty();
    assertThat(
            SPEC.problems(JSON.readTree(ok.handle("{}").body()), "SendNotificationErrorResponse"))
        .isEmpty();
    assertThat(
            SPEC.problems(
                JSON.readTree(failing.handle(created).body()), "SendNotificationErrorResponse"))
        .isEmpty();
  }
}
