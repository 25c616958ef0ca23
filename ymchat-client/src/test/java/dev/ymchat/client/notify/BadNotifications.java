package dev.ymchat.client.notify;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Bodies that are not notifications as Market sends them, each with why. */
final class BadNotifications {

  private BadNotifications() {}

  private static final String SENT_AT = "\"sentAt\":\"2017-11-21T00:00:00.213Z\"";

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("empty body", ""),
        Arguments.of("only whitespace", "  \n "),
        Arguments.of("plain text", "hello market"),
        Arguments.of("truncated object", "{\"notificationType\":\"PING\""),
        Arguments.of("JSON array", "[{\"notificationType\":\"PING\"}]"),
        Arguments.of("JSON string", "\"PING\""),
        Arguments.of("JSON number", "42"),
        Arguments.of("JSON null", "null"),
        Arguments.of("single quotes", "{'notificationType':'PING'}"),
        Arguments.of("trailing comma", "{\"notificationType\":\"PING\",}"),
        Arguments.of("two objects", "{\"notificationType\":\"PING\"} {}"),
        Arguments.of(
            "repeated key",
            "{\"notificationType\":\"PING\",\"notificationType\":\"CHAT_CREATED\"}"),
        Arguments.of("no notificationType", "{\"chatId\":1}"),
        Arguments.of("null notificationType", "{\"notificationType\":null}"),
        Arguments.of("numeric notificationType", "{\"notificationType\":7}"),
        Arguments.of("empty notificationType", "{\"notificationType\":\"\"}"),
        Arguments.of(
            "PING with a time that is no date", "{\"notificationType\":\"PING\",\"time\":\"now\"}"),
        Arguments.of(
            "CHAT_CREATED without chatId",
            "{\"notificationType\":\"CHAT_CREATED\",\"businessId\":1001,"
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_CREATED without createdAt",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":5,\"businessId\":1001}"),
        Arguments.of(
            "CHAT_CREATED with chatId as a string",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":\"5\",\"businessId\":1001,"
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_CREATED with a fractional chatId",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":5.5,\"businessId\":1001,"
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_CREATED with a chatId beyond int64",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":99999999999999999999,"
                + "\"businessId\":1001,\"createdAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_CREATED with businessId 0",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":5,\"businessId\":0,"
                + "\"createdAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_CREATED with a date without offset",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":5,\"businessId\":1001,"
                + "\"createdAt\":\"2017-11-21T00:00:00\"}"),
        Arguments.of(
            "CHAT_CREATED with an epoch number as date",
            "{\"notificationType\":\"CHAT_CREATED\",\"chatId\":5,\"businessId\":1001,"
                + "\"createdAt\":1511211600}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT without messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a non-numeric messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"abc\","
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a messageId of digits and letters",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"12a\","
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with an empty messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"\","
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a negative messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"-7\","
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a messageId beyond int64",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,"
                + "\"messageId\":\"9223372036854775808\",\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a boolean messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":true,"
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a fractional messageId",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":1.5,"
                + "\"businessId\":1001,"
                + SENT_AT
                + "}"),
        Arguments.of(
            "CHAT_MESSAGE_SENT with a sentAt that is no date",
            "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\"9\","
                + "\"businessId\":1001,\"sentAt\":\"yesterday\"}"),
        Arguments.of(
            "CHAT_ARBITRAGE_STARTED with a null startedAt",
            "{\"notificationType\":\"CHAT_ARBITRAGE_STARTED\",\"chatId\":5,\"businessId\":1001,"
                + "\"startedAt\":null}"),
        Arguments.of(
            "CHAT_ARBITRAGE_FINISHED without businessId",
            "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":5,"
                + "\"finishedAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_ARBITRAGE_FINISHED with a negative chatId",
            "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":-5,\"businessId\":1001,"
                + "\"finishedAt\":\"2017-11-21T00:00:00+03:00\"}"),
        Arguments.of(
            "CHAT_ARBITRAGE_FINISHED with an object as chatId",
            "{\"notificationType\":\"CHAT_ARBITRAGE_FINISHED\",\"chatId\":{\"id\":5},"
                + "\"businessId\":1001,\"finishedAt\":\"2017-11-21T00:00:00+03:00\"}"));
  }
}
