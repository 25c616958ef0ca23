package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.output.Table;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ymchat download CHAT_ID MESSAGE_ID}: saves a message's attachments. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Save the files attached to a message. File names are made safe; existing files are kept unless --force.")
final class DownloadCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "CHAT_ID", description = "The chat id.")
  long chatId;

  @Parameters(index = "1", paramLabel = "MESSAGE_ID", description = "The message id.")
  long messageId;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory to save into (default: the current directory).")
  Path out;

  @Option(names = "--force", description = "Overwrite files that already exist.")
  boolean force;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    ChatMessage message = client.message(businessId, chatId, messageId);
    if (message.payload().isEmpty()) {
      throw new CliException(
          ExitCodes.NOT_FOUND,
          "message "
              + messageId
              + " in chat "
              + chatId
              + " has no files; `ymchat history "
              + chatId
              + "` shows which messages have [files: …]");
    }
    Path dir = out == null ? context().workingDir() : context().workingDir().resolve(out);
    Files.createDirectories(dir);
    // Decide every target first so that nothing is written when one of them would be overwritten.
    Set<String> taken = new HashSet<>();
    List<Path> targets = new ArrayList<>();
    int index = 1;
    for (MessagePayload file : message.payload()) {
      String name = FileNames.unique(FileNames.sanitize(file.name(), "attachment-" + index), taken);
      taken.add(name.toLowerCase(Locale.ROOT));
      Path target = dir.resolve(name).normalize();
      if (!target.getParent().equals(dir.normalize())) {
        throw new CliException(
            ExitCodes.INVALID_INPUT, "refusing the unsafe file name '" + file.name() + "'");
      }
      if (Files.exists(target) && !force) {
        throw new CliException(
            ExitCodes.GENERIC,
            target
                + " already exists; pass --force to overwrite it or --out DIR to save elsewhere");
      }
      targets.add(target);
      index++;
    }
    List<Map<String, Object>> saved = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      MessagePayload file = message.payload().get(i);
      Path target = targets.get(i);
      Path temp = Files.createTempFile(dir, ".ymchat-download", ".part");
      try {
        try (java.io.InputStream in = client.openDownload(file)) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
          Files.move(
              temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", file.name());
      entry.put("path", target.toString());
      entry.put("size", Files.size(target));
      saved.add(entry);
    }
    if (json()) {
      printer().json(saved);
    } else {
      Table table = Table.withColumns("FILE", "SIZE", "SAVED AS~");
      for (Map<String, Object> entry : saved) {
        table.row(entry.get("name"), entry.get("size"), entry.get("path"));
      }
      printer().table(table);
    }
    return 0;
  }
}
