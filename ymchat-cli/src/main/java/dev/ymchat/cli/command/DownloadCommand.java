package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.output.Table;
import dev.ymchat.cli.output.Text;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ymchat download CHAT_ID MESSAGE_ID}: saves a message's attachments. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Save the files attached to a message. File names are made safe; existing files are kept unless --force.")
final class DownloadCommand extends ApiCommand {

  @Mixin MessageAddress address;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory to save into (default: the current directory).")
  Path out;

  @Option(
      names = "--force",
      description = "Replace files (or symbolic links) that already have a target's name.")
  boolean force;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    ChatMessage message = client.message(businessId, address.chatId(), address.messageId);
    if (message.payload().isEmpty()) {
      throw new CliException(
          ExitCodes.NOT_FOUND,
          "message "
              + address.messageId
              + " in chat "
              + address.chatId()
              + " has no files; `ymchat history "
              + address.chatId()
              + "` shows which messages have [files: …]");
    }
    Path dir = out == null ? context().workingDir() : context().workingDir().resolve(out);
    Files.createDirectories(dir);
    List<Path> targets = targets(message.payload(), dir.normalize());
    // Every name is reserved before the first byte is downloaded: when one cannot be had, nothing
    // has been written. Without --force the reservation is CREATE_NEW (O_EXCL), which also fails on
    // a symbolic link, dangling or not, so no check-then-write race can redirect a file.
    List<Path> reserved = new ArrayList<>();
    boolean done = false;
    try {
      for (Path target : targets) {
        if (reserve(target)) {
          reserved.add(target);
        }
      }
      List<Map<String, Object>> saved = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        MessagePayload file = message.payload().get(i);
        Path target = targets.get(i);
        save(client, file, dir, target);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", file.name());
        entry.put("path", target.toString());
        entry.put("size", Files.size(target));
        saved.add(entry);
      }
      done = true;
      print(saved);
    } finally {
      if (!done) {
        release(reserved);
      }
    }
    return 0;
  }

  /** The safe, distinct target of each file; refuses before anything is written. */
  private List<Path> targets(List<MessagePayload> files, Path dir) {
    Set<String> taken = new HashSet<>();
    List<Path> targets = new ArrayList<>();
    int index = 1;
    for (MessagePayload file : files) {
      String name = FileNames.unique(FileNames.sanitize(file.name(), "attachment-" + index), taken);
      taken.add(name.toLowerCase(Locale.ROOT));
      Path target = dir.resolve(name).normalize();
      if (!dir.equals(target.getParent())) {
        throw new CliException(
            ExitCodes.INVALID_INPUT,
            "refusing the unsafe file name '" + Text.oneLine(file.name()) + "'");
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!force) {
          throw new CliException(
              ExitCodes.GENERIC,
              target
                  + (Files.isSymbolicLink(target) ? " is a symbolic link" : " already exists")
                  + "; pass --force to replace it or --out DIR to save elsewhere");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new CliException(
              ExitCodes.GENERIC,
              target + " is a directory; remove it or pass --out DIR to save elsewhere");
        }
      }
      targets.add(target);
      index++;
    }
    return targets;
  }

  /**
   * Takes the name: a new, empty file (only with --force may something be there already).
   *
   * @return {@code true} when this run created the file
   */
  private boolean reserve(Path target) throws IOException {
    try {
      Files.newByteChannel(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
      return true;
    } catch (FileAlreadyExistsException e) {
      if (!force) {
        throw new CliException(
            ExitCodes.GENERIC,
            target
                + " appeared while downloading; pass --force to replace it or --out DIR to save"
                + " elsewhere");
      }
      // --force: the existing file (or link) is replaced by the rename in save().
      return false;
    }
  }

  /**
   * Downloads into a temporary file beside the target, then renames it over the target, so the
   * target is never half-written; a rename replaces a link itself and never writes through it.
   */
  private static void save(ChatsClient client, MessagePayload file, Path dir, Path target)
      throws IOException {
    Path temp = Files.createTempFile(dir, ".ymchat-download", ".part");
    try {
      try (InputStream in = client.openDownload(file)) {
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
  }

  /** After a failure: removes the names this run created and left empty. */
  private static void release(List<Path> reserved) {
    for (Path target : reserved) {
      try {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == 0) {
          Files.delete(target);
        }
      } catch (IOException e) {
        // best effort: the failure being reported matters more
      }
    }
  }

  private void print(List<Map<String, Object>> saved) {
    if (json()) {
      printer().json(saved);
    } else {
      Table table = Table.withColumns("FILE", "SIZE", "SAVED AS~");
      for (Map<String, Object> entry : saved) {
        table.row(entry.get("name"), entry.get("size"), entry.get("path"));
      }
      printer().table(table);
    }
  }
}
