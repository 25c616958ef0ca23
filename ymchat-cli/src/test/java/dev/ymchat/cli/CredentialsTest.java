package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Credentials come from a flag, then the environment, then the profile; login and logout manage the
 * profile.
 */
class CredentialsTest {

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

  private String lastApiKey() {
    List<String> values = api.requestHeaders.get(api.requestHeaders.size() - 1).get("Api-key");
    return values == null ? null : values.get(0);
  }

  private String lastPath() {
    return api.requests.get(api.requests.size() - 1);
  }

  @Test
  void noCredentialsAnywhere_isAUsageErrorThatSaysHowToSetThem() {
    CliRun.Result result = new CliRun(dir).run("chats");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err())
        .contains(
            "no credentials",
            "--api-key",
            "YM_API_KEY",
            "ymchat login",
            "--sandbox",
            "ymchat demo");
  }

  @Test
  void credentialsWithoutBusiness_isAUsageErrorNamingTheBusinessSettings() {
    CliRun.Result result = new CliRun(dir).env("YM_API_KEY", "k").run("chats");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("no business id", "--business", "YM_BUSINESS_ID");
  }

  @Test
  void flagWinsOverEnvironmentWhichWinsOverProfile() {
    CliRun run = new CliRun(dir);
    assertThat(
            run.run(
                    "login",
                    "--api-key",
                    "profile-key",
                    "--business",
                    "3",
                    "--base-url",
                    api.baseUrl())
                .exitCode())
        .isZero();

    assertThat(run.run("chats").exitCode()).isZero();
    assertThat(lastApiKey()).isEqualTo("profile-key");
    assertThat(lastPath()).contains("/businesses/3/chats");

    run.env("YM_API_KEY", "env-key").env("YM_BUSINESS_ID", "4");
    assertThat(run.run("chats").exitCode()).isZero();
    assertThat(lastApiKey()).isEqualTo("env-key");
    assertThat(lastPath()).contains("/businesses/4/chats");

    assertThat(run.run("chats", "--api-key", "flag-key", "--business", "5").exitCode()).isZero();
    assertThat(lastApiKey()).isEqualTo("flag-key");
    assertThat(lastPath()).contains("/businesses/5/chats");
  }

  @Test
  void oauthTokenFromEnvironment_isSentAsBearer() {
    CliRun.Result result =
        new CliRun(dir)
            .env("YM_OAUTH_TOKEN", "tok")
            .env("YM_BUSINESS_ID", "7")
            .env("YM_BASE_URL", api.baseUrl())
            .run("chats");
    assertThat(result.exitCode()).isZero();
    assertThat(api.requestHeaders.get(0).get("Authorization")).containsExactly("Bearer tok");
  }

  @Test
  void keyAndTokenTogether_isAUsageError() {
    CliRun.Result result =
        new CliRun(dir).run("chats", "--api-key", "a", "--oauth-token", "b", "--business", "1");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("either --api-key or --oauth-token");
  }

  @Test
  void badBusinessInEnvironment_isAUsageError() {
    CliRun.Result result =
        new CliRun(dir).env("YM_API_KEY", "k").env("YM_BUSINESS_ID", "shop").run("chats");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("YM_BUSINESS_ID", "positive number");
  }

  @Test
  void sandboxFlag_ignoresEnvironmentAndUsesDemoCredentials() {
    CliRun.Result result =
        new CliRun(dir)
            .env("YM_API_KEY", "live-key")
            .env("YM_BUSINESS_ID", "99")
            .run("chats", "--sandbox", "--base-url", api.baseUrl());
    assertThat(result.exitCode()).isZero();
    assertThat(lastApiKey()).isEqualTo(Settings.SANDBOX_API_KEY);
    assertThat(lastPath()).contains("/businesses/1001/chats");
  }

  @Test
  void login_writesAProfileOnlyTheOwnerCanRead_withoutPrintingTheSecret() throws IOException {
    Path configDir = dir.resolve("cfg");
    CliRun.Result result =
        new CliRun(configDir).run("login", "--api-key", "very-secret", "--business", "1001");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Saved API key", "business 1001")
        .doesNotContain("very-secret");
    Path file = configDir.resolve("config.properties");
    assertThat(Files.readString(file)).contains("api-key=very-secret", "business-id=1001");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir)))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void login_withATokenReplacesTheSavedKeyAndKeepsTheBusiness() throws IOException {
    CliRun run = new CliRun(dir);
    run.run("login", "--api-key", "k1", "--business", "1001");
    CliRun.Result result = run.run("login", "--oauth-token", "t1", "--output", "json");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("\"credential\" : \"OAuth token\"", "\"businessId\" : \"1001\"");
    String profile = Files.readString(dir.resolve("config.properties"));
    assertThat(profile).contains("oauth-token=t1", "business-id=1001").doesNotContain("api-key");
  }

  @Test
  void login_withNothingToSave_isAUsageError() {
    CliRun.Result result = new CliRun(dir).run("login");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--api-key");
  }

  @Test
  void xdgConfigHome_isUsedWhenNoOverrideIsSet() {
    Path xdg = dir.resolve("xdg");
    CliRun run =
        new CliRun(dir).env("YMCHAT_CONFIG_DIR", "").env("XDG_CONFIG_HOME", xdg.toString());
    assertThat(run.run("login", "--api-key", "k").exitCode()).isZero();
    assertThat(xdg.resolve("ymchat/config.properties")).exists();
  }

  @Test
  void logout_deletesTheProfile_andIsHarmlessWhenThereIsNone() {
    CliRun run = new CliRun(dir);
    run.run("login", "--api-key", "k", "--business", "1");
    CliRun.Result first = run.run("logout");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("Deleted");
    assertThat(dir.resolve("config.properties")).doesNotExist();
    CliRun.Result second = run.run("logout");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains("nothing to do");
    assertThat(run.run("chats").exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
