package dev.ymchat.sandbox.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Builds the wire JSON of the chat push notifications Market sends to a seller's {@code
 * /notification} endpoint, exactly as the notifications OpenAPI description shapes them.
 *
 * <p>Dates are written in ISO 8601 with their offset kept (for example {@code
 * 2017-11-21T00:00:00.213Z}); {@code chatId} and {@code businessId} are JSON numbers, while the
 * {@code messageId} of {@code CHAT_MESSAGE_SENT} is a JSON string, as the spec says (the chats API
 * itself uses an int64 there).
 */
public final class Notifications {

  /** {@code notificationType} of the check notification. */
  public static final String PING = "PING";

  /** {@code notificationType} sent when a chat with a buyer is created. */
  public static final String CHAT_CREATED = "CHAT_CREATED";

  /** {@code notificationType} sent for every new message in a chat (buyer, Market, support). */
  public static final String CHAT_MESSAGE_SENT = "CHAT_MESSAGE_SENT";

  /** {@code notificationType} sent when a buyer opens a dispute (never for DIRECT chats). */
  public static final String CHAT_ARBITRAGE_STARTED = "CHAT_ARBITRAGE_STARTED";

  /** {@code notificationType} sent when a dispute is finished (never for DIRECT chats). */
  public static final String CHAT_ARBITRAGE_FINISHED = "CHAT_ARBITRAGE_FINISHED";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Notifications() {}

  /**
   * Builds a {@code CHAT_CREATED} notification.
   *
   * @param businessId the business (cabinet) the chat belongs to, at least 1
   * @param chatId the new chat, at least 1
   * @param createdAt when the chat was created
   * @return the notification's JSON
   * @throws IllegalArgumentException if an id is below 1
   * @throws NullPointerException if {@code createdAt} is null
   */
  public static String chatCreated(long businessId, long chatId, OffsetDateTime createdAt) {
    return chatEvent(CHAT_CREATED, businessId, chatId, "createdAt", createdAt);
  }

  /**
   * Builds a {@code CHAT_MESSAGE_SENT} notification; {@code messageId} is written as a JSON string.
   *
   * @param businessId the business (cabinet) the chat belongs to, at least 1
   * @param chatId the chat the message was sent in, at least 1
   * @param messageId the new message, at least 1
   * @param sentAt when the message was sent
   * @return the notification's JSON
   * @throws IllegalArgumentException if an id is below 1
   * @throws NullPointerException if {@code sentAt} is null
   */
  public static String chatMessageSent(
      long businessId, long chatId, long messageId, OffsetDateTime sentAt) {
    requireId("businessId", businessId);
    requireId("chatId", chatId);
    requireId("messageId", messageId);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("notificationType", CHAT_MESSAGE_SENT);
    node.put("chatId", chatId);
    node.put("messageId", Long.toString(messageId));
    node.put("businessId", businessId);
    node.put("sentAt", format("sentAt", sentAt));
    return write(node);
  }

  /**
   * Builds a {@code CHAT_ARBITRAGE_STARTED} notification.
   *
   * @param businessId the business (cabinet) the chat belongs to, at least 1
   * @param chatId the chat the dispute was opened in, at least 1
   * @param startedAt when the dispute started
   * @return the notification's JSON
   * @throws IllegalArgumentException if an id is below 1
   * @throws NullPointerException if {@code startedAt} is null
   */
  public static String chatArbitrageStarted(
      long businessId, long chatId, OffsetDateTime startedAt) {
    return chatEvent(CHAT_ARBITRAGE_STARTED, businessId, chatId, "startedAt", startedAt);
  }

  /**
   * Builds a {@code CHAT_ARBITRAGE_FINISHED} notification.
   *
   * @param businessId the business (cabinet) the chat belongs to, at least 1
   * @param chatId the chat whose dispute finished, at least 1
   * @param finishedAt when the dispute finished
   * @return the notification's JSON
   * @throws IllegalArgumentException if an id is below 1
   * @throws NullPointerException if {@code finishedAt} is null
   */
  public static String chatArbitrageFinished(
      long businessId, long chatId, OffsetDateTime finishedAt) {
    return chatEvent(CHAT_ARBITRAGE_FINISHED, businessId, chatId, "finishedAt", finishedAt);
  }

  /**
   * Builds a {@code PING} notification, the check a seller's endpoint must answer within 1 second.
   *
   * @param time the time to put in the notification
   * @return the notification's JSON
   * @throws NullPointerException if {@code time} is null
   */
  public static String ping(OffsetDateTime time) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("notificationType", PING);
    node.put("time", format("time", time));
    return write(node);
  }

  private static String chatEvent(
      String type, long businessId, long chatId, String timeField, OffsetDateTime time) {
    requireId("businessId", businessId);
    requireId("chatId", chatId);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("notificationType", type);
    node.put("chatId", chatId);
    node.put("businessId", businessId);
    node.put(timeField, format(timeField, time));
    return write(node);
  }

  private static void requireId(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          name + " must be at least 1 (Market ids are positive), but was " + value);
    }
  }

  private static String format(String name, OffsetDateTime time) {
    Objects.requireNonNull(time, () -> name + " must not be null");
    // ISO_OFFSET_DATE_TIME always writes seconds, unlike OffsetDateTime.toString().
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serializes; reaching this is a bug.
      throw new IllegalStateException("could not write a notification as JSON", e);
    }
  }
}
