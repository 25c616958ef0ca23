package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.market.SandboxDemo;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation over HTTP: who wrote each message, the order and the customer beside the thread,
 * a dispute shown as such, marking pending, and snoozing until a date and time.
 */
class ConversationTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final Pattern SENDER =
      Pattern.compile("<span class=\"sender\">([^<]*)</span> <time>[^<]*</time>");

  @RegisterExtension static final Stack stack = new Stack();

  @Test
  void orderChat_showsEverySender_theOrderAndTheCustomer_andADisputeAsSuch() {
    WebClient web = stack.signedIn("alice");
    long order =
        stack
            .sandbox
            .market()
            .createOrder(Stack.BUSINESS, SandboxDemo.CAMPAIGN_ID, "Ирина Заказова");
    long chat = stack.client.createChatForOrder(Stack.BUSINESS, order).chatId();
    stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, "Где мой заказ?");
    stack.sandbox.market().marketWrites(Stack.BUSINESS, chat, "Заказ передан в доставку");
    stack.sandbox.market().supportWrites(Stack.BUSINESS, chat, "Поддержка на связи");
    long reply = stack.sync.outbox().send(Stack.BUSINESS, chat, "Привезём завтра");
    Stack.await(
        () ->
            stack.sync.outbox().reply(reply).orElseThrow().messageId() != 0
                && stack.sync.messages(Stack.BUSINESS, chat).size() >= 4,
        "the reply sent and every message mirrored");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;
    Stack.await(
        () -> web.get(path).body().contains("Привезём завтра"), "the conversation in the inbox");

    String page = web.get(path).body();
    assertThat(senders(page)).contains("buyer", "Market", "support", "you");
    assertThat(page)
        .contains("Ирина Заказова")
        .contains("order " + order)
        .doesNotContain("class=\"dispute big\"");

    stack.sandbox.market().openDispute(Stack.BUSINESS, chat);
    Stack.await(
        () -> web.get(path).body().contains("class=\"dispute big\">Dispute"),
        "the dispute on the page");
    assertThat(web.get("/?view=all&status=all&type=dispute").body())
        .contains("data-chat=\"" + chat + "\"");
  }

  @Test
  void pending_leavesTheOpenList_andTheBuyersReplyReopensIt() {
    WebClient web = stack.signedIn("alice");
    long chat = newChat(web, "Покупатель в ожидании");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat;

    HttpResponse<String> r = web.post(path + "/status?to=pending", Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<span id=\"inbox-status\">pending</span>");
    Stack.await(() -> !listed(web, "/", chat), "the chat out of the default list");
    assertThat(listed(web, "/?status=pending", chat)).isTrue();

    stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, "Есть новости?");
    Stack.await(() -> listed(web, "/", chat), "the chat back as needs answer");
    assertThat(web.get(path).body()).contains("<span id=\"inbox-status\">open</span>");

    HttpResponse<String> bad = web.post(path + "/status?to=sleeping", Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("open, pending or resolved");
  }

  @Test
  void snoozeUntilADateAndTime_inTheBusinessZone_andBadTimesAreRefused() {
    WebClient web = stack.signedIn("alice");
    long chat = newChat(web, "Покупатель до понедельника");
    String path = "/chats/" + Stack.BUSINESS + "/" + chat + "/snooze";
    LocalDateTime local = LocalDateTime.now(MOSCOW).plusDays(2).withHour(9).withMinute(30);
    String until = local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));

    HttpResponse<String> r = web.post(path, Map.of("for", "60", "until", until));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Snoozed until").contains("09:30");
    assertThat(listed(web, "/?status=snoozed", chat)).isTrue();
    assertThat(web.get("/?status=snoozed").body())
        .contains(
            "until " + local.format(DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)));

    assertThat(refusal(web, path, "2020-01-01T09:00")).contains("has passed");
    assertThat(refusal(web, path, LocalDateTime.now(MOSCOW).plusDays(31).toString()))
        .contains("at most 30 days");
    assertThat(refusal(web, path, "next monday")).contains("like 2026-12-24T09:00");
  }

  private static String refusal(WebClient web, String path, String until) {
    HttpResponse<String> r = web.post(path, Map.of("for", "60", "until", until));
    assertThat(r.statusCode()).as("snooze until %s", until).isEqualTo(400);
    return r.body();
  }

  private static boolean listed(WebClient web, String list, long chat) {
    return web.get(list).body().contains("data-chat=\"" + chat + "\"");
  }

  private static List<String> senders(String page) {
    List<String> out = new ArrayList<>();
    Matcher m = SENDER.matcher(page);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static long newChat(WebClient web, String buyer) {
    long chat = stack.sandbox.market().buyerOpensDirectChat(Stack.BUSINESS, buyer, "Здравствуйте!");
    Stack.await(
        () -> stack.sync.chats(Stack.BUSINESS).stream().anyMatch(c -> c.chatId() == chat),
        "the chat in the mirror");
    String page = "/chats/" + Stack.BUSINESS + "/" + chat;
    Stack.await(() -> web.get(page).statusCode() == 200, "the chat in the inbox's projection");
    return chat;
  }
}
