package dev.ymchat.sync.testing;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sync.ChatSync;
import java.time.Duration;

/**
 * A delivery worker in a child JVM: {@code SyncWorkerMain JDBC_URL SANDBOX_URL WORKER_ID}. Prints
 * READY once started; stops cleanly when its standard input closes.
 */
public final class SyncWorkerMain {

  private SyncWorkerMain() {}

  public static void main(String[] args) throws Exception {
    ChatsClient client =
        ChatsClient.builder()
            .baseUrl(args[1])
            .apiKey(SandboxDemo.ALL_METHODS_KEY)
            .retryPolicy(RetryPolicy.none())
            .requestTimeout(Duration.ofSeconds(5))
            .build();
    ChatSync sync =
        ChatSync.builder()
            .database(args[0], "postgres", null)
            .business(SandboxDemo.BUSINESS_ID, client)
            .workerId(args[2])
            .roles(false, true)
            .threads(1, 3)
            .maxInFlightPerBusiness(1)
            .lease(Duration.ofSeconds(12))
            .pollInterval(Duration.ofMillis(50))
            .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
            .maxAttempts(50)
            .build()
            .start();
    try {
      System.out.println("READY " + args[2] + " " + sync.workerId());
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes our standard input
      }
    } finally {
      sync.close();
    }
    client.close();
  }
}
