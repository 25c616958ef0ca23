package dev.ymchat.cli.command;

import dev.ymchat.cli.output.Printer;
import dev.ymchat.cli.output.Table;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.ChatMessage;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ymchat history CHAT_ID}: a chat's messages, oldest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Show a chat's messages, oldest first (getChatHistory). Without --all, one page.")
final class HistoryCommand extends ApiCommand {

  @Mixin ChatIdParameter target;

  @Option(
      converter = Bounded.Id.class,
      names = "--from",
      paramLabel = "MESSAGE_ID",
      description = "Start at this message (it is included).")
  Long from;

  @Option(
      converter = Bounded.HistoryLimit.class,
      names = "--limit",
      paramLabel = "N",
      description = "Messages per page, 1..100 (the API's default is 50).")
  Integer limit;

  @Option(names = "--all", description = "Fetch every page, not only the first.")
  boolean all;

  @Override
  int run(ChatsClient client, long businessId) {
    HistoryQuery.Builder query = HistoryQuery.builder();
    if (from != null) {
      query.messageIdFrom(from);
    }
    if (limit != null) {
      query.limit(limit);
    }
    HistoryPage first = client.history(businessId, target.chatId, query.build());
    Iterator<ChatMessage> messages = all ? first.autoPager().iterator() : first.items().iterator();
    Printer printer = printer();
    if (json()) {
      printer.jsonArray(messages);
      return 0;
    }
    Table table = Printer.messageTable();
    messages.forEachRemaining(message -> printer.addMessage(table, message));
    if (table.isEmpty()) {
      printer.line("No messages.");
    } else {
      printer.table(table);
    }
    if (!all && first.hasNextPage()) {
      err().println("More messages exist: add --all to show every page.");
      err().flush();
    }
    return 0;
  }
}
