package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The sidecar {@code FILE.jsonl.state} of an export: how many bytes of the output are complete, the
 * last completed chat, and the chat in progress with its last message written.
 */
final class ExportState {

  long length;
  Long lastCompletedChatId;
  Long currentChatId;
  Long lastMessageId;
  long businessId;
  boolean complete;

  static Path fileFor(Path out) {
    return out.resolveSibling(out.getFileName() + ".state");
  }

  static ExportState load(Path stateFile) {
    if (!Files.isRegularFile(stateFile)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      p.load(reader);
      ExportState state = new ExportState();
      state.length = Long.parseLong(p.getProperty("length", "0"));
      state.lastCompletedChatId = optionalLong(p, "lastCompletedChatId");
      state.currentChatId = optionalLong(p, "currentChatId");
      state.lastMessageId = optionalLong(p, "lastMessageId");
      state.businessId = Long.parseLong(p.getProperty("businessId", "0"));
      state.complete = Boolean.parseBoolean(p.getProperty("complete", "false"));
      return state;
    } catch (IOException | RuntimeException e) {
      throw new CliException(
          ExitCodes.GENERIC,
          "cannot read the export state "
              + stateFile
              + " ("
              + e.getMessage()
              + "); pass --restart to export from the beginning");
    }
  }

  /**
   * Whether a state file records an export that was started and not finished.
   *
   * @param stateFile the sidecar file
   * @return {@code true} when running the export again continues it
   */
  static boolean resumable(Path stateFile) {
    try {
      ExportState state = load(stateFile);
      return state != null && !state.complete;
    } catch (CliException e) {
      return false;
    }
  }

  private static Long optionalLong(Properties p, String key) {
    String value = p.getProperty(key);
    return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
  }

  void save(Path stateFile) throws IOException {
    Properties p = new Properties();
    p.setProperty("length", Long.toString(length));
    p.setProperty("businessId", Long.toString(businessId));
    p.setProperty("complete", Boolean.toString(complete));
    if (lastCompletedChatId != null) {
      p.setProperty("lastCompletedChatId", lastCompletedChatId.toString());
    }
    if (currentChatId != null) {
      p.setProperty("currentChatId", currentChatId.toString());
    }
    if (lastMessageId != null) {
      p.setProperty("lastMessageId", lastMessageId.toString());
    }
    Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(writer, "ymchat export progress; delete it (or pass --restart) to start over");
    }
    try {
      Files.move(
          temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
