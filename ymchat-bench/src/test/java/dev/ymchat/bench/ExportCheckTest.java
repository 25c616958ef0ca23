package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCheckTest {

  @TempDir Path dir;

  @Test
  void cleanExport_countsChatsAndMessagesAndMatches() throws Exception {
    Path file =
        write(
            "{\"chat\":{\"chatId\":1,\"status\":\"NEW\"}}",
            "{\"chatId\":1,\"message\":{\"messageId\":10,\"message\":\"Привет\"}}",
            "{\"chatId\":1,\"message\":{\"messageId\":11}}",
            "{\"chat\":{\"chatId\":2}}",
            "{\"chatId\":2,\"message\":{\"messageId\":10}}");

    ExportCheck.Counts counts = ExportCheck.count(file);

    assertThat(counts).isEqualTo(new ExportCheck.Counts(2, 3, 0, 0, 0, 0));
    assertThat(counts.matches(2, 3)).isTrue();
    assertThat(counts.matches(2, 4)).isFalse();
  }

  @Test
  void duplicatesOrphansAndForeignLines_areCountedAndFailTheMatch() throws Exception {
    Path file =
        write(
            "{\"chatId\":3,\"message\":{\"messageId\":1}}",
            "{\"chat\":{\"chatId\":3}}",
            "{\"chatId\":3,\"message\":{\"messageId\":1}}",
            "{\"chat\":{\"chatId\":3}}",
            "not json",
            "");

    ExportCheck.Counts counts = ExportCheck.count(file);

    assertThat(counts).isEqualTo(new ExportCheck.Counts(2, 2, 1, 1, 1, 2));
    assertThat(counts.matches(2, 2)).isFalse();
  }

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("export.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
