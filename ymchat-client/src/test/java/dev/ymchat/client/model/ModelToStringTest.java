package dev.ymchat.client.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelToStringTest {

  @Test
  void payloadToString_masksTheKeyOfAFileUrl() {
    MessagePayload file =
        new MessagePayload(
            "invoice.pdf",
            "https://storage.example/files/Zk9s3cr3tK3y/invoice.pdf?sig=T0k3nV4lu3",
            42);
    assertThat(file.toString())
        .doesNotContain("Zk9s3cr3tK3y")
        .doesNotContain("T0k3nV4lu3")
        .contains("invoice.pdf", "storage.example", "42");
  }

  @Test
  void messageToString_masksTheSandboxFileKeyOfItsPayload() {
    ChatMessage message =
        new ChatMessage(
            7,
            OffsetDateTime.parse("2026-01-01T10:00:00+03:00"),
            MessageSender.CUSTOMER,
            "see the photo",
            List.of(
                new MessagePayload(
                    "photo.jpg", "http://127.0.0.1:8080/sandbox/files/q1w2e3r4t5/photo.jpg", 10)));
    assertThat(message.toString())
        .doesNotContain("q1w2e3r4t5")
        .contains("/sandbox/files/***/photo.jpg", "see the photo");
  }
}
