package dev.ymchat.cli.command;

import dev.ymchat.client.ChatsClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ymchat export --out FILE.jsonl}: every chat with its whole history, resumable. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export every chat with its whole history to a JSON lines file, resumably.",
      "Per chat a {\"chat\":{…}} line, then one {\"chatId\":…,\"message\":{…}} line per message,",
      "oldest first.",
      "Progress is kept in FILE.state: after an interruption, run the same command again to continue",
      "without duplicates. A progress bar is drawn on stderr at a terminal."
    })
final class ExportCommand extends ApiCommand {

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The JSON lines file to write.")
  Path out;

  @Option(
      names = "--restart",
      description = "Discard an unfinished or finished export in FILE and start over.")
  boolean restart;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    Path file = context().workingDir().resolve(out);
    ChatExporter exporter = new ChatExporter(client, businessId, file, context(), err());
    ChatExporter.Result result = exporter.export(restart);
    if (json()) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("file", file.toString());
      summary.put("chats", result.chats());
      summary.put("skippedChats", result.skippedChats());
      summary.put("messages", result.messages());
      summary.put("resumed", result.resumed());
      summary.put("alreadyComplete", result.alreadyComplete());
      printer().json(summary);
    } else if (result.alreadyComplete()) {
      printer().line(file + " is already a complete export; pass --restart to export again.");
    } else {
      printer()
          .line(
              "Exported "
                  + result.chats()
                  + " chats and "
                  + result.messages()
                  + " messages to "
                  + file
                  + (result.resumed()
                      ? " (resumed; " + result.skippedChats() + " chats were already done)."
                      : "."));
    }
    return 0;
  }
}
