package dev.ymchat.sandbox.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the notification JSON against the chat schemas of Yandex Market's public notifications
 * OpenAPI description (ChatCreatedNotificationDTO, ChatMessageSentNotificationDTO,
 * ChatArbitrageStartedNotificationDTO, ChatArbitrageFinishedNotificationDTO, PingNotificationDTO):
 * exactly the spec's fields, with the spec's JSON types.
 */
class WebhookNotificationsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OffsetDateTime MOSCOW =
      OffsetDateTime.of(2026, 3, 1, 12, 30, 5, 213_000_000, ZoneOffset.ofHours(3));

  @Test
  void chatCreated_hasTheSpecFieldsWithIntegerIdsAndOffsetDate() throws Exception {
    JsonNode n = MAPPER.readTree(Notifications.chatCreated(1001, 55, MOSCOW));

    assertThat(fieldNames(n))
        .containsExactly("notificationType", "chatId", "businessId", "createdAt");
    assertThat(n.get("notificationType").asText()).isEqualTo("CHAT_CREATED");
    assertThat(n.get("chatId").isIntegralNumber()).isTrue();
    assertThat(n.get("chatId").asLong()).isEqualTo(55);
    assertThat(n.get("businessId").isIntegralNumber()).isTrue();
    assertThat(n.get("businessId").asLong()).isEqualTo(1001);
    assertThat(n.get("createdAt").asText()).isEqualTo("2026-03-01T12:30:05.213+03:00");
  }

  @Test
  void chatMessageSent_writesMessageIdAsJsonString() throws Exception {
    JsonNode n = MAPPER.readTree(Notifications.chatMessageSent(1001, 55, 9_000_000_001L, MOSCOW));

    assertThat(fieldNames(n))
        .containsExactly("notificationType", "chatId", "messageId", "businessId", "sentAt");
    assertThat(n.get("notificationType").asText()).isEqualTo("CHAT_MESSAGE_SENT");
    assertThat(n.get("chatId").isIntegralNumber()).isTrue();
    assertThat(n.get("messageId").isTextual()).isTrue();
    assertThat(n.get("messageId").asText()).isEqualTo("9000000001");
    assertThat(n.get("businessId").isIntegralNumber()).isTrue();
    assertThat(OffsetDateTime.parse(n.get("sentAt").asText())).isEqualTo(MOSCOW);
  }

  @Test
  void arbitrageStartedAndFinished_useTheirOwnTimeFields() throws Exception {
    JsonNode started = MAPPER.readTree(Notifications.chatArbitrageStarted(7, 8, MOSCOW));
    JsonNode finished = MAPPER.readTree(Notifications.chatArbitrageFinished(7, 8, MOSCOW));

    assertThat(fieldNames(started))
        .containsExactly("notificationType", "chatId", "businessId", "startedAt");
    assertThat(started.get("notificationType").asText()).isEqualTo("CHAT_ARBITRAGE_STARTED");
    assertThat(fieldNames(finished))
        .containsExactly("notificationType", "chatId", "businessId", "finishedAt");
    assertThat(finished.get("notificationType").asText()).isEqualTo("CHAT_ARBITRAGE_FINISHED");
    assertThat(started.get("chatId").isIntegralNumber()).isTrue();
    assertThat(finished.get("businessId").isIntegralNumber()).isTrue();
    assertThat(OffsetDateTime.parse(finished.get("finishedAt").asText())).isEqualTo(MOSCOW);
  }

  @Test
  void ping_hasOnlyTypeAndTime() throws Exception {
    JsonNode n =
        MAPPER.readTree(
            Notifications.ping(OffsetDateTime.of(2017, 11, 21, 0, 0, 0, 0, ZoneOffset.UTC)));

    assertThat(fieldNames(n)).containsExactly("notificationType", "time");
    assertThat(n.get("notificationType").asText()).isEqualTo("PING");
    // Seconds are written even when zero (OffsetDateTime.toString() would drop them).
    assertThat(n.get("time").asText()).isEqualTo("2017-11-21T00:00:00Z");
  }

  @Test
  void idsBelowOne_areRejectedWithTheFieldName() {
    assertThatThrownBy(() -> Notifications.chatCreated(0, 1, MOSCOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("businessId");
    assertThatThrownBy(() -> Notifications.chatMessageSent(1, 1, -5, MOSCOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messageId");
    assertThatThrownBy(() -> Notifications.chatArbitrageFinished(1, 0, MOSCOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chatId");
  }

  @Test
  void missingTime_isRejectedNamingTheField() {
    assertThatThrownBy(() -> Notifications.chatArbitrageStarted(1, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("startedAt");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
