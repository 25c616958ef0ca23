package dev.ymchat.cli.command;

import dev.ymchat.cli.Settings;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsClientBuilder;
import dev.ymchat.sandbox.SandboxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The in-process sandbox the demos run against ({@code demo}, its mirror step, {@code inbox
 * --demo}): in memory on a free loopback port, seeded with the demo data, posting its notifications
 * to a local receiver.
 */
final class DemoSandbox {

  private DemoSandbox() {}

  /**
   * A loopback port that was free a moment ago, for a receiver that must be named before it starts.
   *
   * @throws IOException when no port can be had
   */
  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * Starts a sandbox with the demo data.
   *
   * @param webhookUrl where its notifications go
   * @return the started sandbox; the caller closes it
   */
  static SandboxServer start(String webhookUrl) {
    return SandboxServer.builder()
        .port(0)
        .inMemory()
        .seedDemo(true)
        .webhookUrl(webhookUrl)
        .build()
        .start();
  }

  /** A client builder with the sandbox's address and demo key; the caller adds the rest. */
  static ChatsClientBuilder client(SandboxServer sandbox) {
    return ChatsClient.builder().apiKey(Settings.SANDBOX_API_KEY).baseUrl(sandbox.baseUrl());
  }
}
