package dev.ymchat.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages for the browser tests. Without them a test skips with
 * one line saying what to install, except under {@code CI=true}, where it fails.
 */
final class Browsers {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browsers() {}

  static void requireInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
      return;
    }
    String line =
        "browser tests skipped: install chromium and chromium-driver (apt-get install chromium chromium-driver)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(line.replace("skipped", "cannot run under CI=true"));
    }
    Assumptions.abort(line);
  }

  static WebDriver start() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=en");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  /** A new browser signed in as {@code login}. */
  static WebDriver signedIn(String baseUrl, String login) {
    WebDriver d = start();
    try {
      signIn(d, baseUrl, login);
      return d;
    } catch (RuntimeException | Error e) {
      d.quit();
      throw e;
    }
  }

  /** Closes the browsers that were started. */
  static void quit(WebDriver... drivers) {
    for (WebDriver d : drivers) {
      if (d != null) {
        d.quit();
      }
    }
  }

  /** Signs in on the login page and waits for the list. */
  static void signIn(WebDriver d, String baseUrl, String login) {
    d.get(baseUrl + "login");
    // under load chromedriver's first navigation of a session can return before the document is
    // parsed (CI saw the form in the page source a moment after an immediate lookup missed it)
    if (!present(d, By.id("login"))) {
      screenshot(d, "sign-in-" + login);
      String page = d.getPageSource();
      throw new AssertionError(
          "no sign-in form at "
              + d.getCurrentUrl()
              + ": "
              + page.substring(0, Math.min(2000, page.length())));
    }
    d.findElement(By.id("login")).sendKeys(login);
    d.findElement(By.id("password")).sendKeys(Stack.PASSWORD);
    d.findElement(By.id("signin")).click();
    waitFor(d, x -> x.findElements(By.id("chats")).size() == 1);
  }

  private static boolean present(WebDriver d, By what) {
    try {
      waitFor(d, x -> !x.findElements(what).isEmpty());
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /** Waits up to 20 s for a condition, re-finding elements a live refresh replaced. */
  static <T> T waitFor(WebDriver d, Function<WebDriver, T> condition) {
    return new WebDriverWait(d, Duration.ofSeconds(20), Duration.ofMillis(25))
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** The rows of the list on the page. */
  static List<WebElement> rows(WebDriver d) {
    return d.findElements(By.cssSelector("#chats tr.row"));
  }

  static Path screenshot(WebDriver driver, String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
