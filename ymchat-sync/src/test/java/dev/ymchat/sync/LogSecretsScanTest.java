package dev.ymchat.sync;

import dev.ymchat.client.testsupport.LogScan;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the sync's tests wrote (worker processes included) for credentials. Runs in
 * surefire's separate {@code scan-test-logs} execution, after all other tests.
 */
@Tag("logscan")
class LogSecretsScanTest {

  @Test
  void testLogs_holdNoSecret() throws IOException {
    LogScan.assertNoSecretInTestLogs(
        SandboxDemo.credentials(),
        Map.of(
            "the client's request log", line -> line.contains("dev.ymchat.client - "),
            "the sync's own log", line -> line.contains("dev.ymchat.sync.")));
  }
}
