package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret needs the command line, no credential travels in clear text to another machine, and the
 * profile's file and directory are handled as an attacker on the same machine would hope not.
 */
class SecretsAndFilesOnDiskTest {

  private static final String KEY = "very-secret";

  @TempDir Path dir;
  private StubApi api;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi();
    api.answer(200, "{\"status\":\"OK\",\"result\":{\"chats\":[]}}");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Path profile() {
    return dir.resolve("config.properties");
  }

  private static boolean posix(Path path) throws IOException {
    return Files.getFileStore(path).supportsFileAttributeView("posix");
  }

  @Test
  void login_apiKeyStdin_savesTheKeyReadFromAPipe_withoutWarningOrEcho() throws IOException {
    CliRun.Result result =
        new CliRun(dir).stdin(KEY + "\n").run("login", "--api-key-stdin", "--business", "1001");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("Saved API key").doesNotContain(KEY);
    assertThat(Files.readString(profile())).contains("api-key=" + KEY, "business-id=1001");
  }

  @Test
  void login_oauthTokenStdin_savesAToken() throws IOException {
    CliRun.Result result =
        new CliRun(dir).stdin("  tok-123  \n").run("login", "--oauth-token-stdin");
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readString(profile())).contains("oauth-token=tok-123");
  }

  @Test
  void login_apiKeyStdin_refusesEmptyOrSeveralLines() {
    CliRun.Result empty = new CliRun(dir).stdin("\n").run("login", "--api-key-stdin");
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(empty.err()).contains("standard input is empty", "--api-key-stdin");
    CliRun.Result two = new CliRun(dir).stdin("a\nb\n").run("login", "--api-key-stdin");
    assertThat(two.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(two.err()).contains("several lines").doesNotContain("a\nb");
    assertThat(profile()).doesNotExist();
  }

  @Test
  void login_atATerminal_asksWithHiddenInput() throws IOException {
    CliRun cli = new CliRun(dir).typesSecret(KEY);
    CliRun.Result result = cli.run("login", "--business", "7");
    assertThat(result.exitCode()).isZero();
    assertThat(cli.prompts()).containsExactly("API key (input hidden): ");
    assertThat(result.out() + result.err()).doesNotContain(KEY);
    assertThat(Files.readString(profile())).contains("api-key=" + KEY);
  }

  @Test
  void login_withoutATerminalOrInput_saysHowToPipeTheKey() {
    CliRun.Result result = new CliRun(dir).run("login");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--api-key-stdin", "YM_API_KEY");
  }

  @Test
  void login_apiKeyFlag_stillWorks_butWarnsThatOthersSeeIt() throws IOException {
    CliRun.Result result = new CliRun(dir).run("login", "--api-key", KEY);
    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err())
        .contains("warning", "visible to other users", "ps", "--api-key-stdin")
        .doesNotContain(KEY);
    assertThat(Files.readString(profile())).contains("api-key=" + KEY);
  }

  @Test
  void login_stdinAndAFlagTogether_isAUsageError() {
    CliRun.Result result =
        new CliRun(dir).stdin(KEY).run("login", "--api-key-stdin", "--api-key", "other");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void loginHelp_offersStdinAndMarksTheFlagsDeprecated() {
    String help = new CliRun(dir).env("COLUMNS", "200").run("login", "--help").out();
    assertThat(help).contains("--api-key-stdin", "--oauth-token-stdin");
    assertThat(
            help.lines()
                .filter(l -> l.trim().startsWith("--api-key=KEY"))
                .findFirst()
                .orElseThrow())
        .contains("Deprecated", "ps");
  }

  @Test
  void keyFromEnvironment_isNotSentInClearTextToAnotherMachine() {
    CliRun.Result result =
        new CliRun(dir)
            .env("YM_API_KEY", KEY)
            .env("YM_BUSINESS_ID", "1")
            // 0.0.0.0 is not a loopback name, but should the refusal ever break, a connection
            // to it stays on this machine: no test may send anything to another one
            .run("chats", "--base-url", "http://0.0.0.0:9");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("refusing to send the API key from YM_API_KEY in clear text", "http://0.0.0.0:9")
        .contains("https://", "--allow-insecure")
        .doesNotContain(KEY);
  }

  @Test
  void keyFromProfile_isNotSentInClearTextToAnotherMachine() {
    CliRun run = new CliRun(dir);
    assertThat(
            run.stdin(KEY)
                .run(
                    "login", "--api-key-stdin", "--business", "1", "--base-url", "http://0.0.0.0:9")
                .exitCode())
        .isZero();
    CliRun.Result result = run.run("chats");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("from profile", "http://0.0.0.0:9");
  }

  @Test
  void overLoopback_plainHttpIsFine_andAFlagGivesNoWarning() {
    CliRun.Result result =
        new CliRun(dir)
            .run("chats", "--api-key", KEY, "--business", "1", "--base-url", api.baseUrl());
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void transportCheck_warnsForAFlagKeyAndAnAllowedInsecureUrl() {
    Settings overHttps =
        new Settings(KEY, null, 1L, "https://api.partner.market.yandex.ru", "flag");
    assertThat(GlobalOptions.transportWarnings(overHttps, false, "--api-key"))
        .singleElement()
        .asString()
        .contains("--api-key is visible to other users", "YM_API_KEY");
    Settings overHttp = new Settings(KEY, null, 1L, "http://192.0.2.10", "YM_API_KEY");
    assertThat(GlobalOptions.transportWarnings(overHttp, true, null))
        .singleElement()
        .asString()
        .contains("in clear text to http://192.0.2.10 (--allow-insecure)");
    Settings fromEnv = new Settings(KEY, null, 1L, "https://api.partner.market.yandex.ru", "env");
    assertThat(GlobalOptions.transportWarnings(fromEnv, false, null)).isEmpty();
  }

  @Test
  void loopback_isLocalhostOr127Or6LoopbackLiterals_only() {
    assertThat(Settings.isLoopback("http://127.0.0.1:8080")).isTrue();
    assertThat(Settings.isLoopback("http://127.4.5.6")).isTrue();
    assertThat(Settings.isLoopback("http://localhost:1")).isTrue();
    assertThat(Settings.isLoopback("http://[::1]:8080")).isTrue();
    assertThat(Settings.isLoopback("http://10.0.0.1")).isFalse();
    assertThat(Settings.isLoopback("http://127.0.0.1.nip.io")).isFalse();
    assertThat(Settings.isLoopback("http://example.com")).isFalse();
    assertThat(Settings.isLoopback("not a url")).isFalse();
  }

  @Test
  void profileReadableByOthers_getsAWarningNamingTheFileAndTheFix() throws IOException {
    assumeThat(posix(dir)).isTrue();
    new CliRun(dir)
        .stdin(KEY)
        .run("login", "--api-key-stdin", "--business", "1", "--base-url", api.baseUrl());
    Files.setPosixFilePermissions(profile(), PosixFilePermissions.fromString("rw-r--r--"));
    CliRun.Result result = new CliRun(dir).run("chats");
    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines())
        .singleElement()
        .asString()
        .contains(
            "warning", profile().toString(), "other users can read", "chmod 600 " + profile());
    Files.setPosixFilePermissions(profile(), PosixFilePermissions.fromString("rw-------"));
    assertThat(new CliRun(dir).run("chats").err()).isEmpty();
  }

  @Test
  void symlinkedConfigDirectory_isNotChmoddedThrough_andTheFileIsStillOwnerOnly()
      throws IOException {
    assumeThat(posix(dir)).isTrue();
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(dir.resolve("cfg"), shared);
    CliRun.Result result = new CliRun(link).stdin(KEY).run("login", "--api-key-stdin");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxr-xr-x");
    assertThat(result.err()).contains("symbolic link", shared.toString(), "left as they are");
    Path file = shared.resolve("config.properties");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("api-key=" + KEY);
  }

  @Test
  void aProfileThatIsASymbolicLink_isReplacedByTheNewFile_notWrittenThrough() throws IOException {
    assumeThat(posix(dir)).isTrue();
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Files.createSymbolicLink(profile(), victim);
    CliRun.Result result = new CliRun(dir).stdin(KEY).run("login", "--api-key-stdin");
    assertThat(result.exitCode()).isZero();
    assertThat(victim).hasContent("keep me");
    assertThat(Files.isSymbolicLink(profile())).isFalse();
    assertThat(List.of(Files.readString(profile()))).singleElement().asString().contains(KEY);
  }
}
