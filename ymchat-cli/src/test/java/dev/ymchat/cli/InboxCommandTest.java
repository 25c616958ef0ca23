package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxCommandTest {

  @TempDir Path dir;

  private String db() {
    return "jdbc:h2:file:" + dir.resolve("mirror").toAbsolutePath();
  }

  @Test
  void users_addListGrantRevokePasswdRemove_withThePasswordFromStdin() {
    CliRun.Result add =
        new CliRun(dir)
            .stdin("a-long-enough-password\n")
            .run(
                "inbox",
                "user",
                "add",
                "anna",
                "--business",
                "1001",
                "--db",
                db(),
                "--password-stdin");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("added operator anna for business 1001");
    assertThat(add.out() + add.err()).doesNotContain("a-long-enough-password");

    assertThat(
            new CliRun(dir)
                .run("inbox", "user", "grant", "anna", "--business", "1002", "--db", db())
                .exitCode())
        .isZero();
    CliRun.Result list = new CliRun(dir).run("inbox", "user", "list", "--db", db());
    assertThat(list.out()).contains("anna  businesses 1001, 1002");
    assertThat(
            new CliRun(dir)
                .run("inbox", "user", "revoke", "anna", "--business", "1002", "--db", db())
                .exitCode())
        .isZero();
    assertThat(new CliRun(dir).run("inbox", "user", "list", "--db", db()).out())
        .contains("anna  businesses 1001")
        .doesNotContain("1002");
    CliRun.Result passwd =
        new CliRun(dir)
            .stdin("another-long-password\n")
            .run("inbox", "user", "passwd", "anna", "--db", db(), "--password-stdin");
    assertThat(passwd.exitCode()).as(passwd.err()).isZero();
    assertThat(new CliRun(dir).run("inbox", "user", "remove", "anna", "--db", db()).exitCode())
        .isZero();
    assertThat(new CliRun(dir).run("inbox", "user", "list", "--db", db()).out())
        .contains("no operators yet");
  }

  @Test
  void badInput_isAUsageErrorThatSaysWhatToDo() {
    CliRun.Result shortPassword =
        new CliRun(dir)
            .stdin("short\n")
            .run(
                "inbox",
                "user",
                "add",
                "anna",
                "--business",
                "1001",
                "--db",
                db(),
                "--password-stdin");
    assertThat(shortPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(shortPassword.err()).contains("at least 10 characters");

    CliRun.Result noTerminal =
        new CliRun(dir)
            .terminal(false)
            .run("inbox", "user", "add", "anna", "--business", "1", "--db", db());
    assertThat(noTerminal.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noTerminal.err()).contains("--password-stdin");

    CliRun.Result password =
        new CliRun(dir)
            .run(
                "inbox", "user", "add", "anna", "--business", "1", "--password", "x", "--db", db());
    assertThat(password.exitCode()).isEqualTo(ExitCodes.USAGE);

    CliRun.Result unknown = new CliRun(dir).run("inbox", "user", "remove", "nobody", "--db", db());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("no operator nobody");
  }

  @Test
  void demo_printsTheAddressAndALogin_andStopsCleanly() {
    CliRun.Result demo = new CliRun(dir).run("inbox", "--demo", "--port", "0", "--run-for", "1s");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("open      http://127.0.0.1:")
        .contains("login     demo")
        .contains("password  ")
        .contains("stopped");
  }
}
