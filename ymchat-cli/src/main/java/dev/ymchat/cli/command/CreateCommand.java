package dev.ymchat.cli.command;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.CreateChatResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ymchat create --order ID | --return ID}: opens (or finds) the chat of an order or return.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description =
        "Open a chat with the buyer of an order or a return (createChat); an existing chat is returned as is.")
final class CreateCommand extends ApiCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        converter = Bounded.Id.class,
        names = "--order",
        paramLabel = "ID",
        required = true,
        description = "The order id.")
    Long order;

    @Option(
        converter = Bounded.Id.class,
        names = "--return",
        paramLabel = "ID",
        required = true,
        description = "The return id.")
    Long returnId;
  }

  @Override
  int run(ChatsClient client, long businessId) {
    ChatContext context =
        target.order != null
            ? ChatContext.order(target.order)
            : ChatContext.ofReturn(target.returnId);
    CreateChatResult result = client.createChat(businessId, context);
    if (json()) {
      printer().json(result);
    } else {
      printer()
          .line("Chat " + result.chatId() + " for " + context.type() + " " + context.id() + ".");
    }
    return 0;
  }
}
