package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reply that cannot be delivered, over HTTP: the conversation shows it failed with Market's
 * reason, and the operator retries, edits or cancels it from there.
 */
class ReplyDeliveryTest {

  private static final Pattern REPLY =
      Pattern.compile("id=\"reply-(\\d+)\" data-state=\"([a-z]+)\"");

  @RegisterExtension static final Stack stack = new Stack();

  @Test
  void replyToAFinishedChat_showsFailed_andIsRetriedEditedAndCancelledFromThePage() {
    WebClient web = stack.signedIn("alice");
    long chat = newChat("Покупатель закрытого чата");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    Stack.await(() -> web.get(path).statusCode() == 200, "the chat in the inbox's projection");
    stack.sandbox.market().finishChat(Stack.BUSINESS, chat);

    assertThat(web.post(path + "/reply", Map.of("text", "Ответ в закрытый чат")).statusCode())
        .isEqualTo(200);
    Stack.await(() -> "failed".equals(stateOf(web.get(path + "/thread").body())), "failed");
    String thread = web.get(path + "/thread").body();
    long id = replyIdOf(thread);
    assertThat(thread)
        .contains("Ответ в закрытый чат")
        .contains("423")
        .contains("/replies/" + id + "/retry")
        .contains("/replies/" + id + "/edit")
        .contains("/replies/" + id + "/cancel");
    assertThat(blocks(id)).isEqualTo(1);

    HttpResponse<String> retried = web.post(path + "/replies/" + id + "/retry", Map.of());
    assertThat(retried.statusCode()).isEqualTo(200);
    Stack.await(
        () -> reply(id).state() == ReplyState.BLOCKED && blocks(id) == 2,
        "the retry's attempt, refused again");

    HttpResponse<String> edited =
        web.post(path + "/replies/" + id + "/edit", Map.of("text", "Исправленный ответ"));
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(edited.body()).contains("Исправленный ответ").doesNotContain("Ответ в закрытый чат");
    assertThat(reply(id).text()).isEqualTo("Исправленный ответ");

    HttpResponse<String> tooLong =
        web.post(path + "/replies/" + id + "/edit", Map.of("text", "я".repeat(4097)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("1 to 4096 characters");

    HttpResponse<String> cancelled = web.post(path + "/replies/" + id + "/cancel", Map.of());
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).doesNotContain("id=\"reply-" + id + "\"");
    assertThat(reply(id).state()).isEqualTo(ReplyState.CANCELLED);

    HttpResponse<String> again = web.post(path + "/replies/" + id + "/retry", Map.of());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("That is no longer possible");
    List<ChatMessage> inSandbox =
        stack.client.history(Stack.BUSINESS, chat).autoPager().stream()
            .filter(m -> m.message() != null && m.message().contains("ответ"))
            .toList();
    assertThat(inSandbox).isEmpty();
  }

  @Test
  void aReplyOfAnotherChat_isNotFound_andAnUnknownActionIsRefused() {
    WebClient web = stack.signedIn("alice");
    long chat = newChat("Покупатель с ответом");
    long other = newChat("Другой покупатель");
    long id = stack.sync.outbox().send(Stack.BUSINESS, chat, "Ответ первому");
    String otherPath = "/chats/" + Stack.BUSINESS + "/" + other;
    Stack.await(() -> web.get(otherPath).statusCode() == 200, "the chat in the inbox's projection");

    HttpResponse<String> r = web.post(otherPath + "/replies/" + id + "/cancel", Map.of());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("No such reply in this chat.");
    HttpResponse<String> unknown =
        web.post("/chats/" + Stack.BUSINESS + "/" + chat + "/replies/" + id + "/publish", Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("A reply can be retried, edited or cancelled.");
  }

  @Test
  void aSentReply_takesTheChatOutOfNeedsAnswer_atOnce_andShowsAsDelivered() {
    WebClient web = stack.signedIn("alice");
    // a chat Market shows as waiting for the seller (the mirror's status from its listing)
    long chat =
        stack.sync.chats(Stack.BUSINESS).stream()
            .filter(c -> "WAITING_FOR_PARTNER".equals(c.status().value()))
            .findFirst()
            .orElseThrow()
            .chatId();
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    assertThat(web.get("/").body()).contains("data-chat=\"" + chat + "\"");

    assertThat(web.post(path + "/reply", Map.of("text", "Уже едет к вам")).statusCode())
        .isEqualTo(200);
    // no push comes for the seller's own message and the sweep is minutes away: the outbox reads
    // the chat back after sending, so the answer leaves the list within seconds
    long start = System.nanoTime();
    try {
      Stack.await(
          () -> !web.get("/").body().contains("data-chat=\"" + chat + "\""),
          "the chat out of needs answer");
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; chat "
              + chat
              + " in the mirror "
              + stack.sync.chats(Stack.BUSINESS).stream().filter(c -> c.chatId() == chat).toList()
              + ", its messages "
              + stack.sync.messages(Stack.BUSINESS, chat).stream()
                  .map(m -> m.sender() + "@" + m.createdAt())
                  .toList()
              + ", its replies "
              + stack.sync.outbox().replies(Stack.BUSINESS, chat),
          e);
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    assertThat(web.get("/?view=all").body()).contains("data-chat=\"" + chat + "\"");
    assertThat(web.get(path + "/thread").body())
        .contains("Уже едет к вам")
        .contains("<span class=\"delivery\">sent</span>")
        .doesNotContain("data-state=");
  }

  private static long newChat(String buyer) {
    long chat = stack.sandbox.market().buyerOpensDirectChat(Stack.BUSINESS, buyer, "Здравствуйте!");
    Stack.await(
        () -> stack.sync.chats(Stack.BUSINESS).stream().anyMatch(c -> c.chatId() == chat),
        "the chat in the mirror");
    return chat;
  }

  /** How many times the outbox has blocked the reply (each retry makes a new attempt). */
  private static long blocks(long id) {
    return stack.sync.events(0, 10_000).stream()
        .filter(e -> e.replyId() == id && e.type() == EventType.REPLY_BLOCKED)
        .count();
  }

  private static Reply reply(long id) {
    return stack.sync.outbox().reply(id).orElseThrow();
  }

  private static String stateOf(String thread) {
    Matcher m = REPLY.matcher(thread);
    return m.find() ? m.group(2) : "";
  }

  private static long replyIdOf(String thread) {
    Matcher m = REPLY.matcher(thread);
    assertThat(m.find()).as("a pending reply in the thread").isTrue();
    return Long.parseLong(m.group(1));
  }
}
