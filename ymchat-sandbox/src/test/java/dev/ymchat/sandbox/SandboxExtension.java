package dev.ymchat.sandbox;

import dev.ymchat.sandbox.limits.SandboxRateLimits;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a sandbox for a test class, like JavalinTest does for an app: in memory, demo data,
 * Market's rate limits off, a free loopback port, unless the settings say otherwise. Registered on
 * a static field it serves the whole class; on an instance field, a fresh one serves each test.
 *
 * <pre>{@code
 * @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();
 *
 * @Test void works() { SANDBOX.sandbox().market()...; }
 *
 * @Test void withQuota() {
 *   try (SandboxServer limited = SandboxExtension.start(b -> b.rateLimits(limits))) { ... }
 * }
 * }</pre>
 */
public final class SandboxExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Consumer<SandboxConfig.Builder> settings;
  private SandboxServer sandbox;
  private boolean perClass;

  private SandboxExtension(Consumer<SandboxConfig.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The sandbox most tests run against.
   *
   * @return an extension starting an in-memory demo sandbox without rate limits
   */
  public static SandboxExtension demo() {
    return demo(b -> {});
  }

  /**
   * A demo sandbox with more settings.
   *
   * @param settings applied after the demo defaults, such as {@code b -> b.faults(..)}
   * @return the extension
   */
  public static SandboxExtension demo(Consumer<SandboxConfig.Builder> settings) {
    return new SandboxExtension(settings);
  }

  /**
   * Starts a demo sandbox with these settings; the caller closes it.
   *
   * @param settings applied after the demo defaults
   * @return the running sandbox
   */
  public static SandboxServer start(Consumer<SandboxConfig.Builder> settings) {
    SandboxConfig.Builder b =
        SandboxServer.builder()
            .port(0)
            .inMemory()
            .seedDemo(true)
            .rateLimits(SandboxRateLimits.disabled());
    settings.accept(b);
    return b.build().start();
  }

  /**
   * The running sandbox.
   *
   * @return the sandbox
   * @throws IllegalStateException outside a test of the class
   */
  public SandboxServer sandbox() {
    if (sandbox == null) {
      throw new IllegalStateException(
          "The sandbox runs only during the tests; register the extension with @RegisterExtension");
    }
    return sandbox;
  }

  /**
   * The running sandbox's URL.
   *
   * @return such as {@code http://127.0.0.1:54321}
   */
  public String baseUrl() {
    return sandbox().baseUrl();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    sandbox = start(settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      sandbox = start(settings);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void stop() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }
}
