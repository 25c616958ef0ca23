package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inbox over HTTP: sign-in, scoping, CSRF, headers, bad input. */
class InboxWebTest {

  @RegisterExtension static final Stack stack = new Stack();

  @Test
  void signedOut_listRedirectsToLogin() {
    WebClient web = new WebClient(stack.url());
    HttpResponse<String> r = web.get("/");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/login");
  }

  @Test
  void signIn_showsTheWaitingChats_withSecurityHeadersAndCookieFlags() {
    WebClient web = new WebClient(stack.url());
    HttpResponse<String> login = web.login("alice", Stack.PASSWORD);
    assertThat(login.statusCode()).isEqualTo(302);
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(WebApp.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    HttpResponse<String> list = web.get("/");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("id=\"chats\"");
    assertThat(list.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(list.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(list.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void wrongPassword_isRefused_andTheSixthTryIsThrottled() {
    WebClient web = new WebClient(stack.url());
    for (int i = 0; i < 5; i++) {
      assertThat(web.login("carol-throttle", "wrong-password-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = web.login("carol-throttle", "wrong-password-x");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.body()).contains("Too many failed attempts");
  }

  @Test
  void postWithoutCsrf_isRefused() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    long chat = stack.sync.chats(Stack.BUSINESS).get(0).chatId();
    web.csrf = null;
    HttpResponse<String> r =
        web.post("/chats/" + Stack.BUSINESS + "/" + chat + "/take", Map.of("_csrf", "forged"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("reload the page");
  }

  @Test
  void anotherBusinessesChat_isNotFound() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    long other = stack.sync.chats(Stack.OTHER).get(0).chatId();
    HttpResponse<String> r = web.get("/chats/" + Stack.OTHER + "/" + other);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("No such chat");
    assertThat(web.get("/?business=" + Stack.OTHER).statusCode()).isEqualTo(404);
  }

  @Test
  void badFilter_isA400WithTheAllowedValues() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    HttpResponse<String> r = web.get("/?status=sleeping");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("status must be one of open, pending, resolved, snoozed, all");
    assertThat(web.get("/chats/abc/1").statusCode()).isEqualTo(404);
  }

  @Test
  void conversation_showsMessagesAndTheReplyGoesOutOnce() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    long chat =
        stack.sync.chats(Stack.BUSINESS).stream()
            .filter(c -> !"FINISHED".equals(c.status().value()))
            .findFirst()
            .orElseThrow()
            .chatId();
    HttpResponse<String> page = web.get("/chats/" + Stack.BUSINESS + "/" + chat);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"reply-text\"");
    HttpResponse<String> r =
        web.post(
            "/chats/" + Stack.BUSINESS + "/" + chat + "/reply",
            Map.of("text", "Проверим заказ сегодня <b>"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Проверим заказ сегодня &lt;b&gt;");
    Stack.await(
        () ->
            stack.sync.outbox().replies(Stack.BUSINESS, chat).stream()
                .allMatch(x -> x.state().name().equals("SENT")),
        "the reply sent");
  }

  static long newChat(String buyer) {
    long chat = stack.sandbox.market().buyerOpensDirectChat(Stack.BUSINESS, buyer, "Здравствуйте!");
    Stack.await(
        () -> stack.sync.chats(Stack.BUSINESS).stream().anyMatch(c -> c.chatId() == chat),
        "the chat in the mirror");
    return chat;
  }

  @Test
  void fileOverFiveMegabytes_isA413_andNothingIsQueued() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    long chat = newChat("Покупатель с файлом");
    HttpResponse<String> r =
        web.postFile(
            "/chats/" + Stack.BUSINESS + "/" + chat + "/reply",
            "Вот документ",
            "big.pdf",
            new byte[5 * 1024 * 1024 + 1]);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("The file is larger than 5 MB; send a smaller one.");
    assertThat(stack.sync.outbox().replies(Stack.BUSINESS, chat)).isEmpty();
  }

  @Test
  void assign_toAGrantedOperator_movesTheChatBetweenTheAssigneeFilters() {
    WebClient alice = new WebClient(stack.url());
    alice.login("alice", Stack.PASSWORD);
    WebClient bob = new WebClient(stack.url());
    bob.login("bob", Stack.PASSWORD);
    long chat = newChat("Покупатель для Боба");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    Stack.await(() -> alice.get(path).statusCode() == 200, "the chat in the inbox's projection");
    assertThat(alice.get(path).body())
        .contains("id=\"assign-to\"")
        .contains("<option value=\"bob\">bob</option>")
        .doesNotContain("olga");
    String row = "data-chat=\"" + chat + "\"";
    assertThat(alice.get("/?view=all&assignee=unassigned").body()).contains(row);

    HttpResponse<String> r = alice.post(path + "/assign", Map.of("to", "bob"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("assigned to bob")
        .contains("<option value=\"bob\" selected>bob</option>")
        .contains("Assigned to bob.");
    assertThat(alice.get("/?view=all&assignee=unassigned").body()).doesNotContain(row);
    assertThat(alice.get("/?view=all&assignee=me").body()).doesNotContain(row);
    assertThat(bob.get("/?view=all&assignee=me").body()).contains(row);

    r = alice.post(path + "/assign", Map.of("to", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Unassigned.");
    assertThat(bob.get("/?view=all&assignee=me").body()).doesNotContain(row);
    assertThat(alice.get("/?view=all&assignee=unassigned").body()).contains(row);
  }

  @Test
  void assign_toAnOperatorNotGrantedTheBusiness_isRefusedWithAClearMessage() {
    WebClient web = new WebClient(stack.url());
    web.login("alice", Stack.PASSWORD);
    long chat = newChat("Покупатель для Ольги");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    Stack.await(() -> web.get(path).statusCode() == 200, "the chat in the inbox's projection");
    for (String to : new String[] {"olga", "nobody"}) {
      HttpResponse<String> r = web.post(path + "/assign", Map.of("to", to));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body())
          .contains("No operator ")
          .contains(to)
          .contains(" works on business " + Stack.BUSINESS + ".");
    }
    assertThat(web.get(path).body()).contains("id=\"assignee\">unassigned<");
  }
}
