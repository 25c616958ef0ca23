package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export writes every chat and message once, and resumes after an interruption without duplicates.
 */
class ExportCommandTest {

  private static final ObjectMapper JSON = ModelJson.newMapper();
  private static SandboxServer sandbox;
  private static Set<String> expected;

  @TempDir Path dir;

  /** Thrown by the hook to stop an export the way a crash or Ctrl-C would. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super("simulated interruption");
    }
  }

  @BeforeAll
  static void start() {
    sandbox =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled())
            .build()
            .start();
    // Long enough histories that a chat spans several pages of 100.
    sandbox.market().generate(SandboxDemo.BUSINESS_ID, 5, 130, 42L);
    expected = new HashSet<>();
    try (ChatsClient client =
        ChatsClient.builder()
            .apiKey(SandboxDemo.ALL_METHODS_KEY)
            .baseUrl(sandbox.baseUrl())
            .build()) {
      for (Chat chat : client.chats(SandboxDemo.BUSINESS_ID).autoPager()) {
        for (ChatMessage m :
            client
                .history(
                    SandboxDemo.BUSINESS_ID,
                    chat.chatId(),
                    HistoryQuery.builder().limit(100).build())
                .autoPager()) {
          expected.add(chat.chatId() + "/" + m.messageId());
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private String[] args(Path out, String... extra) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "export", "--out", out.toString(), "--sandbox", "--base-url", sandbox.baseUrl()));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  @Test
  void export_writesAChatLineThenOneLinePerMessage_forEveryChat() throws IOException {
    Path out = dir.resolve("all.jsonl");
    CliRun.Result result = new CliRun(dir).run(args(out));
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Exported");
    assertThat(result.err()).isEmpty(); // no progress bar without a terminal
    Lines lines = read(out);
    assertThat(lines.messages).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(lines.duplicates).isEmpty();
    assertThat(lines.messageBeforeItsChat).isFalse();
    assertThat(ExportStateFile.of(out)).content().contains("complete=true");
  }

  @Test
  void export_resumesAfterAnInterruptionBetweenChats_withoutDuplicates() throws IOException {
    Path out = dir.resolve("resume.jsonl");
    CliRun first =
        new CliRun(dir)
            .exportHook(
                (chatId, done) -> {
                  if (done == 2) {
                    throw new Interrupted();
                  }
                });
    CliRun.Result interrupted = first.run(args(out));
    assertThat(interrupted.exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(interrupted.errLines())
        .singleElement()
        .asString()
        .contains("simulated interruption");
    // The failure says how to go on: the exact command, the same file and target.
    String resume = resumeCommand(interrupted.err());
    assertThat(resume)
        .isEqualTo("ymchat export --out " + out + " --sandbox --base-url " + sandbox.baseUrl());
    // A crash in the middle of a write leaves half a line behind.
    Files.writeString(out, "{\"chatId\":1,\"message\":{\"messageId\":", StandardOpenOption.APPEND);

    List<String> again = new ArrayList<>(List.of(resume.substring("ymchat ".length()).split(" ")));
    again.addAll(List.of("-o", "json"));
    CliRun.Result resumed = new CliRun(dir).run(again.toArray(String[]::new));
    assertThat(resumed.exitCode()).isZero();
    JsonNode summary = JSON.readTree(resumed.out());
    assertThat(summary.path("resumed").asBoolean()).isTrue();
    assertThat(summary.path("skippedChats").asInt()).isEqualTo(2);

    Lines lines = read(out);
    assertThat(lines.duplicates).isEmpty();
    assertThat(lines.messages).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void export_resumesInsideAChat_fromTheLastMessageWritten() throws IOException {
    Path out = dir.resolve("mid.jsonl");
    CliRun first =
        new CliRun(dir)
            .exportHook(
                new CliContext.ExportHook() {
                  int pages;

                  @Override
                  public void chatCompleted(long chatId, int chatsDoneThisRun) {}

                  @Override
                  public void pageWritten(long chatId, long lastMessageId) {
                    if (++pages == 4) {
                      throw new Interrupted();
                    }
                  }
                });
    assertThat(first.run(args(out)).exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(ExportStateFile.of(out)).content().contains("currentChatId=", "lastMessageId=");

    assertThat(new CliRun(dir).run(args(out)).exitCode()).isZero();
    Lines lines = read(out);
    assertThat(lines.duplicates).isEmpty();
    assertThat(lines.messages).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void export_whenComplete_saysSo_andRestartStartsOver() throws IOException {
    Path out = dir.resolve("done.jsonl");
    assertThat(new CliRun(dir).run(args(out)).exitCode()).isZero();
    long size = Files.size(out);
    CliRun.Result again = new CliRun(dir).run(args(out));
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already a complete export", "--restart");
    CliRun.Result restarted = new CliRun(dir).run(args(out, "--restart"));
    assertThat(restarted.exitCode()).isZero();
    assertThat(Files.size(out)).isEqualTo(size);
    assertThat(read(out).duplicates).isEmpty();
  }

  @Test
  void export_refusesToOverwriteAFileThatIsNotAnExport() throws IOException {
    Path out = dir.resolve("precious.jsonl");
    Files.writeString(out, "my notes\n");
    CliRun.Result result = new CliRun(dir).run(args(out));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.GENERIC);
    assertThat(result.err()).contains("--restart");
    assertThat(out).hasContent("my notes");
  }

  @Test
  void export_drawsAProgressBarOnStderrAtATerminal() {
    Path out = dir.resolve("bar.jsonl");
    CliRun.Result result = new CliRun(dir).terminal(true).run(args(out));
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("\rExporting [", "chats").endsWith("\n");
  }

  /** The command in backquotes after "run" in an error line. */
  static String resumeCommand(String err) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("run `(ymchat export [^`]+)` to resume").matcher(err);
    assertThat(m.find()).as("a resume command in: " + err).isTrue();
    return m.group(1);
  }

  @Test
  void export_failingBeforeAnythingWasWritten_offersNoResume() throws IOException {
    Path out = dir.resolve("precious2.jsonl");
    Files.writeString(out, "my notes\n");
    CliRun.Result result = new CliRun(dir).run(args(out));
    assertThat(result.err()).doesNotContain("to resume");
  }

  @Test
  void resumeHint_neverShowsAKeyGivenAsAFlag() {
    Path out = dir.resolve("flag.jsonl");
    CliRun.Result result =
        new CliRun(dir)
            .exportHook(
                (chatId, done) -> {
                  throw new Interrupted();
                })
            .run(args(out, "--api-key", SandboxDemo.ALL_METHODS_KEY));
    assertThat(resumeCommand(result.err()))
        .endsWith("--api-key KEY")
        .doesNotContain(SandboxDemo.ALL_METHODS_KEY);
    assertThat(result.err()).contains("with your key in place of KEY");
  }

  /** The state file next to an export. */
  static final class ExportStateFile {
    static Path of(Path out) {
      return out.resolveSibling(out.getFileName() + ".state");
    }
  }

  /** What an export file holds. */
  static final class Lines {
    final List<String> messages = new ArrayList<>();
    final List<String> duplicates = new ArrayList<>();
    boolean messageBeforeItsChat;
  }

  private static Lines read(Path out) throws IOException {
    Lines lines = new Lines();
    Set<String> seen = new HashSet<>();
    Set<Long> chats = new HashSet<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      if (node.has("chat")) {
        long id = node.path("chat").path("chatId").asLong();
        if (!chats.add(id)) {
          lines.duplicates.add("chat " + id);
        }
      } else {
        long chatId = node.path("chatId").asLong();
        String key = chatId + "/" + node.path("message").path("messageId").asLong();
        if (!chats.contains(chatId)) {
          lines.messageBeforeItsChat = true;
        }
        if (!seen.add(key)) {
          lines.duplicates.add(key);
        }
        lines.messages.add(key);
      }
    }
    return lines;
  }
}
