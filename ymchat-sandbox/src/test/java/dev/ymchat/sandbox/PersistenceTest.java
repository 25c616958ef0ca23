package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State in a data directory survives close and reopen. */
class PersistenceTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  private static SandboxServer open(Path dir) {
    return SandboxExtension.start(b -> b.dataDir(dir));
  }

  @Test
  void chatsMessagesFilesAndIdsSurviveARestart(@TempDir Path dir) {
    long chat;
    long message;
    String fileUrlPath;
    byte[] content = "содержимое файла".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int demoChats;
    try (SandboxServer first = open(dir)) {
      SandboxHttp http = new SandboxHttp(first.baseUrl());
      demoChats =
          http.postJson(
                  "/v2/businesses/" + B + "/chats?limit=20", SandboxDemo.ALL_METHODS_KEY, "{}")
              .result()
              .get("chats")
              .size();
      long order = first.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Persistent");
      chat = http.openOrderChat(B, SandboxDemo.ALL_METHODS_KEY, order);
      assertThat(
              http.postJson(
                      "/v2/businesses/" + B + "/chats/message?chatId=" + chat,
                      SandboxDemo.ALL_METHODS_KEY,
                      "{\"message\":\"переживёт перезапуск\"}")
                  .status())
          .isEqualTo(200);
      assertThat(
              http.sendFile(
                      "/v2/businesses/" + B + "/chats/file/send?chatId=" + chat,
                      SandboxDemo.ALL_METHODS_KEY,
                      "Договор.txt",
                      "text/plain; charset=utf-8",
                      content)
                  .status())
          .isEqualTo(200);
      JsonNode messages =
          http.postJson(
                  "/v2/businesses/" + B + "/chats/history?chatId=" + chat,
                  SandboxDemo.ALL_METHODS_KEY,
                  "{}")
              .result()
              .get("messages");
      message = messages.get(0).get("messageId").asLong();
      fileUrlPath =
          messages.get(1).at("/payload/0/url").asText().substring(first.baseUrl().length());
    }

    try (SandboxServer second = open(dir)) {
      assertThat(second.startupBanner()).contains("already present");
      SandboxHttp http = new SandboxHttp(second.baseUrl());
      JsonNode chatJson =
          http.get("/v2/businesses/" + B + "/chat?chatId=" + chat, SandboxDemo.ALL_METHODS_KEY)
              .result();
      assertThat(chatJson.get("status").asText()).isEqualTo("WAITING_FOR_CUSTOMER");
      SandboxHttp.Response single =
          http.get(
              "/v2/businesses/" + B + "/chats/message?chatId=" + chat + "&messageId=" + message,
              SandboxDemo.ALL_METHODS_KEY);
      assertThat(single.result().get("message").asText()).isEqualTo("переживёт перезапуск");
      SandboxHttp.Response download = http.send(http.request(fileUrlPath).GET().build());
      assertThat(download.status()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(content);
      // the demo data was not seeded twice
      assertThat(
              http.postJson(
                      "/v2/businesses/" + B + "/chats?limit=20", SandboxDemo.ALL_METHODS_KEY, "{}")
                  .result()
                  .get("chats")
                  .size())
          .isEqualTo(demoChats + 1);
      // ids go on from where they were
      long next = second.market().buyerWrites(B, chat, "после перезапуска");
      assertThat(next).isGreaterThan(message + 1);
    }
  }
}
