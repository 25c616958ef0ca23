package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.internal.Multipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUploadTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  private RecordedRequest send(FileUpload file) {
    stub.ok(null);
    try (ChatsClient client = stub.client().build()) {
      client.sendFile(1001, 5, file);
    }
    return stub.take();
  }

  private static String boundary(RecordedRequest r) {
    String type = r.getHeaders().get("Content-Type");
    assertThat(type).startsWith("multipart/form-data; boundary=");
    return type.substring("multipart/form-data; boundary=".length());
  }

  private static byte[] expectedBody(
      String boundary, String disposition, String type, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: "
                + disposition
                + "\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void cyrillicFileNameWithSpaces_isSentAsUtf8AndAsRfc5987Parameter() {
    byte[] content = new byte[256];
    for (int i = 0; i < 256; i++) {
      content[i] = (byte) i;
    }
    RecordedRequest r = send(FileUpload.of("Счёт 1.pdf", content));
    String boundary = boundary(r);
    byte[] expected =
        expectedBody(
            boundary,
            "form-data; name=\"file\"; filename=\"Счёт 1.pdf\"; "
                + "filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%201.pdf",
            "application/pdf",
            content);
    assertThat(r.getBody().toByteArray()).isEqualTo(expected);
    assertThat(r.getHeaders().get("Content-Length")).isEqualTo(Integer.toString(expected.length));
    assertThat(r.getHeaders().get("Transfer-Encoding")).isNull();
  }

  @Test
  void pathUpload_streamsTheFileWithItsNameAndLength(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("фото заказа.png");
    byte[] content = "png-bytes".getBytes(StandardCharsets.US_ASCII);
    Files.write(file, content);
    RecordedRequest r = send(FileUpload.of(file));
    byte[] expected =
        expectedBody(
            boundary(r),
            "form-data; name=\"file\"; filename=\"фото заказа.png\"; filename*=UTF-8''"
                + Multipart.percentEncode("фото заказа.png"),
            "image/png",
            content);
    assertThat(r.getBody().toByteArray()).isEqualTo(expected);
    assertThat(r.getHeaders().get("Content-Length")).isEqualTo(Integer.toString(expected.length));
  }

  @Test
  void streamUpload_sendsTheStreamContent() {
    byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII);
    RecordedRequest r = send(FileUpload.of("report.csv", new ByteArrayInputStream(content)));
    assertThat(r.getBody().toByteArray())
        .isEqualTo(
            expectedBody(
                boundary(r),
                "form-data; name=\"file\"; filename=\"report.csv\"; filename*=UTF-8''report.csv",
                "text/csv",
                content));
  }

  @Test
  void quotesAndLineBreaksInFileNames_areEscaped() {
    RecordedRequest r = send(FileUpload.of("a\"b\r\nc.txt", new byte[] {1}));
    assertThat(Stub.body(r))
        .contains("filename=\"a%22b%0D%0Ac.txt\"; filename*=UTF-8''a%22b%0D%0Ac.txt\r\n");
  }

  @Test
  void explicitContentType_replacesTheGuess() {
    RecordedRequest r =
        send(FileUpload.of("data.bin", new byte[] {1}).withContentType("application/x-custom"));
    assertThat(Stub.body(r)).contains("\r\nContent-Type: application/x-custom\r\n");
  }

  @Test
  void contentType_isGuessedFromTheName() {
    assertThat(FileUpload.guessContentType("a.pdf")).isEqualTo("application/pdf");
    assertThat(FileUpload.guessContentType("A.JPG")).isEqualTo("image/jpeg");
    assertThat(FileUpload.guessContentType("x.png")).isEqualTo("image/png");
    assertThat(FileUpload.guessContentType("notes.txt")).isEqualTo("text/plain");
    assertThat(FileUpload.guessContentType("c.docx"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(FileUpload.guessContentType("t.xlsx"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(FileUpload.guessContentType("page.html")).isEqualTo("text/html");
    assertThat(FileUpload.guessContentType("archive.unknownext"))
        .isEqualTo("application/octet-stream");
    assertThat(FileUpload.guessContentType("README")).isEqualTo("application/octet-stream");
  }

  @Test
  void retryOfAFileUpload_sendsTheSameBodyAgain() {
    stub.enqueue(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"UNAVAILABLE\"}]}").ok(null);
    FakeClock clock = new FakeClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (ChatsClient client =
        stub.client()
            .retryPolicy(RetryPolicy.defaults())
            .clock(clock)
            .sleeper(new RecordingSleeper(clock))
            .build()) {
      client.sendFile(1, 2, FileUpload.of("x.txt", new ByteArrayInputStream(new byte[] {7, 8})));
    }
    byte[] first = stub.take().getBody().toByteArray();
    byte[] second = stub.take().getBody().toByteArray();
    assertThat(second).isEqualTo(first);
  }
}
