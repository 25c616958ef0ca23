package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagingTest {

  private final Stub stub = new Stub();

  @AfterEach
  void close() {
    stub.close();
  }

  private static String chat(long id) {
    return "{\"chatId\":"
        + id
        + ",\"type\":\"CHAT\",\"status\":\"NEW\","
        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}";
  }

  private static String chatsPage(String token, long... ids) {
    String chats =
        java.util.Arrays.stream(ids).mapToObj(PagingTest::chat).collect(Collectors.joining(","));
    return "{\"chats\":["
        + chats
        + "]"
        + (token == null ? "" : ",\"paging\":{\"nextPageToken\":\"" + token + "\"}")
        + "}";
  }

  private static String message(long id) {
    return "{\"messageId\":"
        + id
        + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"sender\":\"PARTNER\","
        + "\"message\":\"m"
        + id
        + "\"}";
  }

  private static String historyPage(String token, long... ids) {
    String messages =
        java.util.Arrays.stream(ids).mapToObj(PagingTest::message).collect(Collectors.joining(","));
    return "{\"context\":{\"type\":\"ORDER\",\"orderId\":3},\"messages\":["
        + messages
        + "]"
        + (token == null ? "" : ",\"paging\":{\"nextPageToken\":\"" + token + "\"}")
        + "}";
  }

  @Test
  void autoPager_fetchesTheNextPageOnlyWhenTheIterationReachesIt() {
    stub.ok(chatsPage("t2", 1, 2)).ok(chatsPage("t3", 3, 4)).ok(chatsPage(null, 5));
    try (ChatsClient client = stub.client().build()) {
      ChatsPage first = client.chats(1001, ChatsQuery.builder().limit(2).build());
      assertThat(stub.requestCount()).isEqualTo(1);

      Iterator<Chat> it = first.autoPager().iterator();
      assertThat(it.next().chatId()).isEqualTo(1);
      assertThat(it.next().chatId()).isEqualTo(2);
      assertThat(stub.requestCount()).isEqualTo(1);
      assertThat(it.next().chatId()).isEqualTo(3);
      assertThat(stub.requestCount()).isEqualTo(2);

      assertThat(stub.take().getTarget()).isEqualTo("/v2/businesses/1001/chats?limit=2");
      assertThat(stub.take().getTarget())
          .isEqualTo("/v2/businesses/1001/chats?pageToken=t2&limit=2");
    }
  }

  @Test
  void autoPagerStream_readsAllPagesInOrderAndStopsOnTheLast() {
    stub.ok(chatsPage("t2", 1, 2)).ok(chatsPage(null, 3));
    try (ChatsClient client = stub.client().build()) {
      List<Long> ids =
          client.chats(1001).autoPager().stream().map(Chat::chatId).collect(Collectors.toList());
      assertThat(ids).containsExactly(1L, 2L, 3L);
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void autoPagerStream_withLimit_doesNotFetchPagesItDoesNotNeed() {
    stub.ok(chatsPage("t2", 1, 2)).ok(chatsPage("t3", 3, 4)).ok(chatsPage(null, 5));
    try (ChatsClient client = stub.client().build()) {
      List<Long> ids =
          client.chats(1001).autoPager().stream()
              .limit(3)
              .map(Chat::chatId)
              .collect(Collectors.toList());
      assertThat(ids).containsExactly(1L, 2L, 3L);
    }
    assertThat(stub.requestCount()).isEqualTo(2);
  }

  @Test
  void autoPager_skipsEmptyPagesThatStillHaveANextToken() {
    stub.ok(chatsPage("t2")).ok(chatsPage(null, 7));
    try (ChatsClient client = stub.client().build()) {
      assertThat(client.chats(1001).autoPager()).extracting(Chat::chatId).containsExactly(7L);
    }
  }

  @Test
  void nextPage_onTheLastPage_throwsNoSuchElement() {
    stub.ok(chatsPage(null, 1));
    try (ChatsClient client = stub.client().build()) {
      ChatsPage page = client.chats(1001);
      assertThat(page.hasNextPage()).isFalse();
      assertThatThrownBy(page::nextPage)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("last page");
    }
  }

  @Test
  void historyPaging_keepsMessageIdFromAndLimitOnEveryPage_legacyTokenName() {
    stub.ok(historyPage("h2", 10, 11)).ok(historyPage(null, 12));
    try (ChatsClient client = stub.client().pathStyle(PathStyle.LEGACY).build()) {
      HistoryPage first =
          client.history(1001, 5, HistoryQuery.builder().messageIdFrom(10).limit(2).build());
      HistoryPage second = first.nextPage();
      assertThat(second.items()).extracting(ChatMessage::messageId).containsExactly(12L);
      assertThat(second.context().orderId()).isEqualTo(3L);
    }
    RecordedRequest r1 = stub.take();
    RecordedRequest r2 = stub.take();
    assertThat(r1.getTarget()).isEqualTo("/businesses/1001/chats/history?chatId=5&limit=2");
    assertThat(Stub.body(r1)).isEqualTo("{\"messageIdFrom\":10}");
    assertThat(r2.getTarget())
        .isEqualTo("/businesses/1001/chats/history?chatId=5&page_token=h2&limit=2");
    assertThat(Stub.body(r2)).isEqualTo("{\"messageIdFrom\":10}");
  }
}
