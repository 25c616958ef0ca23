package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure on the inbox's side (here: its database gone) is a 503 with Retry-After and a
 * reference, never a 500 or a stack trace; the operator is told nothing was lost.
 */
class FailureAnswersTest {

  @RegisterExtension static final Stack stack = new Stack();

  @Test
  void theDatabaseGone_pagesAndActionsAnswer503_withRetryAfterAndAReference() {
    WebClient web = stack.signedIn("alice");
    long chat = stack.sync.chats(Stack.BUSINESS).get(0).chatId();
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    assertThat(web.get(path).statusCode()).isEqualTo(200);

    stack.sync.close(); // closes the pool the inbox reads through

    for (HttpResponse<String> r :
        List.of(web.get("/"), web.get(path), web.post(path + "/take", Map.of()))) {
      assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(r.body())
          .contains("nothing was lost")
          .containsPattern("reference [0-9a-f]+ for your administrator")
          .doesNotContain("Exception")
          .doesNotContain("at dev.ymchat");
    }
  }
}
