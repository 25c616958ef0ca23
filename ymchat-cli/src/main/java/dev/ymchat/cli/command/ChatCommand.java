package dev.ymchat.cli.command;

import dev.ymchat.cli.output.Printer;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatFullContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ymchat chat CHAT_ID}: one chat's details. */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Show one chat (getChat).")
final class ChatCommand extends ApiCommand {

  @Mixin ChatIdParameter target;

  @Override
  int run(ChatsClient client, long businessId) {
    Chat chat = client.chat(businessId, target.chatId);
    Printer printer = printer();
    if (json()) {
      printer.json(chat);
      return 0;
    }
    ChatFullContext context = chat.context();
    printer.line("Chat:      " + chat.chatId());
    printer.line("Type:      " + chat.type());
    printer.line("Status:    " + chat.status());
    printer.line("Context:   " + Printer.context(context, chat.orderId()));
    if (context != null && context.customer() != null && context.customer().name() != null) {
      printer.line("Customer:  " + context.customer().name());
    }
    if (context != null && context.campaignId() != null) {
      printer.line("Campaign:  " + context.campaignId());
    }
    printer.line("Created:   " + printer.time(chat.createdAt()));
    printer.line("Updated:   " + printer.time(chat.updatedAt()));
    return 0;
  }
}
