package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ymchat.client.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The synchronous methods exchange on the caller's thread (no hand-off per answer); the
 * asynchronous ones complete on the HTTP client's threads. The attempt log line is written where
 * the answer completes, so its thread tells which path ran.
 */
class CallerThreadTest {

  private final Stub stub = new Stub();
  @RegisterExtension final CapturedLogs logs = new CapturedLogs("dev.ymchat.client");

  @AfterEach
  void restore() {
    stub.close();
  }

  @Test
  void syncCall_completesOnTheCallersThread() {
    stub.ok(
            "{\"chats\":["
                + ChatsClientOperationsTest.CHAT_JSON
                + "],\"paging\":{\"nextPageToken\":\"p2\"}}")
        .ok("{\"chats\":[" + ChatsClientOperationsTest.CHAT_JSON + "]}");
    try (ChatsClient client = stub.client().build()) {
      client.chats(1).nextPage();
    }
    assertThat(attemptThreads()).hasSize(2).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void syncCall_retriesOnTheCallersThreadToo() {
    stub.enqueue(503, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"SERVICE_UNAVAILABLE\"}]}")
        .ok("{\"chats\":[" + ChatsClientOperationsTest.CHAT_JSON + "]}");
    try (ChatsClient client =
        stub.client()
            .retryPolicy(
                RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(20)).build())
            .build()) {
      assertThat(client.chats(1).items()).hasSize(1);
    }
    assertThat(attemptThreads()).hasSize(2).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void asyncCall_completesOnAnotherThread() throws Exception {
    stub.ok("{\"chats\":[" + ChatsClientOperationsTest.CHAT_JSON + "]}");
    try (ChatsClient client = stub.client().build()) {
      client.chatsAsync(1).get(5, TimeUnit.SECONDS);
    }
    assertThat(attemptThreads()).hasSize(1).doesNotContain(Thread.currentThread().getName());
  }

  private List<String> attemptThreads() {
    return logs.events().stream()
        .filter(e -> e.getFormattedMessage().contains("(attempt"))
        .map(ILoggingEvent::getThreadName)
        .collect(Collectors.toList());
  }
}
