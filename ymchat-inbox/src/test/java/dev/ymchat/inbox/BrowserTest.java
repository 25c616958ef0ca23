package dev.ymchat.inbox;

import static dev.ymchat.inbox.Browsers.rows;
import static dev.ymchat.inbox.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.sandbox.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator's day in headless Chromium: sign in, the oldest waiting chat first, a reply queued
 * then sent once, a buyer's message moving the chat up live, a take race between two browsers, a
 * snooze woken by the buyer, J/K, counters equal to the list, buyer HTML inert, another business
 * refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

  static final AtomicReference<CountDownLatch> HOLD_SENDS = new AtomicReference<>();

  @RegisterExtension
  static final Stack stack =
      new Stack(
          "jdbc:h2:mem:inbox-browser-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
          null,
          SandboxServer.builder().requestHook(BrowserTest::holdSends));

  static WebDriver alice;
  static WebDriver bob;

  /** Holds the sandbox's sends while a test has set a latch, so "queued" can be seen. */
  private static void holdSends(long business, ApiOperation op) {
    CountDownLatch hold = HOLD_SENDS.get();
    if (op == ApiOperation.SEND_MESSAGE && hold != null) {
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @BeforeAll
  static void start() {
    Browsers.requireInstalled();
    alice = Browsers.signedIn(stack.url(), "alice");
    bob = Browsers.signedIn(stack.url(), "bob");
  }

  @AfterAll
  static void stop() {
    Browsers.quit(alice, bob);
  }

  @AfterEach
  void screenshotOnFailure(TestInfo info) {
    // a screenshot of each step, so a failure shows what the operator saw
    if (alice != null) {
      Browsers.screenshot(alice, "step-" + info.getTestMethod().orElseThrow().getName());
    }
  }

  /** The chats a buyer waits in, from the sandbox itself: buyer last, or waiting for the seller. */
  static List<Long> waitingInSandbox() {
    List<Long> ids = new ArrayList<>();
    stack.sandbox.forEachChat(
        s -> {
          if (s.businessId() != Stack.BUSINESS || "FINISHED".equals(s.chat().status().value())) {
            return;
          }
          List<ChatMessage> m = s.messages();
          boolean buyerLast =
              !m.isEmpty() && "CUSTOMER".equals(m.get(m.size() - 1).sender().value());
          if (buyerLast || "WAITING_FOR_PARTNER".equals(s.chat().status().value())) {
            ids.add(s.chat().chatId());
          }
        });
    return ids;
  }

  @Test
  @Order(1)
  void signIn_showsTheWaitingChats_oldestFirst() {
    alice.get(stack.url());
    List<WebElement> rows = rows(alice);
    List<Long> shown = new ArrayList<>();
    List<Long> since = new ArrayList<>();
    for (WebElement r : rows) {
      shown.add(Long.parseLong(r.getAttribute("data-chat")));
      since.add(Long.parseLong(r.getAttribute("data-since")));
    }
    assertThat(shown).isNotEmpty().containsExactlyInAnyOrderElementsOf(waitingInSandbox());
    assertThat(since).isSorted();
    assertThat(alice.findElement(By.cssSelector("#chats tr.row .wait")).getText())
        .startsWith("waiting");
    Browsers.screenshot(alice, "list");
  }

  @Test
  @Order(2)
  void counters_equalTheList() {
    alice.get(stack.url());
    int rows = rows(alice).size();
    assertThat(alice.findElement(By.id("total")).getAttribute("data-total"))
        .isEqualTo(String.valueOf(rows));
    for (WebElement on : alice.findElements(By.cssSelector(".facet .opt.on"))) {
      assertThat(on.getAttribute("data-count")).isEqualTo(String.valueOf(rows));
    }
    alice.get(stack.url() + "?view=all&status=all");
    int all = rows(alice).size();
    for (WebElement on : alice.findElements(By.cssSelector(".facet .opt.on"))) {
      assertThat(on.getAttribute("data-count")).isEqualTo(String.valueOf(all));
    }
    assertThat(all).isGreaterThanOrEqualTo(rows);
  }

  @Test
  @Order(3)
  void jAndK_moveThroughTheList() {
    alice.get(stack.url() + "?view=all&status=all");
    List<WebElement> rows = rows(alice);
    assertThat(rows.size()).isGreaterThanOrEqualTo(2);
    Actions keys = new Actions(alice);
    keys.sendKeys("j").perform();
    keys.sendKeys("j").perform();
    assertThat(rows(alice).get(1).getAttribute("class")).contains("selected");
    keys.sendKeys("k").perform();
    assertThat(rows(alice).get(0).getAttribute("class")).contains("selected");
    assertThat(rows(alice).get(1).getAttribute("class")).doesNotContain("selected");
  }

  @Test
  @Order(4)
  void reply_isQueuedThenSent_andInTheSandboxOnce() throws Exception {
    alice.get(stack.url());
    WebElement first = waitFor(alice, d -> rows(d).isEmpty() ? null : rows(d).get(0));
    long chat = Long.parseLong(first.getAttribute("data-chat"));
    first.findElement(By.cssSelector(".who a")).click();
    waitFor(alice, d -> d.findElements(By.id("reply-text")).size() == 1);
    Browsers.screenshot(alice, "conversation");
    String text =
        "Здравствуйте! Отправим сегодня, номер " + UUID.randomUUID().toString().substring(0, 8);
    CountDownLatch hold = new CountDownLatch(1);
    HOLD_SENDS.set(hold);
    try {
      alice.findElement(By.id("reply-text")).sendKeys(text);
      assertThat(alice.findElement(By.id("counter")).getText())
          .isEqualTo(text.length() + " / 4096");
      alice.findElement(By.id("send")).click();
      waitFor(alice, d -> !d.findElements(By.cssSelector(".reply[data-state='queued']")).isEmpty());
    } finally {
      HOLD_SENDS.set(null);
      hold.countDown();
    }
    try {
      waitFor(
          alice,
          d ->
              d.findElements(By.cssSelector(".reply[data-state='queued']")).isEmpty()
                  && d.findElement(By.id("thread")).getText().contains(text));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "the reply did not show as sent; the outbox has "
              + stack.sync.outbox().replies(Stack.BUSINESS, chat)
              + ", the mirror "
              + stack.sync.messages(Stack.BUSINESS, chat).size()
              + " messages",
          e);
    }
    Stack.await(
        () ->
            stack.sync.outbox().replies(Stack.BUSINESS, chat).stream()
                .allMatch(r -> r.messageId() != 0),
        "the reply linked to its message in the mirror");
    waitFor(alice, d -> !d.findElements(By.cssSelector(".msg.partner .delivery")).isEmpty());
    long[] copies = {0};
    stack.sandbox.forEachChat(
        s -> {
          if (s.chat().chatId() == chat) {
            copies[0] = s.messages().stream().filter(m -> text.equals(m.message())).count();
          }
        });
    assertThat(copies[0]).isEqualTo(1);
  }

  @Test
  @Order(5)
  void buyerWrites_chatMovesToTheTop_withinTwoSeconds_withoutReload() {
    alice.get(stack.url() + "?sort=newest");
    List<WebElement> rows = rows(alice);
    long target = pickNotOnTop(rows);
    ((JavascriptExecutor) alice).executeScript("window.__sameDocument = true;");
    long start = System.nanoTime();
    stack.sandbox.market().buyerWrites(Stack.BUSINESS, target, "Ещё вопрос: можно к 18:00?");
    new WebDriverWait(alice, Duration.ofSeconds(2), Duration.ofMillis(20))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                !rows(d).isEmpty()
                    && rows(d).get(0).getAttribute("data-chat").equals(String.valueOf(target)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isLessThan(2_000);
    assertThat(((JavascriptExecutor) alice).executeScript("return window.__sameDocument === true;"))
        .isEqualTo(Boolean.TRUE);
  }

  private static long pickNotOnTop(List<WebElement> rows) {
    long top = rows.isEmpty() ? -1 : Long.parseLong(rows.get(0).getAttribute("data-chat"));
    return stack.sync.chats(Stack.BUSINESS).stream()
        .filter(c -> !"FINISHED".equals(c.status().value()) && c.chatId() != top)
        .findFirst()
        .orElseThrow()
        .chatId();
  }

  @Test
  @Order(6)
  void twoOperatorsTakeAtOnce_oneWins_theOtherSeesWho() throws Exception {
    long chat = openChat();
    String path = stack.url() + "chats/" + Stack.BUSINESS + "/" + chat;
    alice.get(path);
    bob.get(path);
    waitFor(alice, d -> d.findElements(By.id("take")).size() == 1);
    waitFor(bob, d -> d.findElements(By.id("take")).size() == 1);
    CountDownLatch go = new CountDownLatch(1);
    Thread a = new Thread(() -> clickAfter(go, alice));
    Thread b = new Thread(() -> clickAfter(go, bob));
    a.start();
    b.start();
    go.countDown();
    a.join();
    b.join();
    String noticeA = waitFor(alice, d -> noticeOf(d));
    String noticeB = waitFor(bob, d -> noticeOf(d));
    List<String> notices = List.of(noticeA, noticeB);
    assertThat(notices).filteredOn(n -> n.equals("You have this chat.")).hasSize(1);
    String holder = noticeA.equals("You have this chat.") ? "alice" : "bob";
    assertThat(notices).contains("Taken by " + holder + ".");
  }

  private static String noticeOf(WebDriver d) {
    List<WebElement> n = d.findElements(By.id("notice"));
    return n.isEmpty() || n.get(0).getText().isEmpty() ? null : n.get(0).getText();
  }

  private static void clickAfter(CountDownLatch go, WebDriver d) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ((JavascriptExecutor) d).executeScript("document.getElementById('take').click();");
  }

  private static long openChat() {
    return stack.sync.chats(Stack.BUSINESS).stream()
        .filter(c -> !"FINISHED".equals(c.status().value()))
        .skip(1)
        .findFirst()
        .orElseThrow()
        .chatId();
  }

  @Test
  @Order(7)
  void snoozedChat_reopensWhenTheBuyerReplies() {
    long chat = openChat();
    alice.get(stack.url() + "chats/" + Stack.BUSINESS + "/" + chat);
    alice.findElement(By.id("snooze")).click();
    waitFor(alice, d -> d.findElement(By.id("inbox-status")).getText().equals("snoozed"));
    alice.get(stack.url() + "?view=all&status=snoozed");
    assertThat(rows(alice))
        .extracting(r -> r.getAttribute("data-chat"))
        .contains(String.valueOf(chat));
    stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, "Алло, вы тут?");
    waitFor(
        alice,
        d ->
            rows(d).stream()
                .noneMatch(r -> r.getAttribute("data-chat").equals(String.valueOf(chat))));
    alice.get(stack.url() + "chats/" + Stack.BUSINESS + "/" + chat);
    assertThat(alice.findElement(By.id("inbox-status")).getText()).isEqualTo("open");
  }

  @Test
  @Order(8)
  void buyerHtml_isShownAsText() {
    long chat = openChat();
    String evil = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">";
    long id = stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, evil);
    Stack.await(
        () -> stack.sync.messages(Stack.BUSINESS, chat).stream().anyMatch(m -> m.messageId() == id),
        "the message in the mirror");
    alice.get(stack.url() + "chats/" + Stack.BUSINESS + "/" + chat);
    WebElement body = alice.findElement(By.cssSelector("#msg-" + id + " .body"));
    assertThat(body.getText()).isEqualTo(evil);
    assertThat(body.findElements(By.tagName("script"))).isEmpty();
    assertThat(body.findElements(By.tagName("img"))).isEmpty();
    assertThat(((JavascriptExecutor) alice).executeScript("return window.__pwned === undefined;"))
        .isEqualTo(Boolean.TRUE);
  }

  @Test
  @Order(9)
  void anotherBusinessesChat_isRefused() {
    long other = stack.sync.chats(Stack.OTHER).get(0).chatId();
    alice.get(stack.url() + "chats/" + Stack.OTHER + "/" + other);
    assertThat(alice.findElement(By.cssSelector(".problem h1")).getText()).isEqualTo("Not found");
    assertThat(alice.getPageSource()).doesNotContain("id=\"reply-text\"");
  }

  @Test
  @Order(10)
  void aBurstOfBuyerMessages_allShowLive_inTheConversationAndTheList() {
    // each message is one live event; events that come while the page is still fetching the last
    // one must not be lost (the page stays on the newest state without a reload)
    List<Long> open =
        stack.sync.chats(Stack.BUSINESS).stream()
            .filter(c -> !"FINISHED".equals(c.status().value()))
            .map(c -> c.chatId())
            .limit(4)
            .toList();
    assertThat(open).hasSizeGreaterThanOrEqualTo(3);
    String nonce = UUID.randomUUID().toString().substring(0, 8);
    long chat = open.get(0);
    alice.get(stack.url() + "chats/" + Stack.BUSINESS + "/" + chat);
    waitFor(alice, d -> d.findElements(By.id("reply-text")).size() == 1);
    ((JavascriptExecutor) alice).executeScript("window.__sameDocument = true;");
    for (int i = 1; i <= 8; i++) {
      stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, "burst " + i + " " + nonce);
    }
    liveWithin(
        alice,
        d -> d.findElement(By.id("thread")).getText().contains("burst 8 " + nonce),
        "thread");

    alice.get(stack.url() + "?view=all&status=all&sort=newest");
    waitFor(alice, d -> !rows(d).isEmpty());
    ((JavascriptExecutor) alice).executeScript("window.__sameDocument = true;");
    for (int round = 0; round < 5; round++) {
      for (long c : open) {
        stack.sandbox.market().buyerWrites(Stack.BUSINESS, c, "list " + c + " " + nonce);
        pause(25);
      }
    }
    long last = open.get(open.size() - 1);
    liveWithin(
        alice,
        d ->
            rows(d).get(0).getAttribute("data-chat").equals(String.valueOf(last))
                && rows(d).get(0).getText().contains("list " + last + " " + nonce),
        "list");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** Waits 10 s (a third of the list's 30 s safety poll) for a live change, on the same page. */
  private static void liveWithin(
      WebDriver d, java.util.function.Function<WebDriver, Boolean> shown, String where) {
    try {
      new WebDriverWait(d, Duration.ofSeconds(10), Duration.ofMillis(25))
          .ignoring(StaleElementReferenceException.class)
          .ignoring(IndexOutOfBoundsException.class)
          .until(shown::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the " + where + " missed the last of a burst of changes", e);
    }
    assertThat(((JavascriptExecutor) d).executeScript("return window.__sameDocument === true;"))
        .as("no reload")
        .isEqualTo(Boolean.TRUE);
  }
}
