package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.FileUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ymchat send-file CHAT_ID PATH}: attaches a file to a chat. */
@Command(
    name = "send-file",
    mixinStandardHelpOptions = true,
    description = "Send a file to a chat (sendFileToChat), at most 5 MB.")
final class SendFileCommand extends ApiCommand {

  private static final long MAX_BYTES = 5L * 1024 * 1024;

  @Mixin ChatIdParameter target;

  @Parameters(index = "1", paramLabel = "PATH", description = "The file to send.")
  Path path;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    Path file = context().workingDir().resolve(path);
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.INVALID_INPUT, "no such file: " + file + "; check the path");
    }
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          file.getFileName()
              + " has "
              + size
              + " bytes; the API takes files of at most 5 MB: compress or split it");
    }
    client.sendFile(businessId, target.chatId, FileUpload.of(file));
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("chatId", target.chatId);
      result.put("sent", true);
      result.put("name", file.getFileName().toString());
      result.put("size", size);
      printer().json(result);
    } else {
      printer()
          .line(
              "Sent "
                  + file.getFileName()
                  + " ("
                  + size
                  + " bytes) to chat "
                  + target.chatId
                  + ".");
    }
    return 0;
  }
}
