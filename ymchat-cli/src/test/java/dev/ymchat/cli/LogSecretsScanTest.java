package dev.ymchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.testsupport.LogScan;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the CLI's tests wrote, and everything the commands printed to stdout and
 * stderr (cli-output.log, written by {@link CliRun}), for credentials. Runs in surefire's separate
 * {@code scan-test-logs} execution, after all other tests; the {@code logscan} tag keeps it out of
 * the normal run.
 */
@Tag("logscan")
class LogSecretsScanTest {

  @Test
  void testLogsAndCommandOutput_holdNoSecret() throws IOException {
    Path output =
        Path.of(System.getProperty("basedir", "."), "target", "test-logs", CliRun.OUTPUT_LOG);
    assertThat(output).as("the recorded output of the CLI's test runs").exists();
    assertThat(Files.readAllLines(output, StandardCharsets.UTF_8))
        .as("runs recorded in %s", output)
        .filteredOn(line -> line.startsWith("== ymchat "))
        .hasSizeGreaterThan(50);
    LogScan.assertNoSecretInTestLogs(
        Stream.concat(
                SandboxDemo.credentials().stream(),
                Stream.of(
                    "secret-key-123",
                    "very-secret",
                    "flag-key",
                    "no-such-key",
                    "tok-123",
                    "readme-live-example-key"))
            .toList(),
        Map.of(
            "the in-process sandbox's access log",
            line -> line.contains("dev.ymchat.sandbox.access")),
        Map.of(
            "ymchat demo names the embedded sandbox's public demo key, so that a user can call it",
            line ->
                line.startsWith("  (in memory, demo data; business ")
                    && line.contains(", API key " + SandboxDemo.ALL_METHODS_KEY + "; ")));
  }
}
