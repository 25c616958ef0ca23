package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message acknowledged with 200 survives the process being killed (SIGKILL): a child JVM runs the
 * sandbox, the test sends messages, kills it without warning and reopens the data directory.
 */
class KillDurabilityTest {

  /** The child process: starts a sandbox on the directory and prints its URL. */
  public static void main(String[] args) throws Exception {
    SandboxServer sandbox = SandboxExtension.start(b -> b.dataDir(Path.of(args[0])));
    System.out.println("URL " + sandbox.baseUrl());
    System.out.flush();
    Thread.sleep(120_000);
  }

  @Test
  void acknowledgedMessagesSurviveKillMinus9(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KillDurabilityTest.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    List<Long> acknowledged = new ArrayList<>();
    long chat;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("URL ")) {
          url = line.substring(4).trim();
          break;
        }
      }
      assertThat(url).as("child sandbox URL").isNotNull();
      SandboxHttp http = new SandboxHttp(url);
      chat =
          http.postJson(
                  "/v2/businesses/1001/chats?limit=1&",
                  SandboxDemo.ALL_METHODS_KEY,
                  "{\"contextTypes\":[\"DIRECT\"]}")
              .result()
              .at("/chats/0/chatId")
              .asLong();
      for (int i = 0; i < 20; i++) {
        SandboxHttp.Response r =
            http.postJson(
                "/v2/businesses/1001/chats/message?chatId=" + chat,
                SandboxDemo.ALL_METHODS_KEY,
                "{\"message\":\"durable " + i + "\"}");
        assertThat(r.status()).isEqualTo(200);
        acknowledged.add((long) i);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    try (SandboxServer reopened = SandboxExtension.start(b -> b.dataDir(dir))) {
      SandboxHttp http = new SandboxHttp(reopened.baseUrl());
      JsonNode messages =
          http.postJson(
                  "/v2/businesses/1001/chats/history?chatId=" + chat + "&limit=100",
                  SandboxDemo.ALL_METHODS_KEY,
                  "{}")
              .result()
              .get("messages");
      List<String> texts = messages.findValuesAsText("message");
      for (long i : acknowledged) {
        assertThat(texts).containsOnlyOnce("durable " + i);
      }
    }
  }
}
