package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.PathStyle;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.ForbiddenException;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression: a refused file upload always gets its 403. Before the sandbox read the rest of a
 * refused request's body, about 1 in 60 refused uploads got no answer at all ("header parser
 * received no bytes"): the connection was closed while the client was still sending, and the reset
 * lost the 403 (found by AccessMatrixTest).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusedUploadTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  @Test
  void refusedUploads_alwaysGetTheirAnswer() {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      long chat = sandbox.market().buyerOpensDirectChat(B, "question");
      List<String> lost = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < 300; i++) {
        String key = i % 2 == 0 ? SandboxDemo.OTHER_BUSINESS_KEY : SandboxDemo.READ_ONLY_KEY;
        try (ChatsClient client =
            ChatsClient.builder()
                .baseUrl(sandbox.baseUrl())
                .apiKey(key)
                .pathStyle(i % 4 < 2 ? PathStyle.V2 : PathStyle.LEGACY)
                .retryPolicy(RetryPolicy.none())
                .build()) {
          client.sendFile(
              B, chat, FileUpload.of("x.txt", ("upload " + i).getBytes(StandardCharsets.UTF_8)));
          lost.add("upload " + i + " was accepted");
        } catch (ForbiddenException expected) {
          refused++;
        } catch (RuntimeException e) {
          lost.add("upload " + i + ": " + e);
        }
      }
      assertThat(lost).isEmpty();
      assertThat(refused).isEqualTo(300);
    }
  }
}
