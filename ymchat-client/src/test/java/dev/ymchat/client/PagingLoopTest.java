package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server whose {@code nextPageToken} repeats a token of the same listing would be paged through
 * forever; paging stops at the first repeat with an {@link InvalidResponseException}.
 */
class PagingLoopTest {

  /** Before the check, these listings never ended: the guard turns that into a failure. */
  private static final Duration GUARD = Duration.ofSeconds(30);

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  /** Answers request number n (0 first) with the body made for it. */
  private void answer(IntFunction<String> resultForRequest) {
    AtomicInteger count = new AtomicInteger();
    answer((request, n) -> resultForRequest.apply(n), count);
  }

  private void answer(
      java.util.function.BiFunction<RecordedRequest, Integer, String> resultFor,
      AtomicInteger count) {
    stub.server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(
                    "{\"status\":\"OK\",\"result\":"
                        + resultFor.apply(request, count.getAndIncrement())
                        + "}")
                .build();
          }
        });
  }

  private static String chats(String token, long id) {
    return "{\"chats\":[{\"chatId\":"
        + id
        + ",\"type\":\"CHAT\",\"status\":\"NEW\",\"createdAt\":\"2026-01-01T00:00:00Z\","
        + "\"updatedAt\":\"2026-01-01T00:00:00Z\"}]"
        + (token == null ? "" : ",\"paging\":{\"nextPageToken\":\"" + token + "\"}")
        + "}";
  }

  private static String history(String token, long id) {
    return "{\"context\":{\"type\":\"ORDER\",\"orderId\":3},\"messages\":[{\"messageId\":"
        + id
        + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"sender\":\"PARTNER\",\"message\":\"m\"}]"
        + (token == null ? "" : ",\"paging\":{\"nextPageToken\":\"" + token + "\"}")
        + "}";
  }

  @Test
  void autoPager_whenEveryAnswerNamesTheSameToken_stopsAtTheSecondPage() {
    answer(n -> chats("tok-77", n + 1));
    try (ChatsClient client = stub.client().build()) {
      List<Long> seen = new ArrayList<>();
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  catchThrowableOfType(
                      InvalidResponseException.class,
                      () -> client.chats(1001).autoPager().forEach(c -> seen.add(c.chatId()))));
      assertThat(e.getMessage())
          .startsWith("getChats failed: the answer for page 2 of this listing names as the next")
          .contains("already used for page 2", "paging stopped")
          .doesNotContain("tok-77");
      assertThat(e.statusCode()).isEqualTo(200);
      assertThat(seen).containsExactly(1L);
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void autoPagerStream_whenATokenComesBackLater_stopsThere() {
    // t1 -> t2 -> t3 -> t1: the fourth answer names a token the second page was fetched with
    String[] tokens = {"t1", "t2", "t3", "t1"};
    answer(n -> chats(tokens[Math.min(n, 3)], n + 1));
    try (ChatsClient client = stub.client().build()) {
      List<Long> seen = new ArrayList<>();
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD,
              () ->
                  catchThrowableOfType(
                      InvalidResponseException.class,
                      () ->
                          client.chats(1001).autoPager().stream()
                              .map(Chat::chatId)
                              .forEach(seen::add)));
      assertThat(e.getMessage()).contains("page 4 of this listing", "already used for page 2");
      assertThat(seen).containsExactly(1L, 2L, 3L);
    }
    assertThat(stub.requestCount()).isEqualTo(4);
  }

  @Test
  void firstPage_whoseNextTokenIsTheTokenThatFetchedIt_failsAtOnce_syncAndAsync() {
    answer(n -> chats("resume", 7));
    try (ChatsClient client = stub.client().build()) {
      ChatsQuery query = ChatsQuery.builder().pageToken("resume").build();
      InvalidResponseException sync =
          catchThrowableOfType(InvalidResponseException.class, () -> client.chats(1001, query));
      assertThat(sync.getMessage()).contains("page 1 of this listing", "already used for page 1");
      CompletionException async =
          catchThrowableOfType(
              CompletionException.class, () -> client.chatsAsync(1001, query).join());
      assertThat(async).hasCauseInstanceOf(InvalidResponseException.class);
    }
  }

  @Test
  void nextPageChain_ofTheHistory_stopsAtTheRepeat_andTheAsyncFirstPageCarriesTheCheck() {
    answer(n -> history("h", 100 + n));
    try (ChatsClient client = stub.client().build()) {
      HistoryPage first = client.historyAsync(1001, 5).join();
      assertThat(first.items()).extracting(ChatMessage::messageId).containsExactly(100L);
      InvalidResponseException e =
          assertTimeoutPreemptively(
              GUARD, () -> catchThrowableOfType(InvalidResponseException.class, first::nextPage));
      assertThat(e.getMessage()).startsWith("getChatHistory failed: the answer for page 2");
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void aListingReadTwice_fromTheSamePage_isNotMistakenForALoop() {
    answer(
        (request, n) ->
            request.getTarget().contains("pageToken=t2") ? chats(null, 2) : chats("t2", 1),
        new AtomicInteger());
    try (ChatsClient client = stub.client().build()) {
      AutoPager<Chat> pager = client.chats(1001).autoPager();
      List<Long> once = pager.stream().map(Chat::chatId).collect(Collectors.toList());
      List<Long> again = pager.stream().map(Chat::chatId).collect(Collectors.toList());
      assertThat(once).containsExactly(1L, 2L);
      assertThat(again).containsExactly(1L, 2L);
    }
  }
}
