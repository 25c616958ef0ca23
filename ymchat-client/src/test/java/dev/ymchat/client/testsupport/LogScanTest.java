package dev.ymchat.client.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogScanTest {

  @Test
  void credentialHeadersWithValues_areFound() {
    assertThat(LogScan.writesCredentialHeader("GET /chats Api-Key: demo-all-methods-key")).isTrue();
    assertThat(LogScan.writesCredentialHeader("headers={api-key=abc}")).isTrue();
    assertThat(LogScan.writesCredentialHeader("Authorization: Bearer y0_AgAAAA")).isTrue();
    assertThat(LogScan.writesCredentialHeader("Authorization: OAuth oauth_token=y0_x")).isTrue();
    assertThat(LogScan.writesCredentialHeader("authorization=abc")).isTrue();
    assertThat(LogScan.writesCredentialHeader("X-Sandbox-Admin-Token: t")).isTrue();
    assertThat(LogScan.writesCredentialHeader("api-key=key-of-lowercase")).isTrue();
  }

  @Test
  void usagePlaceholdersAndRedactedValues_areNotFindings() {
    assertThat(LogScan.writesCredentialHeader("Usage: ymchat chats [--api-key=KEY]")).isFalse();
    assertThat(
            LogScan.writesCredentialHeader(
                "  --oauth-token=TOKEN   OAuth token (Authorization: Bearer); else"))
        .isFalse();
    assertThat(LogScan.writesCredentialHeader("headers=[Api-Key]")).isFalse();
    assertThat(LogScan.writesCredentialHeader("Api-Key: ***")).isFalse();
  }
}
