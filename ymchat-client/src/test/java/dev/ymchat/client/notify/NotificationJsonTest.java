package dev.ymchat.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ping_parsesTimeWithItsOffset() {
    Notification parsed =
        NotificationJson.parse(
            "{\"notificationType\":\"PING\",\"time\":\"2017-11-21T00:00:00.213Z\"}");

    assertThat(parsed).isInstanceOf(PingNotification.class);
    assertThat(parsed.notificationType()).isEqualTo("PING");
    assertThat(((PingNotification) parsed).time())
        .isEqualTo(OffsetDateTime.of(2017, 11, 21, 0, 0, 0, 213_000_000, ZoneOffset.UTC));
  }

  @Test
  void ping_withoutTime_isAccepted_becauseTheSpecMakesItOptional() {
    assertThat(NotificationJson.parse("{\"notificationType\":\"PING\"}"))
        .isEqualTo(new PingNotification(null));
  }

  @Test
  void chatCreated_parsesAllFields() {
    Notification parsed =
        NotificationJson.parse(
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":12345,\"businessId\":1001,"
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}");

    assertThat(parsed)
        .isEqualTo(
            new ChatCreatedNotification(
                12345, 1001, OffsetDateTime.of(2017, 11, 21, 0, 0, 0, 0, ZoneOffset.ofHours(3))));
    assertThat(parsed.notificationType()).isEqualTo("CHAT_CREATED");
  }

  @Test
  void chatMessageSent_mapsTheStringMessageIdToTheApisLong() {
    Notification parsed =
        NotificationJson.parse(
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":12345,"
                + "\"messageId\":\"9223372036854775807\",\"businessId\":1001,"
                + "\"sentAt\":\"2017-11-21T10:15:30.5+05:00\"}");

    assertThat(parsed)
        .isEqualTo(
            new ChatMessageSentNotification(
                12345,
                Long.MAX_VALUE,
                1001,
                OffsetDateTime.of(2017, 11, 21, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(5))));
  }

  @Test
  void chatMessageSent_acceptsAJsonNumberMessageIdToo() {
    ChatMessageSentNotification parsed =
        (ChatMessageSentNotification)
            NotificationJson.parse(
                "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":1,\"messageId\":77,"
                    + "\"businessId\":2,\"sentAt\":\"2017-11-21T00:00:00Z\"}");

    assertThat(parsed.messageId()).isEqualTo(77L);
  }

  @Test
  void arbitrageStartedAndFinished_parseTheirOwnDateFields() {
    assertThat(
            NotificationJson.parse(
                "{\"notificationType\":\"CHAT_ARBITRAGE_STARTED\",\"chatId\":3,\"businessId\":4,"
                    + "\"startedAt\":\"2024-02-01T12:00:00+03:00\"}"))
        .isEqualTo(
            new ChatArbitrageStartedNotification(
                3, 4, OffsetDateTime.parse("2024-02-01T12:00:00+03:00")));
    assertThat(
            NotificationJson.parse(
                "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":3,\"businessId\":4,"
                    + "\"finishedAt\":\"2024-02-03T12:00:00+03:00\"}"))
        .isEqualTo(
            new ChatArbitrageFinishedNotification(
                3, 4, OffsetDateTime.parse("2024-02-03T12:00:00+03:00")));
  }

  @Test
  void unknownFields_areIgnored() {
    assertThat(
            NotificationJson.parse(
                "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":1,\"businessId\":2,"
                    + "\"createdAt\":\"2017-11-21T00:00:00Z\",\"somethingNew\":{\"a\":[1]}}"))
        .isEqualTo(new ChatCreatedNotification(1, 2, OffsetDateTime.parse("2017-11-21T00:00:00Z")));
  }

  @Test
  void otherTypes_becomeUnknownNotification_withTheRawJsonKept() throws Exception {
    String body =
        "{\"notificationType\":\"ORDER_CREATED\",\"orderId\":42,\"campaignId\":2001,"
            + "\"items\":[{\"offerId\":\"SKU-1\",\"count\":2}],\"createdAt\":\"2017-11-21T00:00:00Z\"}";

    Notification parsed = NotificationJson.parse(body);

    assertThat(parsed).isInstanceOf(UnknownNotification.class);
    assertThat(parsed.notificationType()).isEqualTo("ORDER_CREATED");
    assertThat(((UnknownNotification) parsed).raw()).isEqualTo(JSON.readTree(body));
    assertThat(JSON.readTree(NotificationJson.toJson(parsed))).isEqualTo(JSON.readTree(body));
  }

  @Test
  void unknownNotification_cannotBeChangedThroughItsRawNode() throws Exception {
    UnknownNotification unknown =
        (UnknownNotification)
            NotificationJson.parse("{\"notificationType\":\"NEW_THING\",\"a\":1}");

    ((com.fasterxml.jackson.databind.node.ObjectNode) unknown.raw()).put("a", 2);

    assertThat(unknown.raw().get("a").asInt()).isEqualTo(1);
  }

  @Test
  void unknownNotification_refusesARawObjectOfAnotherType() throws Exception {
    JsonNode raw = JSON.readTree("{\"notificationType\":\"A\"}");
    assertThatThrownBy(() -> new UnknownNotification("B", raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'A'")
        .hasMessageContaining("'B'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ymchat.client.notify.BadNotifications#bodies")
  void malformedBodies_areRefusedWithAMessageNamingTheProblem(String why, String body) {
    assertThatThrownBy(() -> NotificationJson.parse(body))
        .as(why)
        .isInstanceOf(NotificationFormatException.class)
        .hasMessageStartingWith("The ");
  }

  @Test
  void missingField_messageNamesTheFieldAndTheType() {
    assertThatThrownBy(
            () ->
                NotificationJson.parse(
                    "{\"notificationType\":\"CHAT_ARBITRAGE_STARTED\",\"chatId\":5,"
                        + "\"businessId\":1}"))
        .hasMessage("The field 'startedAt' is required for CHAT_ARBITRAGE_STARTED but is missing.");
  }

  @Test
  void nonNumericMessageId_messageSaysWhatIsExpected() {
    assertThatThrownBy(
            () ->
                NotificationJson.parse(
                    "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"x1\","
                        + "\"businessId\":1,\"sentAt\":\"2017-11-21T00:00:00Z\"}"))
        .hasMessageContaining("'messageId'")
        .hasMessageContaining("digits");
  }

  @Test
  void invalidJson_messageDoesNotEchoTheBody() {
    assertThatThrownBy(() -> NotificationJson.parse("{\"secret-looking\":"))
        .isInstanceOf(NotificationFormatException.class)
        .hasMessageNotContaining("secret-looking")
        .hasMessageContaining("line 1");
  }

  @Test
  void bytes_areParsedAsUtf8_andInvalidUtf8IsRefused() {
    byte[] ok =
        "{\"notificationType\":\"QUESTION_CREATED\",\"text\":\"Привет\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(((UnknownNotification) NotificationJson.parse(ok)).raw().get("text").asText())
        .isEqualTo("Привет");

    byte[] broken = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> NotificationJson.parse(broken))
        .isInstanceOf(NotificationFormatException.class);
  }

  @Test
  void toJson_writesMessageIdAsAString_andDatesWithTheirOffset() throws Exception {
    String json =
        NotificationJson.toJson(
            new ChatMessageSentNotification(
                12345, 678, 1001, OffsetDateTime.parse("2017-11-21T00:00:00+03:00")));

    assertThat(JSON.readTree(json))
        .isEqualTo(
            JSON.readTree(
                "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":12345,"
                    + "\"messageId\":\"678\",\"businessId\":1001,"
                    + "\"sentAt\":\"2017-11-21T00:00:00+03:00\"}"));
    assertThat(json).startsWith("{\"notificationType\":\"CHAT_MESSAGE_SENT\"");
  }

  @Test
  void toJson_writesUtcAsZ_andKeepsFractions() {
    assertThat(
            NotificationJson.toJson(
                new PingNotification(OffsetDateTime.parse("2017-11-21T00:00:00.213Z"))))
        .isEqualTo("{\"notificationType\":\"PING\",\"time\":\"2017-11-21T00:00:00.213Z\"}");
    assertThat(NotificationJson.toJson(new PingNotification(null)))
        .isEqualTo("{\"notificationType\":\"PING\"}");
  }

  static Stream<Notification> everyType() throws Exception {
    return Stream.of(
        new PingNotification(OffsetDateTime.parse("2017-11-21T00:00:00.213Z")),
        new ChatCreatedNotification(1, 2, OffsetDateTime.parse("2017-11-21T00:00:00+03:00")),
        new ChatMessageSentNotification(1, 3, 2, OffsetDateTime.parse("2017-11-21T00:00:01-05:30")),
        new ChatArbitrageStartedNotification(1, 2, OffsetDateTime.parse("2017-11-22T00:00:00Z")),
        new ChatArbitrageFinishedNotification(1, 2, OffsetDateTime.parse("2017-11-23T00:00:00Z")),
        new UnknownNotification(
            "GOODS_FEEDBACK_CREATED",
            JSON.readTree("{\"feedbackId\":5,\"businessId\":2,\"createdAt\":\"x\"}")));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void everyType_roundTripsThroughTheWireFormat(Notification notification) {
    assertThat(NotificationJson.parse(NotificationJson.toJson(notification)))
        .isEqualTo(notification);
  }
}
