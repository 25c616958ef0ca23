package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.ForbiddenException;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconciledSendTest {

  private final Stub stub = new Stub();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ChatsClient client =
      stub.client()
          .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
          .clock(clock)
          .sleeper(new RecordingSleeper(clock))
          .build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  private static String message(long id, String sender, String text) {
    return "{\"messageId\":"
        + id
        + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"sender\":\""
        + sender
        + "\",\"message\":\""
        + text
        + "\"}";
  }

  private Stub history(String... messages) {
    return stub.ok(
        "{\"context\":{\"type\":\"ORDER\"},\"messages\":[" + String.join(",", messages) + "]}");
  }

  private void dropAfterRequest() {
    stub.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
  }

  @Test
  void ambiguousFailure_messageFoundInHistory_isNotSentAgain() {
    history(message(10, "CUSTOMER", "where?"), message(11, "PARTNER", "hello"));
    dropAfterRequest();
    history(message(11, "PARTNER", "hello"), message(12, "PARTNER", "on its way"));

    client.sendMessageReconciled(1001, 5, "on its way");

    assertThat(stub.requestCount()).isEqualTo(3);
    RecordedRequest before = stub.take();
    assertThat(before.getTarget())
        .isEqualTo("/v2/businesses/1001/chats/history?chatId=5&limit=100");
    assertThat(Stub.body(stub.take())).isEqualTo("{\"message\":\"on its way\"}");
    RecordedRequest after = stub.take();
    assertThat(Stub.body(after)).isEqualTo("{\"messageIdFrom\":11}");
  }

  @Test
  void ambiguousFailure_messageMissing_isSentAgainOnce() {
    history(message(11, "PARTNER", "hello"));
    dropAfterRequest();
    // same text from the buyer, and the old partner message: neither counts as our send
    history(message(11, "PARTNER", "on its way"), message(12, "CUSTOMER", "on its way"));
    stub.ok(null);

    client.sendMessageReconciled(1001, 5, "on its way");

    assertThat(stub.requestCount()).isEqualTo(4);
    stub.take();
    stub.take();
    stub.take();
    assertThat(Stub.body(stub.take())).isEqualTo("{\"message\":\"on its way\"}");
  }

  @Test
  void emptyChat_readsWholeHistoryAfterAnAmbiguousFailure() {
    history();
    dropAfterRequest();
    history(message(1, "PARTNER", "first"));

    client.sendMessageReconciled(1001, 5, "first");

    assertThat(stub.requestCount()).isEqualTo(3);
    stub.take();
    stub.take();
    assertThat(Stub.body(stub.take())).isEqualTo("{}");
  }

  @Test
  void definiteFailure_isThrownWithoutReconciling() {
    history();
    stub.enqueue(403, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"FORBIDDEN\"}]}");
    catchThrowableOfType(
        ForbiddenException.class, () -> client.sendMessageReconciled(1001, 5, "x"));
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void http500_isAmbiguous_messageFoundInHistory_isNotSentAgain() {
    // a send answered 500 may have been stored: the client never repeats it blindly, so it looks
    history();
    stub.enqueue(500, "{\"status\":\"ERROR\",\"errors\":[{\"code\":\"INTERNAL_ERROR\"}]}");
    stub.ok(
        "{\"context\":{\"type\":\"DIRECT\"},\"messages\":[{\"messageId\":101,"
            + "\"createdAt\":\"2017-11-21T00:00:00+03:00\",\"sender\":\"PARTNER\",\"message\":\"x\"}]}");

    client.sendMessageReconciled(1001, 5, "x");

    assertThat(stub.requestCount()).isEqualTo(3);
  }
}
