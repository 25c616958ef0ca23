package dev.ymchat.inbox;

import dev.ymchat.client.testsupport.LogScan;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans every log line the inbox's tests wrote for credentials, the operators' test password
 * included. Runs in surefire's separate {@code scan-test-logs} execution, after all other tests.
 */
@Tag("logscan")
class LogSecretsScanTest {

  @Test
  void testLogs_holdNoSecret() throws IOException {
    List<String> secrets = new ArrayList<>(SandboxDemo.credentials());
    secrets.add(Stack.PASSWORD);
    LogScan.assertNoSecretInTestLogs(
        secrets,
        Map.of(
            "the client's request log", line -> line.contains("dev.ymchat.client - "),
            "the inbox's own log", line -> line.contains("dev.ymchat.inbox.")));
  }
}
