package dev.ymchat.inbox;

import static dev.ymchat.inbox.Browsers.rows;
import static dev.ymchat.inbox.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.FakeClock;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.sandbox.SandboxServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Working the queue in headless Chromium: resolve and next, a buyer's files, the settings moving
 * the clocks, canned replies, the 5 MB check, assigning, and the R, E and ? keys. Each scenario
 * opens chats of its own (a buyer writes to the shop), so none depends on another's order.
 */
class BrowserQueueTest {

  static final AtomicInteger BUYERS = new AtomicInteger();

  /** The inbox's time: held still, so a test can step past a response target without sleeping. */
  static final FakeClock CLOCK = new FakeClock(Instant.now());

  @RegisterExtension
  static final Stack stack =
      new Stack(
          "jdbc:h2:mem:inbox-queue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
          null,
          SandboxServer.builder(),
          CLOCK);

  static WebDriver alice;

  @BeforeAll
  static void start() {
    Browsers.requireInstalled();
    alice = Browsers.signedIn(stack.url(), "alice");
  }

  @AfterAll
  static void stop() {
    Browsers.quit(alice);
  }

  @AfterEach
  void screenshot(TestInfo info) {
    if (alice != null) {
      Browsers.screenshot(alice, "queue-" + info.getTestMethod().orElseThrow().getName());
    }
  }

  /** A buyer opens a direct chat with the shop; returns it once the inbox lists it. */
  static long buyerOpensChat() {
    int n = BUYERS.incrementAndGet();
    long chat =
        stack
            .sandbox
            .market()
            .buyerOpensDirectChat(Stack.BUSINESS, "Покупатель " + n, "Вопрос номер " + n);
    Stack.await(() -> listed(chat), "chat " + chat + " in the inbox");
    return chat;
  }

  private static boolean listed(long chat) {
    return new ChatList(stack.sync.jdbi())
            .query(Filters.DEFAULT, "alice", Set.of(Stack.BUSINESS), CLOCK.instant(), chat)
            .rows()
            .stream()
            .anyMatch(r -> r.chatId() == chat);
  }

  static String chatUrl(long chat) {
    return stack.url() + "chats/" + Stack.BUSINESS + "/" + chat;
  }

  static void openChat(long chat) {
    alice.get(chatUrl(chat));
    waitFor(alice, d -> d.findElements(By.id("reply-text")).size() == 1);
  }

