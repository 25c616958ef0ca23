package dev.ymchat.cli.command;

import dev.ymchat.cli.output.Printer;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ymchat message CHAT_ID MESSAGE_ID}: one message with its files. */
@Command(
    name = "message",
    mixinStandardHelpOptions = true,
    description = "Show one message (getChatMessage).")
final class MessageCommand extends ApiCommand {

  @Mixin MessageAddress address;

  @Override
  int run(ChatsClient client, long businessId) {
    ChatMessage message = client.message(businessId, address.chatId(), address.messageId);
    Printer printer = printer();
    if (json()) {
      printer.json(message);
      return 0;
    }
    printer.line("Message:   " + message.messageId());
    printer.line("Time:      " + printer.time(message.createdAt()));
    printer.line("Sender:    " + message.sender());
    if (message.message() != null) {
      printer.line("Text:      " + message.message().replace("\n", "\n           "));
    }
    for (MessagePayload file : message.payload()) {
      printer.line("File:      " + file.name() + " (" + file.size() + " bytes)");
    }
    return 0;
  }
}
