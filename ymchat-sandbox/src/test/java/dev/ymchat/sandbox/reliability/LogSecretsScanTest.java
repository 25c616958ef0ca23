package dev.ymchat.sandbox.reliability;

import dev.ymchat.client.testsupport.LogScan;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the sandbox's tests wrote for credentials. Runs in surefire's separate
 * {@code scan-test-logs} execution, after all other tests; the {@code logscan} tag keeps it out of
 * the normal run.
 */
@Tag("logscan")
class LogSecretsScanTest {

  @Test
  void testLogs_holdNoSecret() throws IOException {
    LogScan.assertNoSecretInTestLogs(
        Stream.concat(SandboxDemo.credentials().stream(), Stream.of("reliability-paging-key"))
            .toList(),
        Map.of(
            "the sandbox's start-up line", line -> line.contains("ymchat sandbox listening on"),
            "the sandbox's access log", line -> line.contains("dev.ymchat.sandbox.access")));
  }
}
