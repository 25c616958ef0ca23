package dev.ymchat.cli.command;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code CHAT_ID MESSAGE_ID}: the two positions that name one message (a picocli mixin). */
final class MessageAddress {

  @Mixin ChatIdParameter chat;

  @Parameters(
      converter = Bounded.Id.class,
      index = "1",
      paramLabel = "MESSAGE_ID",
      description = "The message id.")
  long messageId;

  long chatId() {
    return chat.chatId;
  }
}
