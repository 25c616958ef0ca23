package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** --version, bounded options, help texts and the options each command shows and takes. */
class VersionAndHelpTest {

  @TempDir Path dir;

  private CliRun.Result run(String... args) {
    return new CliRun(dir).run(args);
  }

  @Test
  void version_isTheBuildsVersion() {
    String expected = System.getProperty("ymchat.expectedVersion");
    assertThat(expected).as("set by the POM from ${project.version}").isNotBlank();
    CliRun.Result result = run("--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("ymchat " + expected + System.lineSeparator());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "chats --limit 50|'50' is out of range: give 1..20",
        "chats --limit 0|'0' is out of range: give 1..20",
        "history 10000 --limit 101|'101' is out of range: give 1..100",
        "history 10000 --from 0|'0' must be at least 1",
        "watch --max-polls 0|'0' must be at least 1",
        "watch --chats-quota 0|'0' must be at least 1",
        "watch --history-quota -5|'-5' must be at least 1",
        "watch --interval 0s|must be longer than zero",
        "chats --order 0|'0' must be at least 1",
        "chat 0|'0' must be at least 1",
        "message 10000 -1|'-1' must be at least 1",
        "send 0 hello|'0' must be at least 1",
        "download 10000 0|'0' must be at least 1",
        "create --order 0|'0' must be at least 1",
        "create --return 0|'0' must be at least 1",
        "sandbox --port 70000|'70000' is out of range: give 0..65535",
        "sandbox --port -1|'-1' is out of range: give 0..65535",
        "chats --business 0|--business must be a positive number",
        "sandbox --in-memory --webhook not-a-url|--webhook:",
        "sandbox --in-memory --faults 500=7|--faults:"
      })
  void anOptionValueOutOfRange_isAUsageError_beforeAnythingIsSent(String line, String message) {
    List<String> args = new ArrayList<>(List.of(line.split(" ")));
    if (!args.get(0).equals("sandbox")) {
      // a closed loopback port: had anything been sent, the exit code would be 7
      args.addAll(List.of("--sandbox", "--base-url", "http://127.0.0.1:9"));
    }
    CliRun.Result result = run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(message);
  }

  @Test
  void everyHelpText_isOneParagraph_thatPicocliWraps() {
    CommandLine cli = Main.commandLine(CliContext.builder().out(sink()).err(sink()).build());
    List<String> problems = new ArrayList<>();
    check(cli.getCommandSpec(), problems);
    assertThat(problems).isEmpty();
  }

  private static void check(CommandSpec spec, List<String> problems) {
    String name = spec.qualifiedName();
    checkText(name + " description", spec.usageMessage().description(), problems);
    for (ArgSpec arg : spec.args()) {
      checkText(name + " " + arg, arg.description(), problems);
    }
    for (String paragraph : spec.usageMessage().footer()) {
      if (!paragraph.isEmpty() && !paragraph.endsWith(".")) {
        problems.add(name + " footer paragraph does not end a sentence: " + paragraph);
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      check(sub.getCommandSpec(), problems);
    }
  }

  /**
   * Picocli prints each element of a description on a line of its own: an element must be a whole
   * paragraph (a summary sentence, then the details), never a piece of a sentence broken by hand.
   * Option descriptions are one paragraph.
   */
  private static void checkText(String where, String[] paragraphs, List<String> problems) {
    if (where.contains("--") && paragraphs.length > 1) {
      problems.add(where + " has " + paragraphs.length + " lines instead of one paragraph");
    }
    for (String paragraph : paragraphs) {
      if (paragraph.contains("\n") || paragraph.contains("%n")) {
        problems.add(where + " has a line break: " + paragraph);
      }
      if (!paragraph.isEmpty() && !paragraph.matches("(?s).*[.)]")) {
        problems.add(where + " has a line that does not end a sentence: " + paragraph);
      }
    }
  }

  @Test
  void help_isWrappedToTheTerminalWidth() {
    for (String width : List.of("60", "120")) {
      String help = new CliRun(dir).env("COLUMNS", width).run("watch", "--help").out();
      assertThat(help.lines())
          .allSatisfy(
              line -> assertThat(line.length()).isLessThanOrEqualTo(Integer.parseInt(width)));
    }
    String wide = new CliRun(dir).env("COLUMNS", "200").run("export", "--help").out();
    assertThat(wide.lines().filter(l -> l.startsWith("Export every chat"))).hasSize(1);
  }

  @Test
  void sandboxHelp_listsOnlyTheSandboxsOptions() {
    CliRun.Result result = run("sandbox", "--help");
    assertThat(result.exitCode()).isZero();
    assertThat(optionNames(result.out()))
        .containsExactly(
            "--port",
            "--host",
            "--data",
            "--in-memory",
            "--seed-demo",
            "--webhook",
            "--admin-token",
            "--no-rate-limits",
            "--faults",
            "-v",
            "-h",
            "-V");
    assertThat(optionNames(run("demo", "--help").out()))
        .containsExactlyInAnyOrder("-v", "-h", "-V");
  }

  /** The first name of each option line of a help text, such as --port or -v. */
  private static List<String> optionNames(String help) {
    // option lines start within the first columns; wrapped description lines are indented deeper
    return help.lines()
        .filter(line -> line.matches(" {0,8}-.*"))
        .map(String::strip)
        .map(line -> line.split("[ ,=]")[0])
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sandbox --api-key k --in-memory|Unknown options: '--api-key', 'k'",
        "sandbox --output json|Unknown options: '--output', 'json'",
        "--api-key k sandbox --in-memory|--api-key does not apply to `ymchat sandbox`",
        "--business 5 demo|--business does not apply to `ymchat demo`",
        "-o json sandbox|--output does not apply to `ymchat sandbox`"
      })
  void apiOptions_areRefusedBySandboxAndDemo(String line, String message) {
    CliRun.Result result = run(line.split(" "));
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains(message);
  }

  @Test
  void optionsBeforeTheCommand_stillWorkWhereTheyApply() {
    CliRun.Result result =
        run("-o", "json", "--sandbox", "--base-url", "http://127.0.0.1:9", "chats");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NETWORK);
  }

  private static PrintWriter sink() {
    return new PrintWriter(new StringWriter());
  }
}
