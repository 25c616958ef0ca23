package dev.ymchat.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.CliRun;
import dev.ymchat.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs every shell example of every README ({@code README.md} and {@code * /README.md}), in order,
 * against a fresh demo sandbox, so the documentation cannot drift from the code.
 *
 * <p>How a README is run: in a new temporary working directory (holding {@code invoice.pdf}, the
 * file the examples send) with a new {@code XDG_CONFIG_HOME} and {@code HOME}. Each {@code ./ymchat
 * …} line runs in-process through {@link Main}, after {@link ShellLine} parsed it; a {@code curl}
 * line to the sandbox runs through {@link Curl}; a line it cannot parse, or another command, fails
 * the test. The line {@code ./ymchat sandbox … &} starts the README's sandbox, as written but on a
 * free port; a README that calls a sandbox without starting one gets {@code ./ymchat sandbox
 * --in-memory --seed-demo}. {@code --sandbox} is pointed at that sandbox (with {@code --base-url}).
 * Each line must exit 0, or the code its comment states ({@code # exit 3}); a command still waiting
 * after two polls (watch) is stopped as by Ctrl-C and must exit 130.
 *
 * <p>Blocks are chosen by their fence: {@code sh}, {@code bash}, {@code shell}, {@code console} or
 * none are run; {@code java}, {@code text} and others are not. {@code ```sh live}: examples for the
 * live API, run against the sandbox with the live settings pointed at it ({@code YM_BASE_URL}, and
 * {@code YM_API_KEY} of business {@value #LIVE_BUSINESS}, which the test creates); a line of such a
 * block commented {@code # live API only} needs the live API's data: it is only parsed (by the
 * shell parser and by picocli), and must be in {@link #LIVE_ONLY}. {@code ```sh repo}: the
 * repository's own build and benchmark commands, not run here (they take minutes, or are this
 * build); they must be in {@link #REPO_TOOLING} and their scripts must exist.
 */
class ReadmeExamplesTest {

  /** The business the READMEs' live examples use; the test creates it in the sandbox. */
  static final long LIVE_BUSINESS = 12_345_678L;

  /** The key the test gives that business and puts in YM_API_KEY for the live examples. */
  private static final String LIVE_KEY = "readme-live-example-key";

  /** Every example marked "# live API only", as README:line text. */
  static final List<String> LIVE_ONLY =
      List.of(
          "README.md: ./ymchat send 987654 \"Спасибо за заказ!\"          # live API only: a chat"
              + " of your own",
          "ymchat-cli/README.md: ./ymchat send 987654 \"Thank you for your order!\"   # live API"
              + " only: a chat of your own");

  /** Every example of a "sh repo" block. */
  static final List<String> REPO_TOOLING =
      List.of(
          "README.md: mvn -B verify        # builds everything and runs all tests",
          "README.md: ./bench/run-benchmarks.sh     # all benchmarks: JMH, loopback client vs raw"
              + " HttpClient, sandbox throughput, export memory (~12 min)",
          "README.md: ./bench/run-reliability.sh    # the long reliability suite: mixed load,"
              + " sends under faults, kill -9 rounds, fuzzing (~9 min)",
          "README.md: ./bench/run-startup.sh        # start-up time of ./ymchat against plain"
              + " java -jar (~2 min)");

  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  private static final Pattern URL = Pattern.compile("API base URL : (http://\\S+)");
  private static final Pattern ADMIN = Pattern.compile("admin token  : (\\S+)");

  @TempDir Path dir;

  static List<Path> readmes() throws IOException {
    return ReadmeBlocks.readmes(ROOT);
  }

  @Test
  void everyModuleReadme_isFound() throws IOException {
    assertThat(readmes())
        .extracting(p -> ROOT.relativize(p).toString())
        .contains("README.md", "ymchat-cli/README.md", "ymchat-client/README.md")
        .contains("ymchat-sandbox/README.md");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readmes")
  void everyShellExample_runsAgainstAFreshDemoSandbox(Path readme) throws Exception {
    try (Runner runner = new Runner(readme, Files.createDirectories(dir.resolve("work")))) {
      for (ReadmeBlocks.Block block : ReadmeBlocks.blocks(readme)) {
        if (block.shell() && !block.marked(ReadmeBlocks.REPO)) {
          for (ReadmeBlocks.Line line : block.lines()) {
            runner.run(line, block.marked(ReadmeBlocks.LIVE));
          }
        }
      }
      assertThat(runner.failures).as("README examples that failed").isEmpty();
    }
  }

  @Test
  void liveOnlyAndRepositoryExamples_areExactlyTheListedOnes_andTheScriptsExist()
      throws IOException {
    List<String> liveOnly = new ArrayList<>();
    List<String> repo = new ArrayList<>();
    for (Path readme : readmes()) {
      for (ReadmeBlocks.Block block : ReadmeBlocks.blocks(readme)) {
        if (!block.shell()) {
          continue;
        }
        for (ReadmeBlocks.Line line : block.lines()) {
          if (line.text().isBlank() || line.text().strip().startsWith("#")) {
            continue;
          }
          String where = ROOT.relativize(readme) + ": " + line.text().strip();
          if (block.marked(ReadmeBlocks.REPO)) {
            repo.add(where);
            String first = line.text().strip().split("\\s+")[0];
            if (first.startsWith("./")) {
              assertThat(ROOT.resolve(first)).as(where).isExecutable();
            }
          } else if (line.text().contains("# live API only")) {
            assertThat(block.marked(ReadmeBlocks.LIVE))
                .as("%s is in a ```sh live block", where)
                .isTrue();
            liveOnly.add(where);
          }
        }
      }
    }
    assertThat(liveOnly).containsExactlyElementsOf(LIVE_ONLY);
    assertThat(repo).containsExactlyElementsOf(REPO_TOOLING);
  }

  /** Runs the examples of one README, each against the README's own sandbox. */
  private static final class Runner implements AutoCloseable {
    private final Path readme;
    private final Path work;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private Thread sandbox;
    private String sandboxUrl;
    private String adminToken;
    private boolean liveBusiness;

    Runner(Path readme, Path work) throws IOException {
      this.readme = readme;
      this.work = work;
      Files.write(
          work.resolve("invoice.pdf"),
          "%PDF-1.4\n% an invoice for the README examples\n%%EOF\n"
              .getBytes(StandardCharsets.US_ASCII));
      env.put("XDG_CONFIG_HOME", Files.createDirectories(work.resolve(".config")).toString());
      env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
      env.put("YMCHAT_CONFIG_DIR", "");
      env.put("COLUMNS", "120");
    }

    void run(ReadmeBlocks.Line line, boolean live) {
      try {
        runLine(line, live);
      } catch (ShellLine.SyntaxException e) {
        failures.add(where(line) + "\n    not understood: " + e.getMessage());
      } catch (Exception | AssertionError e) {
        failures.add(where(line) + "\n    " + e);
      }
    }

    private static String where(ReadmeBlocks.Line line) {
      return ROOT.relativize(line.readme()) + ":" + line.number() + ": " + line.text().strip();
    }

    private void runLine(ReadmeBlocks.Line line, boolean live) throws Exception {
      Map<String, String> lineEnv = new HashMap<>(env);
      if (live) {
        ensureSandbox();
        ensureLiveBusiness();
        lineEnv.put("YM_BASE_URL", sandboxUrl);
        lineEnv.put("YM_API_KEY", LIVE_KEY);
      }
      ShellLine shell = ShellLine.parse(line.text(), lineEnv);
      if (shell.isEmpty()) {
        return;
      }
      if (shell.words().get(0).equals("curl")) {
        if (shell.background() || shell.stdin() != null || !shell.env().isEmpty()) {
          throw new ShellLine.SyntaxException("curl with a pipe, & or assignments");
        }
        ensureSandbox();
        int code = Curl.run(shell.words(), sandboxUrl);
        int expected = shell.expectedExit().orElse(0);
        if (code != expected) {
          throw new AssertionError("curl: exit " + code + " (expected " + expected + ")");
        }
        return;
      }
      if (!shell.words().get(0).equals("./ymchat")) {
        throw new ShellLine.SyntaxException(
            "the command '"
                + shell.words().get(0)
                + "': only ./ymchat and curl lines are run; mark the block ```sh repo (tooling)"
                + " or ```text (not a command)");
      }
      lineEnv.putAll(shell.env());
      List<String> args = new ArrayList<>(shell.words().subList(1, shell.words().size()));
      String command = commandName(args);
      if (command.equals("sandbox")) {
        if (!shell.background()) {
          throw new ShellLine.SyntaxException("the sandbox runs until Ctrl-C: end the line with &");
        }
        if (sandbox != null) {
          throw new AssertionError("a second sandbox in one README");
        }
        startSandbox(args);
        return;
      }
      if (shell.background()) {
        throw new ShellLine.SyntaxException("only the sandbox line may end with &");
      }
      if (shell.liveOnly()) {
        if (!live) {
          throw new AssertionError("'# live API only' outside a ```sh live block");
        }
        return; // parsed above (shell and picocli); needs data only the live API has
      }
      int at = args.indexOf("--sandbox");
      if (at >= 0) {
        ensureSandbox();
        if (!args.contains("--base-url")) {
          args.addAll(at + 1, List.of("--base-url", sandboxUrl));
        }
      }
      CliRun cli = new CliRun(work).workingDir(work).stopAfterSleeps(2);
      lineEnv.forEach(cli::env);
      if (shell.stdin() != null) {
        cli.stdin(shell.stdin());
      }
      CliRun.Result result = cli.run(args.toArray(String[]::new));
      int expected = cli.stopped() ? 130 : shell.expectedExit().orElse(0);
      if (result.exitCode() != expected) {
        throw new AssertionError(
            "exit "
                + result.exitCode()
                + " (expected "
                + expected
                + "); stderr: "
                + result.err().strip()
                + (result.err().isBlank() ? "; stdout: " + result.out().strip() : ""));
      }
    }

    /** The command a line runs (picocli parses it, so a bad option fails here). */
    private String commandName(List<String> args) {
      CommandLine cli = Main.commandLine(context(new StringWriter()));
      ParseResult result = cli.parseArgs(args.toArray(String[]::new));
      while (result.hasSubcommand()) {
        result = result.subcommand();
      }
      return result.commandSpec().name();
    }

    private CliContext context(StringWriter out) {
      return CliContext.builder()
          .env(env)
          .out(new PrintWriter(out, true))
          .err(new PrintWriter(out, true))
          .workingDir(work)
          .build();
    }

    private void ensureSandbox() throws Exception {
      if (sandbox == null) {
        startSandbox(new ArrayList<>(List.of("sandbox", "--in-memory", "--seed-demo")));
      }
    }

    /** Runs the sandbox line in-process, on a free port; its banner gives the URL. */
    private void startSandbox(List<String> args) throws Exception {
      int port = args.indexOf("--port");
      if (port >= 0) {
        args.set(port + 1, "0");
      } else {
        args.addAll(List.of("--port", "0"));
      }
      StringWriter out = new StringWriter();
      AtomicInteger exit = new AtomicInteger(-1);
      CliContext context = context(out);
      sandbox =
          new Thread(
              () -> exit.set(Main.run(context, args.toArray(String[]::new))),
              "readme-sandbox-" + readme.getParent().getFileName());
      sandbox.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!out.toString().contains("Try:")) {
        if (!sandbox.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the sandbox did not start (exit " + exit.get() + "): " + out);
        }
        Thread.sleep(10); // waiting for another thread's banner; nothing to inject
      }
      Matcher url = URL.matcher(out.toString());
      Matcher admin = ADMIN.matcher(out.toString());
      assertThat(url.find() && admin.find()).as("URL and admin token in: " + out).isTrue();
      sandboxUrl = url.group(1);
      adminToken = admin.group(1);
    }

    /** Business {@value #LIVE_BUSINESS} with the key of YM_API_KEY, through the admin API. */
    private void ensureLiveBusiness() throws Exception {
      if (liveBusiness) {
        return;
      }
      admin("/sandbox/businesses", "{\"businessId\":" + LIVE_BUSINESS + ",\"name\":\"README\"}");
      admin(
          "/sandbox/businesses/" + LIVE_BUSINESS + "/credentials",
          "{\"kind\":\"API_KEY\",\"scope\":\"all-methods\",\"token\":\"" + LIVE_KEY + "\"}");
      liveBusiness = true;
    }

    private void admin(String path, String body) throws Exception {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(sandboxUrl + path))
                  .header("Content-Type", "application/json")
                  .header("X-Sandbox-Admin-Token", adminToken)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    @Override
    public void close() {
      if (sandbox != null) {
        sandbox.interrupt();
        try {
          sandbox.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
