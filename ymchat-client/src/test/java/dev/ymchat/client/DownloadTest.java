package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.model.MessagePayload;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

  private final Stub stub = new Stub();
  private final ChatsClient client = stub.client().build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  private void file(String content) {
    stub.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/pdf")
            .body(content)
            .build());
  }

  /** The same stub under another host name: localhost instead of 127.0.0.1. */
  private String otherHostUrl(String path) throws Exception {
    assumeTrue(
        InetAddress.getByName("localhost").getHostAddress().equals("127.0.0.1"),
        "localhost must resolve to 127.0.0.1 for this test");
    return "http://localhost:" + stub.server.getPort() + path;
  }

  @Test
  void downloadFromTheApiHost_sendsCredentialsAndWritesTheFile(@TempDir Path dir) throws Exception {
    file("%PDF-1.7 content");
    Path target = dir.resolve("счёт.pdf");
    client.download(
        new MessagePayload("счёт.pdf", stub.baseUrl() + "/files/1?sig=abc", 16), target);
    assertThat(Files.readString(target)).isEqualTo("%PDF-1.7 content");
    RecordedRequest r = stub.take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/files/1?sig=abc");
    assertThat(r.getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
  }

  @Test
  void downloadFromAnotherHost_sendsNoCredentials() throws Exception {
    file("other");
    try (InputStream in =
        client.openDownload(new MessagePayload("a.pdf", otherHostUrl("/f/2"), 5))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("other");
    }
    RecordedRequest r = stub.take();
    assertThat(r.getHeaders().get("Api-Key")).isNull();
    assertThat(r.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void redirectToAnotherHost_dropsCredentials() throws Exception {
    stub.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", otherHostUrl("/cdn/3")).build());
    file("redirected");
    try (InputStream in = client.openDownload(new MessagePayload("a.pdf", "/files/3", 10))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("redirected");
    }
    RecordedRequest first = stub.take();
    RecordedRequest second = stub.take();
    assertThat(first.getTarget()).isEqualTo("/files/3");
    assertThat(first.getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(second.getTarget()).isEqualTo("/cdn/3");
    assertThat(second.getHeaders().get("Api-Key")).isNull();
  }

  @Test
  void missingFile_throwsNotFoundException(@TempDir Path dir) {
    stub.enqueue(404, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
    NotFoundException e =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                client.download(
                    new MessagePayload("a.pdf", "/files/404", 1), dir.resolve("a.pdf")));
    assertThat(e.getMessage()).startsWith("download failed: HTTP 404 NOT_FOUND");
    assertThat(dir.resolve("a.pdf")).doesNotExist();
  }
}
