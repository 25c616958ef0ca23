package dev.ymchat.sandbox;

import dev.ymchat.sandbox.limits.SandboxRateLimits;

/** The sandbox most tests run against: in memory, demo data, Market's rate limits off. */
public final class TestSandbox {

  private TestSandbox() {}

  /**
   * Starts a sandbox on a free loopback port.
   *
   * @return the running sandbox; the caller closes it
   */
  public static SandboxServer startDemo() {
    return SandboxServer.builder()
        .port(0)
        .inMemory()
        .seedDemo(true)
        .rateLimits(SandboxRateLimits.disabled())
        .build()
        .start();
  }
}
