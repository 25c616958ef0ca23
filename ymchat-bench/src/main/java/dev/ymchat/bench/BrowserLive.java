package dev.ymchat.bench;

import dev.ymchat.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Push to screen in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): a
 * buyer's message timed from the sandbox taking it to the list's first row showing it, in a browser
 * signed in to the inbox, with the page's own htmx and SSE doing the work. The wait runs in the
 * page (a MutationObserver), so the figure includes one WebDriver round trip and nothing else of
 * the harness.
 */
final class BrowserLive implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static final String AWAIT_FIRST_ROW =
      "var text = arguments[0], done = arguments[arguments.length - 1];"
          + "function shown() { var r = document.querySelector('#chats tr.row');"
          + "  return r !== null && r.textContent.indexOf(text) >= 0; }"
          + "if (shown()) { done(true); return; }"
          + "var o = new MutationObserver(function () {"
          + "  if (shown()) { o.disconnect(); done(true); } });"
          + "o.observe(document.body, {childList: true, subtree: true, characterData: true});";

  private final ChromeDriver driver;

  private BrowserLive(ChromeDriver driver) {
    this.driver = driver;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  /** A headless browser signed in to the inbox at {@code base} (ending in a slash). */
  static BrowserLive signIn(String base, String login, String password) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriver driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    try {
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      driver.get(base + "login");
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      wait.until(d -> !d.findElements(By.id("login")).isEmpty());
      driver.findElement(By.id("login")).sendKeys(login);
      driver.findElement(By.id("password")).sendKeys(password);
      driver.findElement(By.id("signin")).click();
      wait.until(d -> !d.findElements(By.id("chats")).isEmpty());
      return new BrowserLive(driver);
    } catch (RuntimeException e) {
      driver.quit();
      throw e;
    }
  }

  /**
   * Writes {@code messages} buyer messages, one chat after another, each timed until the open list
   * (newest first) shows it on top; checks that the page was never reloaded.
   *
   * @return the latencies in nanoseconds
   */
  long[] measure(String base, SandboxServer sandbox, long business, List<Long> chats, int messages)
      throws InterruptedException {
    driver.get(base + "?view=all&status=all&sort=newest");
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#chats tr.row")).isEmpty());
    driver.executeScript("window.__sameDocument = true;");
    LatencySamples samples = new LatencySamples();
    for (int i = 0; i < messages; i++) {
      String text = "screen-" + i + "-" + System.nanoTime();
      long start = System.nanoTime();
      sandbox.market().buyerWrites(business, chats.get(i % chats.size()), text);
      driver.executeAsyncScript(AWAIT_FIRST_ROW, text);
      samples.record(System.nanoTime() - start);
      TimeUnit.MILLISECONDS.sleep(50);
    }
    if (!Boolean.TRUE.equals(driver.executeScript("return window.__sameDocument === true;"))) {
      throw new IllegalStateException("the list page reloaded during the measurement");
    }
    return LatencySamples.mergeSorted(List.of(samples));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
