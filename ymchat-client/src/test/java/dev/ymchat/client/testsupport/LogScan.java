package dev.ymchat.client.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans every log line a module's tests wrote (its logback-test.xml sends all of it to
 * target/test-logs/) for credentials. Shared by the modules' {@code LogSecretsScanTest}s through
 * the client's test jar.
 */
public final class LogScan {

  /**
   * A credential header written out with a value, whatever the value; a usage text's placeholder
   * ({@code --api-key=KEY}, {@code Authorization: Bearer} without a token) is not a value.
   */
  private static final Pattern HEADER_VALUE =
      Pattern.compile(
          "(?i)(api-key\\s*[:=]\\s*(?-i:(?!KEY\\b))[^\\s*<\\[]"
              + "|authorization\\s*[:=]\\s*(?!bearer\\b)\\S|bearer\\s+[a-z0-9._~+/-]{3,}"
              + "|oauth_token=[^\\s*]|x-sandbox-admin-token\\s*[:=]\\s*[^\\s*])");

  private LogScan() {}

  /**
   * Fails when a log line of this module's test run holds one of the secrets or a credential
   * header's value, or when the log is missing, empty or lacks the module's own lines (so the scan
   * cannot pass by reading nothing).
   *
   * @param secrets every credential the module's tests use
   * @param ownLines what the module's own log lines look like, by description; each must appear
   * @throws IOException when the logs cannot be read
   */
  public static void assertNoSecretInTestLogs(
      List<String> secrets, Map<String, Predicate<String>> ownLines) throws IOException {
    assertNoSecretInTestLogs(secrets, ownLines, Map.of());
  }

  /**
   * As {@link #assertNoSecretInTestLogs(List, Map)}, with lines that show a credential on purpose
   * (such as the demo sandbox's public key, printed so that a user can call it) left out of the
   * scan. Each allowance must be met at least once, so that it cannot outlive its reason.
   *
   * @param secrets every credential the module's tests use
   * @param ownLines what the module's own log lines look like, by description; each must appear
   * @param allowed lines that may show a credential, by the reason they may
   * @throws IOException when the logs cannot be read
   */
  public static void assertNoSecretInTestLogs(
      List<String> secrets,
      Map<String, Predicate<String>> ownLines,
      Map<String, Predicate<String>> allowed)
      throws IOException {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "test-logs");
    Path main = dir.resolve("tests.log");
    assertThat(main)
        .as("the log of the test run (is logback-test.xml writing to target/test-logs?)")
        .exists();
    List<String> mainLines = Files.readAllLines(main, StandardCharsets.UTF_8);
    assertThat(mainLines).as("lines in %s", main).isNotEmpty();
    ownLines.forEach(
        (description, line) ->
            assertThat(mainLines).as("%s reached %s", description, main).anyMatch(line));

    List<String> findings = new ArrayList<>();
    Set<String> allowances = new HashSet<>();
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
          String shownLine = line;
          List<String> reasons =
              allowed.entrySet().stream()
                  .filter(e -> e.getValue().test(shownLine))
                  .map(Map.Entry::getKey)
                  .toList();
          if (!reasons.isEmpty()) {
            allowances.addAll(reasons);
            continue;
          }
          for (String secret : secrets) {
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
          if (writesCredentialHeader(line)) {
            String shown = line;
            for (String secret : secrets) {
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
    assertThat(allowances)
        .as("allowed lines that occurred (drop an allowance nothing needs)")
        .containsExactlyInAnyOrderElementsOf(allowed.keySet());
  }

  /**
   * Whether a line writes a credential header with its value.
   *
   * @param line a log line
   * @return {@code true} for {@code Api-Key: …}, {@code Authorization: …}, a bearer token and the
   *     like; {@code false} for a usage text's placeholders
   */
  static boolean writesCredentialHeader(String line) {
    return HEADER_VALUE.matcher(line).find();
  }

  private static String mask(String secret) {
    return secret.substring(0, 3) + "***";
  }
}
