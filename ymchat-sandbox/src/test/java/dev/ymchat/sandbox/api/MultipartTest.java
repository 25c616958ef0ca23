package dev.ymchat.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.SandboxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesRawUtf8AndRfc5987FileNames() {
    List<Multipart.Part> parts =
        Multipart.parse(
            body(
                "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Счёт 1.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n%PDF\r\n"
                    + "--xyz\r\nContent-Disposition: form-data; name=\"other\"; filename=\"x\"; "
                    + "filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%202.pdf\r\n\r\nB\r\n--xyz--\r\n"),
            "xyz");
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).name()).isEqualTo("file");
    assertThat(parts.get(0).fileName()).isEqualTo("Счёт 1.pdf");
    assertThat(parts.get(0).contentType()).isEqualTo("application/pdf");
    assertThat(new String(parts.get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    assertThat(parts.get(1).fileName()).isEqualTo("Счёт 2.pdf");
  }

  @Test
  void keepsBinaryContentWithCrlfInsideExactly() {
    byte[] content = {'\r', '\n', '-', '-', 'x', 0, (byte) 0xFF, '\r', '\n'};
    byte[] head =
        body("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n");
    byte[] tail = body("\r\n--b0--");
    byte[] all = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
    assertThat(Multipart.parse(all, "b0").get(0).content()).isEqualTo(content);
  }

  @Test
  void boundary_isReadFromQuotedOrPlainParameter() {
    assertThat(Multipart.boundary("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
    assertThat(Multipart.boundary("multipart/form-data; charset=utf-8; BOUNDARY=zz"))
        .isEqualTo("zz");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data"))
        .isInstanceOf(SandboxException.class);
  }

  @Test
  void malformedBodies_areBadRequests() {
    assertThatThrownBy(() -> Multipart.parse(body("nothing"), "b"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("boundary");
    assertThatThrownBy(
            () ->
                Multipart.parse(
                    body("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"), "b"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("closing boundary");
  }
}