  static List<String> listedChats(WebDriver d) {
    List<String> ids = new ArrayList<>();
    for (WebElement r : rows(d)) {
      ids.add(r.getAttribute("data-chat"));
    }
    return ids;
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) alice).executeScript(script, args);
  }

  @Test
  void resolveAndNext_opensTheNextWaitingChat_andTheResolvedOneLeavesTheList() {
    buyerOpensChat();
    buyerOpensChat();
    alice.get(stack.url());
    List<String> before = listedChats(alice);
    assertThat(before).hasSizeGreaterThanOrEqualTo(2);
    long total = Long.parseLong(alice.findElement(By.id("total")).getAttribute("data-total"));
    assertThat(total).isEqualTo(before.size());
    String resolved = before.get(0);
    alice.findElement(By.cssSelector("#chats tr.row .who a")).click();
    waitFor(alice, d -> d.getCurrentUrl().endsWith("/" + resolved));
    alice.findElement(By.id("resolve-next")).click();
    waitFor(
        alice, d -> d.getCurrentUrl().endsWith("/chats/" + Stack.BUSINESS + "/" + before.get(1)));
    assertThat(alice.findElement(By.id("inbox-status")).getText()).isEqualTo("open");
    alice.get(stack.url());
    assertThat(listedChats(alice)).doesNotContain(resolved).contains(before.get(1));
    assertThat(alice.findElement(By.id("total")).getAttribute("data-total"))
        .isEqualTo(String.valueOf(total - 1));
    assertThat(
            alice
                .findElement(By.cssSelector(".facet[data-facet='view'] .opt[data-value='needs']"))
                .getAttribute("data-count"))
        .isEqualTo(String.valueOf(total - 1));
  }

  @Test
  void buyersFiles_imageInline_andTheDownloadGivesTheSandboxesBytes() throws Exception {
    long chat = buyerOpensChat();
    byte[] png = png();
    byte[] text = "Чек №42\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    long photo =
        stack.sandbox.market().buyerSendsFile(Stack.BUSINESS, chat, "photo.png", "image/png", png);
    long receipt = stack.sandbox.market().buyerSendsFile(Stack.BUSINESS, chat, "receipt.txt", text);
    Stack.await(
        () ->
            stack.sync.messages(Stack.BUSINESS, chat).stream()
                .anyMatch(m -> m.messageId() == receipt),
        "the files in the mirror");
    openChat(chat);
    WebElement img = alice.findElement(By.cssSelector("#msg-" + photo + " img"));
    waitFor(alice, d -> Boolean.TRUE.equals(js("return arguments[0].complete;", img)));
    assertThat(js("return arguments[0].naturalWidth;", img)).isEqualTo(40L);
    WebElement link = alice.findElement(By.cssSelector("#msg-" + receipt + " a.file"));
    assertThat(link.getText()).contains("receipt.txt");
    String cookie = alice.manage().getCookieNamed(WebApp.SESSION_COOKIE).getValue();
    assertThat(fetch(img.findElement(By.xpath("..")).getAttribute("href"), cookie))
        .isEqualTo(png)
        .isEqualTo(inSandbox(chat, photo));
    assertThat(fetch(link.getAttribute("href"), cookie))
        .isEqualTo(text)
        .isEqualTo(inSandbox(chat, receipt));
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 30; y++) {
        image.setRGB(x, y, (x < 20 ? Color.ORANGE : Color.BLUE).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] fetch(String url, String sessionCookie) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Cookie", WebApp.SESSION_COOKIE + "=" + sessionCookie)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  /** The file's bytes as the sandbox holds them, downloaded by the API client. */
  private static byte[] inSandbox(long chat, long message) throws IOException {
    List<MessagePayload> files = new ArrayList<>();
    stack.sandbox.forEachChat(
        s -> {
          if (s.chat().chatId() == chat) {
            for (ChatMessage m : s.messages()) {
              if (m.messageId() == message) {
                files.addAll(m.payload());
              }
            }
          }
        });
    assertThat(files).hasSize(1);
    try (InputStream in = stack.client.openDownload(files.get(0))) {
      return in.readAllBytes();
    }
  }

  /** Fills the settings form of the business (empty values are left as they are) and saves. */
  static void saveSettings(Map<String, String> values) {
    alice.get(stack.url() + "settings");
    WebElement form =
        waitFor(
            alice,
            d -> d.findElement(By.cssSelector("form[action='/settings/" + Stack.BUSINESS + "']")));
    values.forEach(
        (name, value) -> {
          WebElement field = form.findElement(By.name(name));
          field.clear();
          field.sendKeys(value);
        });
    form.findElement(By.cssSelector("button[type='submit']")).click();
    waitFor(
        alice,
        d ->
            d.findElements(By.cssSelector("main.settings .notice")).stream()
                .anyMatch(n -> n.getText().equals("Saved business " + Stack.BUSINESS + ".")));
  }

  static WebElement row(long chat) {
    return alice.findElement(By.id("chat-" + Stack.BUSINESS + "-" + chat));
  }

  @Test
  void settings_targetsAndBusinessHours_moveTheListsClocksAndBreachMarks() {
    long chat = buyerOpensChat();
    // the inbox's clock catches up with the buyer's message, so the targets count from it
    Duration behind = Duration.between(CLOCK.instant(), Instant.now());
    if (!behind.isNegative()) {
      CLOCK.advance(behind);
    }
    try {
      saveSettings(Map.of("first", "600", "start", "00:00", "end", "00:00", "zone", "UTC"));
      alice.get(stack.url());
      assertThat(row(chat).findElement(By.cssSelector(".clock")).getText())
          .matches("first response due in (9 h 5\\d|10 h 0) min");
      assertThat(row(chat).getAttribute("class")).contains("ok");

      saveSettings(Map.of("first", "5"));
      alice.get(stack.url());
      assertThat(row(chat).findElement(By.cssSelector(".clock")).getText())
          .matches("first response due in [45] min");
      assertThat(row(chat).getAttribute("class")).contains("risk");
      long atRisk = count("at-risk");
      assertThat(atRisk).isPositive();

      CLOCK.advance(Duration.ofMinutes(10));
      alice.get(stack.url());
      assertThat(row(chat).findElement(By.cssSelector(".clock")).getText())
          .startsWith("first response breached");
      assertThat(row(chat).getAttribute("class")).contains("breach");
      assertThat(count("breached")).isPositive();
      assertThat(alice.findElements(By.cssSelector("#chats tr.row.breach")))
          .hasSize((int) count("breached"));
    } finally {
      // back to the defaults without the page, so a failure above is the one reported
      new Settings(stack.sync.jdbi()).save(BusinessSettings.defaults(Stack.BUSINESS));
      Projector.recomputeClocks(stack.sync.jdbi(), Stack.BUSINESS, CLOCK.instant());
    }
  }

  private static long count(String id) {
    return Long.parseLong(alice.findElement(By.id(id)).getText().replaceAll("\\D", ""));
  }

  @Test
  void cannedReply_slashAndShortName_insertsItsText() {
    String canned = "Спасибо, что написали! Ответим в течение часа.";
    saveSettings(Map.of("canned", "thanks: " + canned));
    long chat = buyerOpensChat();
    openChat(chat);
    WebElement box = alice.findElement(By.id("reply-text"));
    box.sendKeys("Добрый день! /than");
    waitFor(alice, d -> d.findElement(By.id("canned")).isDisplayed());
    assertThat(alice.findElement(By.cssSelector("#canned li.active")).getAttribute("data-name"))
        .isEqualTo("thanks");
    box.sendKeys(Keys.TAB);
    assertThat(box.getAttribute("value")).isEqualTo("Добрый день! " + canned);
    assertThat(alice.findElement(By.id("counter")).getText())
        .isEqualTo(("Добрый день! " + canned).length() + " / 4096");
    assertThat(alice.findElement(By.id("canned")).isDisplayed()).isFalse();
  }

  @Test
  void fileOverFiveMegabytes_isRefusedBeforeAnyUpload() throws IOException {
    long chat = buyerOpensChat();
    openChat(chat);
    Path big = Path.of("target", "over-5mb.bin").toAbsolutePath();
    Files.write(big, new byte[5 * 1024 * 1024 + 1]);
    alice.findElement(By.id("reply-file")).sendKeys(big.toString());
    WebElement error = waitFor(alice, d -> visible(d, "file-error"));
    assertThat(error.getText()).startsWith("The file is larger than 5 MB");
    assertThat(alice.findElement(By.id("reply-file")).getAttribute("value")).isEmpty();
    alice.findElement(By.id("reply-text")).sendKeys("Файл не прикрепился");
    alice.findElement(By.id("send")).click();
    waitFor(alice, d -> !stack.sync.outbox().replies(Stack.BUSINESS, chat).isEmpty());
    assertThat(stack.sync.outbox().replies(Stack.BUSINESS, chat))
        .singleElement()
        .satisfies(r -> assertThat(r.file()).isFalse());
  }

  private static WebElement visible(WebDriver d, String id) {
    WebElement e = d.findElement(By.id(id));
    return e.isDisplayed() && !e.getText().isEmpty() ? e : null;
  }

  @Test
  void assign_toAnOperatorOfTheBusiness_andTheAssigneeFilterAgrees() {
    long chat = buyerOpensChat();
    openChat(chat);
    Select to = new Select(alice.findElement(By.id("assign-to")));
    assertThat(to.getOptions())
        .extracting(o -> o.getAttribute("value"))
        .containsExactly("", "alice", "bob");
    assertThat(to.getFirstSelectedOption().getText()).isEqualTo("Unassigned");
    to.selectByValue("bob");
    alice.findElement(By.id("assign")).click();
    waitFor(alice, d -> d.findElement(By.id("assignee")).getText().equals("assigned to bob"));
    assertThat(alice.findElement(By.id("notice")).getText()).isEqualTo("Assigned to bob.");
    assertThat(new Select(alice.findElement(By.id("assign-to"))).getFirstSelectedOption().getText())
        .isEqualTo("bob");
    String id = String.valueOf(chat);
    alice.get(stack.url() + "?assignee=unassigned");
    assertThat(listedChats(alice)).doesNotContain(id);
    alice.get(stack.url() + "?assignee=me");
    assertThat(listedChats(alice)).doesNotContain(id);
    alice.get(stack.url() + "?assignee=all");
    assertThat(row(chat).findElement(By.cssSelector(".assignee")).getText()).isEqualTo("bob");

    openChat(chat);
    new Select(alice.findElement(By.id("assign-to"))).selectByValue("");
    alice.findElement(By.id("assign")).click();
    waitFor(alice, d -> d.findElement(By.id("assignee")).getText().equals("unassigned"));
    alice.get(stack.url() + "?assignee=unassigned");
    assertThat(listedChats(alice)).contains(id);
    assertThat(
            alice
                .findElement(
                    By.cssSelector(".facet[data-facet='assignee'] .opt[data-value='unassigned']"))
                .getAttribute("data-count"))
        .isEqualTo(String.valueOf(rows(alice).size()));
  }

  @Test
  void keys_rFocusesTheReplyBox_questionMarkShowsTheSheet_eResolves() {
    long chat = buyerOpensChat();
    openChat(chat);
    Actions keys = new Actions(alice);
    keys.sendKeys("r").perform();
    assertThat(js("return document.activeElement.id;")).isEqualTo("reply-text");
    keys.sendKeys(Keys.ESCAPE).perform();
    assertThat(js("return document.activeElement.id;")).isNotEqualTo("reply-text");
    keys.sendKeys("?").perform();
    WebElement sheet = waitFor(alice, d -> visible(d, "help"));
    assertThat(sheet.findElements(By.tagName("dt")))
        .extracting(WebElement::getText)
        .contains("J / K", "Enter", "R", "E", "U", "?");
    keys.sendKeys(Keys.ESCAPE).perform();
    waitFor(alice, d -> !d.findElement(By.id("help")).isDisplayed());
    keys.sendKeys("e").perform();
    waitFor(alice, d -> d.findElement(By.id("inbox-status")).getText().equals("resolved"));
    assertThat(alice.findElement(By.id("notice")).getText()).isEqualTo("Marked resolved.");
    alice.get(stack.url());
    assertThat(listedChats(alice)).doesNotContain(String.valueOf(chat));
  }
}
