package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.client.ChatsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ymchat send CHAT_ID TEXT}: answers in a chat. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description =
        "Send a text message to a chat (sendMessageToChat); TEXT '-' reads it from stdin (UTF-8).")
final class SendCommand extends ApiCommand {

  @Mixin ChatIdParameter target;

  @Parameters(
      index = "1",
      paramLabel = "TEXT",
      description = "The text, 1..4096 characters, or - for stdin.")
  String text;

  @Option(
      names = "--reconcile",
      description =
          "After an ambiguous failure (the request may have arrived), look in the history before"
              + " sending again, so the message is neither lost nor doubled. Reads the history once"
              + " first.")
  boolean reconcile;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    String message = text;
    if ("-".equals(text)) {
      message = new String(context().in().readAllBytes(), StandardCharsets.UTF_8);
      // A trailing newline comes from echo or the editor, not from the author.
      message = message.replaceFirst("\\R\\z", "");
    }
    if (message.isBlank()) {
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          "the message is empty; give a text or pipe one into `send CHAT_ID -`");
    }
    if (reconcile) {
      client.sendMessageReconciled(businessId, target.chatId, message);
    } else {
      client.sendMessage(businessId, target.chatId, message);
    }
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("chatId", target.chatId);
      result.put("sent", true);
      result.put("characters", message.codePointCount(0, message.length()));
      printer().json(result);
    } else {
      printer().line("Sent to chat " + target.chatId + ".");
    }
    return 0;
  }
}
