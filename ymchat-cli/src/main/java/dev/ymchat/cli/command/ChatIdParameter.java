package dev.ymchat.cli.command;

import picocli.CommandLine.Parameters;

/** The {@code CHAT_ID} that the commands about one chat take first (a picocli mixin). */
final class ChatIdParameter {

  @Parameters(
      converter = Bounded.Id.class,
      index = "0",
      paramLabel = "CHAT_ID",
      description = "The chat id.")
  long chatId;
}
