package dev.ymchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks a {@code ymchat export} JSON lines file: counts the {@code {"chat":{…}}} lines and the
 * {@code {"chatId":…,"message":{…}}} lines, and finds duplicate chats, duplicate messages (same
 * chat and message id), messages before their chat's line, and lines of neither kind.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.ymchat.bench.ExportCheck FILE [CHATS MESSAGES]};
 * with the expected counts it exits 1 unless the file has exactly them and no defect.
 */
public final class ExportCheck {

  private ExportCheck() {}

  /**
   * What a file holds.
   *
   * @param chats chat lines
   * @param messages message lines
   * @param duplicateChats chat lines whose chat id appeared before
   * @param duplicateMessages message lines whose (chat id, message id) appeared before
   * @param orphanMessages message lines whose chat line had not come before
   * @param otherLines lines that are neither (blank, not JSON, other shape)
   */
  public record Counts(
      long chats,
      long messages,
      long duplicateChats,
      long duplicateMessages,
      long orphanMessages,
      long otherLines) {

    /**
     * Whether the file has exactly these numbers of chats and messages and no defect.
     *
     * @param expectedChats the chats expected
     * @param expectedMessages the messages expected
     * @return true when all matches
     */
    public boolean matches(long expectedChats, long expectedMessages) {
      return chats == expectedChats
          && messages == expectedMessages
          && duplicateChats == 0
          && duplicateMessages == 0
          && orphanMessages == 0
          && otherLines == 0;
    }

    @Override
    public String toString() {
      return chats
          + " chat lines, "
          + messages
          + " message lines, "
          + duplicateChats
          + " duplicate chats, "
          + duplicateMessages
          + " duplicate messages, "
          + orphanMessages
          + " messages before their chat, "
          + otherLines
          + " other lines";
    }
  }

  /**
   * Checks a file and prints what it holds.
   *
   * @param args the file, then optionally the expected chats and messages
   * @throws IOException when the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 && args.length != 3) {
      System.err.println("ExportCheck: usage: ExportCheck FILE [CHATS MESSAGES]");
      System.exit(2);
      return;
    }
    Counts counts = count(Path.of(args[0]));
    System.out.println(args[0] + ": " + counts);
    if (args.length == 3) {
      long chats = Long.parseLong(args[1]);
      long messages = Long.parseLong(args[2]);
      if (!counts.matches(chats, messages)) {
        System.out.println(
            "NOT as expected: "
                + chats
                + " chat lines and "
                + messages
                + " message lines, no duplicates");
        System.exit(1);
      }
      System.out.println(
          "as expected: "
              + chats
              + " chat lines and "
              + messages
              + " message lines, no duplicates");
    }
  }

  /**
   * Reads a file line by line (only the ids are kept in memory).
   *
   * @param file the export
   * @return what it holds
   * @throws IOException when the file cannot be read
   */
  public static Counts count(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Set<Long> chatIds = new HashSet<>();
    Set<String> messageKeys = new HashSet<>();
    long chats = 0;
    long messages = 0;
    long duplicateChats = 0;
    long duplicateMessages = 0;
    long orphans = 0;
    long other = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode node;
        try {
          node = line.isBlank() ? null : mapper.readTree(line);
        } catch (IOException e) {
          node = null;
        }
        if (node != null
            && node.path("chat").path("chatId").canConvertToLong()
            && node.path("chat").path("chatId").isIntegralNumber()) {
          chats++;
          if (!chatIds.add(node.path("chat").path("chatId").longValue())) {
            duplicateChats++;
          }
        } else if (node != null
            && node.path("chatId").isIntegralNumber()
            && node.path("message").path("messageId").isIntegralNumber()) {
          messages++;
          long chatId = node.path("chatId").longValue();
          if (!chatIds.contains(chatId)) {
            orphans++;
          }
          if (!messageKeys.add(chatId + "/" + node.path("message").path("messageId").longValue())) {
            duplicateMessages++;
          }
        } else {
          other++;
        }
      }
    }
    return new Counts(chats, messages, duplicateChats, duplicateMessages, orphans, other);
  }
}
