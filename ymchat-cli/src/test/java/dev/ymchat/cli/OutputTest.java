package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.cli.output.Printer;
import dev.ymchat.cli.output.Table;
import dev.ymchat.cli.output.Text;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.MessageSender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

  @Test
  void table_fitsColumnsToContent() {
    StringWriter sw = new StringWriter();
    Table.withColumns("ID", "NAME").row(1, "short").row(12345, "x").print(new PrintWriter(sw), 80);
    assertThat(sw.toString().lines().toList())
        .containsExactly("ID     NAME", "1      short", "12345  x");
  }

  @Test
  void table_truncatesTheFlexibleColumnWithAnEllipsisToFitTheWidth() {
    StringWriter sw = new StringWriter();
    String longText = "a".repeat(100);
    Table.withColumns("ID", "TEXT").row(7, longText).print(new PrintWriter(sw), 40);
    List<String> lines = sw.toString().lines().toList();
    assertThat(lines).allSatisfy(line -> assertThat(Text.width(line)).isLessThanOrEqualTo(40));
    assertThat(lines.get(1)).endsWith("…").startsWith("7   ");
  }

  @Test
  void table_putsMultiLineTextOnOneLine() {
    StringWriter sw = new StringWriter();
    Table.withColumns("TEXT").row("two\nlines\r\nhere").print(new PrintWriter(sw), 80);
    assertThat(sw.toString().lines().toList()).containsExactly("TEXT", "two lines here");
  }

  @Test
  void truncate_countsCodePointsNotChars() {
    assertThat(Text.truncate("😀😀😀😀", 3)).isEqualTo("😀😀…");
    assertThat(Text.truncate("ok", 3)).isEqualTo("ok");
  }

  @Test
  void time_isShownInTheLocalZoneToTheMinute() {
    Printer printer =
        new Printer(new PrintWriter(new StringWriter()), ZoneId.of("Europe/Moscow"), null);
    assertThat(printer.time(OffsetDateTime.parse("2026-11-26T07:05:59Z")))
        .isEqualTo("2026-11-26 10:05");
    assertThat(printer.time(null)).isEmpty();
  }

  @Test
  void messageText_listsTheAttachedFiles() {
    ChatMessage message =
        new ChatMessage(
            1,
            OffsetDateTime.now(),
            MessageSender.CUSTOMER,
            "see photo",
            List.of(
                new MessagePayload("a.jpg", "http://x/a", 3),
                new MessagePayload("b.pdf", "http://x/b", 4)));
    assertThat(Printer.text(message)).isEqualTo("see photo [files: a.jpg, b.pdf]");
  }

  @Test
  void table_neutralisesBidiControlsAndEscapes_notOnlyEsc() {
    StringWriter sw = new StringWriter();
    String[] attacks = {
      "\u202Eexe.fdp", // RIGHT-TO-LEFT OVERRIDE: the name reads "pdf.exe" backwards
      "a\u202Ab\u202Bc\u202Cd\u202De",
      "x\u2066y\u2067z\u2068w\u2069",
      "mark\u200Eand\u200Fmore\u061C",
      "\u001B[31mred\u001B[0m",
      "bell\u0007 and C1 \u009B",
      "line\u2028sep\u2029para"
    };
    Table table = Table.withColumns("TEXT");
    for (String attack : attacks) {
      table.row(attack);
    }
    table.print(new PrintWriter(sw), 200);
    String out = sw.toString();
    out.codePoints()
        .filter(cp -> cp != '\n')
        .forEach(cp -> assertThat(Text.isUnsafe(cp)).as("U+%04X printed", cp).isFalse());
    assertThat(out).contains("\uFFFDexe.fdp", "\uFFFD[31mred\uFFFD[0m");
  }

  @Test
  void safe_keepsLineBreaksButNothingElseUnsafe() {
    assertThat(Text.safe("one\r\ntwo\n\u202Ethree\tfour")).isEqualTo("one\ntwo\n\uFFFDthree four");
    assertThat(Text.oneLine("emoji 👨‍👩‍👧 stays")).isEqualTo("emoji 👨‍👩‍👧 stays");
  }

  @Test
  void printerLine_andJson_neverWriteABidiControlAsItIs() throws Exception {
    StringWriter sw = new StringWriter();
    Printer printer = new Printer(new PrintWriter(sw), ZoneId.of("UTC"), null);
    printer.line("Customer:  \u202Eanna");
    printer.json(java.util.Map.of("name", "\u202Eanna\u2066"));
    printer.jsonLine(java.util.Map.of("name", "\u202Eanna"));
    String out = sw.toString();
    assertThat(out).doesNotContain("\u202E", "\u2066").contains("\\u202e", "\\u2066");
    // the JSON still carries the exact text
    String jsonLine = out.lines().reduce((a, b) -> b).orElseThrow();
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(jsonLine)
                .path("name")
                .asText())
        .isEqualTo("\u202Eanna");
  }
}
