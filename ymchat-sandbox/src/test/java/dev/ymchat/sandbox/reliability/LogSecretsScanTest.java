package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.SandboxDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the module's tests wrote (logback-test.xml sends all of it to
 * target/test-logs/) for credentials. Runs in surefire's separate {@code scan-test-logs} execution,
 * after all other tests; the {@code logscan} tag keeps it out of the normal run.
 */
@Tag("logscan")
class LogSecretsScanTest {

  /** Every credential the sandbox's tests use. */
  private static final List<String> SECRETS =
      List.of(
          SandboxDemo.ALL_METHODS_KEY,
          SandboxDemo.READ_ONLY_KEY,
          SandboxDemo.COMMUNICATION_KEY,
          SandboxDemo.OAUTH_TOKEN,
          SandboxDemo.OTHER_BUSINESS_KEY,
          SandboxDemo.ADMIN_TOKEN,
          "reliability-paging-key");

  /** A credential header written out with a value, whatever the value. */
  private static final Pattern HEADER_VALUE =
      Pattern.compile(
          "(?i)(api-key\\s*[:=]\\s*[^\\s*<\\[]|authorization\\s*[:=]\\s*\\S|bearer\\s+[a-z0-9._~+/-]{3,}"
              + "|oauth_token=[^\\s*]|x-sandbox-admin-token\\s*[:=]\\s*[^\\s*])");

  @Test
  void testLogs_holdNoSecret() throws IOException {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "test-logs");
    Path main = dir.resolve("tests.log");
    assertThat(main)
        .as("the log of the test run (is logback-test.xml writing to target/test-logs?)")
        .exists();
    List<String> mainLines = Files.readAllLines(main, StandardCharsets.UTF_8);
    assertThat(mainLines).as("lines in %s", main).isNotEmpty();
    assertThat(mainLines)
        .as("the sandbox's own lines reached %s", main)
        .anyMatch(l -> l.contains("ymchat sandbox listening on"))
        .anyMatch(l -> l.contains("dev.ymchat.sandbox.access"));

    List<String> findings = new ArrayList<>();
    long scanned = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log"))::iterator) {
        if (file.getFileName().toString().equals("scan.log")) {
          continue;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
          String line =
              new String(
                  lines.get(i).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
          scanned++;
          for (String secret : SECRETS) {
            if (line.contains(secret)) {
              findings.add(
                  file.getFileName()
                      + ":"
                      + (i + 1)
                      + " holds the secret "
                      + mask(secret)
                      + ": "
                      + line.replace(secret, mask(secret)));
            }
          }
          if (HEADER_VALUE.matcher(line).find()) {
            String shown = line;
            for (String secret : SECRETS) {
              shown = shown.replace(secret, mask(secret));
            }
            findings.add(
                file.getFileName()
                    + ":"
                    + (i + 1)
                    + " writes a credential header's value: "
                    + shown);
          }
        }
      }
    }
    System.out.println(
        "RELIABILITY log-scan: files="
            + dir
            + " lines="
            + scanned
            + " findings="
            + findings.size());
    assertThat(findings)
        .as("log lines holding credentials (remove the value from the log call)")
        .isEmpty();
  }

  private static String mask(String secret) {
    return secret.substring(0, 3) + "***";
  }
}
