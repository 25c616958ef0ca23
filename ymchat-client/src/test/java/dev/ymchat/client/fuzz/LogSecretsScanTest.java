package dev.ymchat.client.fuzz;

import dev.ymchat.client.testsupport.LogScan;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the client's tests wrote for credentials. Runs in surefire's separate {@code
 * scan-test-logs} execution, after all other tests; the {@code logscan} tag keeps it out of the
 * normal run.
 */
@Tag("logscan")
class LogSecretsScanTest {

  @Test
  void testLogs_holdNoSecret() throws IOException {
    LogScan.assertNoSecretInTestLogs(
        List.of(
            "test-api-key-SECRET-0123",
            "oauth-TOKEN-SECRET-9876",
            "oauth-SECRET",
            "fuzz-secret-api-key-7f3a"),
        Map.of("the client's own debug lines", line -> line.contains(" dev.ymchat.client")));
  }
}
