package dev.ymchat.cli.command;

import dev.ymchat.cli.output.Printer;
import dev.ymchat.cli.output.Table;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ymchat chats}: lists the chats, filtered, one page or all of them. */
@Command(
    name = "chats",
    mixinStandardHelpOptions = true,
    description = "List chats (getChats). Without --all, one page of at most --limit chats.")
final class ChatsCommand extends ApiCommand {

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = OpenEnumConverters.Status.class,
      completionCandidates = OpenEnumConverters.StatusCandidates.class,
      description = "Only chats with this status (repeatable, any case): ${COMPLETION-CANDIDATES}.")
  List<ChatStatus> statuses = new ArrayList<>();

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      converter = OpenEnumConverters.Type.class,
      completionCandidates = OpenEnumConverters.TypeCandidates.class,
      description = "Only chats of this type (repeatable): ${COMPLETION-CANDIDATES}.")
  List<ChatType> types = new ArrayList<>();

  @Option(
      names = "--context-type",
      paramLabel = "TYPE",
      converter = OpenEnumConverters.ContextType.class,
      completionCandidates = OpenEnumConverters.ContextTypeCandidates.class,
      description = "Only chats about this (repeatable): ${COMPLETION-CANDIDATES}.")
  List<ChatContextType> contextTypes = new ArrayList<>();

  @Option(
      converter = Bounded.Id.class,
      names = "--order",
      paramLabel = "ID",
      description = "Only the chats of this order (repeatable).")
  List<Long> orders = new ArrayList<>();

  @Option(
      converter = Bounded.ChatsLimit.class,
      names = "--limit",
      paramLabel = "N",
      description = "Chats per page, 1..20 (the API's default is 10).")
  Integer limit;

  @Option(names = "--all", description = "Fetch every page, not only the first.")
  boolean all;

  @Override
  int run(ChatsClient client, long businessId) {
    ChatsQuery.Builder query = ChatsQuery.builder();
    if (!statuses.isEmpty()) {
      query.statuses(statuses.toArray(ChatStatus[]::new));
    }
    if (!types.isEmpty()) {
      query.types(types.toArray(ChatType[]::new));
    }
    if (!contextTypes.isEmpty()) {
      query.contextTypes(contextTypes.toArray(ChatContextType[]::new));
    }
    if (!orders.isEmpty()) {
      query.orderIds(orders.stream().mapToLong(Long::longValue).toArray());
    }
    if (limit != null) {
      query.limit(limit);
    }
    ChatsPage first = client.chats(businessId, query.build());
    Iterator<Chat> chats = all ? first.autoPager().iterator() : first.items().iterator();
    Printer printer = printer();
    if (json()) {
      printer.jsonArray(chats);
      return 0;
    }
    Table table = Printer.chatTable();
    chats.forEachRemaining(chat -> printer.addChat(table, chat));
    if (table.isEmpty()) {
      printer.line("No chats match.");
    } else {
      printer.table(table);
    }
    if (!all && first.hasNextPage()) {
      err().println("More chats exist: add --all to list every page.");
      err().flush();
    }
    return 0;
  }
}
