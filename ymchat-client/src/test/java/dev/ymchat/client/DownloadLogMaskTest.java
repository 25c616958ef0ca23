package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ymchat.client.internal.LogUrls;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.testsupport.CapturedLogs;
import java.io.InputStream;
import java.net.URI;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request log (what {@code ymchat -v} prints) never shows the secret key of a file URL. */
class DownloadLogMaskTest {

  private static final String FILE_KEY = "k3Y9sEcReT0000aaaa";

  private final Stub stub = new Stub();
  @RegisterExtension final CapturedLogs logs = new CapturedLogs("dev.ymchat.client");

  @AfterEach
  void close() {
    stub.close();
  }

  private String downloadAndLog(String url) throws Exception {
    stub.enqueue(new MockResponse.Builder().code(200).body("x").build());
    try (ChatsClient client = stub.client().build();
        InputStream in = client.openDownload(new MessagePayload("a.pdf", url, 1))) {
      in.readAllBytes();
    }
    return logs.events().stream()
        .map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void sandboxFileUrl_isLoggedWithItsKeyMasked_asTheSandboxAccessLogDoes() throws Exception {
    String log = downloadAndLog("/sandbox/files/" + FILE_KEY + "/%D1%81%D1%87%D1%91%D1%82.pdf");
    assertThat(log)
        .contains(
            "download GET "
                + stub.baseUrl()
                + "/sandbox/files/***/%D1%81%D1%87%D1%91%D1%82.pdf -> HTTP 200 (credentials sent")
        .doesNotContain(FILE_KEY);
  }

  @Test
  void otherFileUrl_isLoggedWithItsOddSegmentsAndQueryMasked() throws Exception {
    String log = downloadAndLog("/storage/chat-files/" + FILE_KEY + "/report.pdf?sign=" + FILE_KEY);
    assertThat(log)
        .contains("download GET " + stub.baseUrl() + "/storage/chat-files/***/***?*** -> HTTP 200")
        .doesNotContain(FILE_KEY)
        .doesNotContain("sign=");
  }

  @Test
  void mask_keepsPlainWordsOnly() {
    assertThat(LogUrls.mask(URI.create("https://s.example/get-file/AbC123/x_y?a=b#frag")))
        .isEqualTo("https://s.example/get-file/***/x_y?***");
    assertThat(LogUrls.mask(URI.create("http://127.0.0.1:8080/sandbox/files/abc/n.txt")))
        .isEqualTo("http://127.0.0.1:8080/sandbox/files/***/n.txt");
    assertThat(LogUrls.mask(URI.create("https://s.example/files/deadbeefdeadbeefdeadbeefdeadbeef")))
        .isEqualTo("https://s.example/files/***");
    assertThat(LogUrls.mask(URI.create("https://s.example/"))).isEqualTo("https://s.example/");
    assertThat(LogUrls.mask("mailto:someone@example.com")).isEqualTo("***");
    assertThat(LogUrls.mask("http://bad host/")).isEqualTo("***");
  }
}
