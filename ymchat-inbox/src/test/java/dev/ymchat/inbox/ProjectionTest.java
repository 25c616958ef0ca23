package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.FakeClock;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The projection, the list's single query and the queue actions, on H2 and on PostgreSQL. */
class ProjectionTest {

  static final long B = 1001;
  static final long OTHER = 1002;
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z"); // 11:00 in Moscow, a Monday

  private static List<Map<String, Object>> snapshot(Database db) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT business_id, chat_id, context_type, needs_answer, waiting_since,"
                        + " response_due, inbox_status, snooze_until, last_sender, last_text,"
                        + " last_buyer_message_id, assignee FROM inbox_chat"
                        + " ORDER BY business_id, chat_id")
                .mapToMap()
                .list());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void buyerLast_needsAnswer_oldestFirst_andReplayChangesNothing(Dialect dialect) {
    try (Database db = Mirror.database(dialect)) {
      FakeClock clock = new FakeClock(T0);
      Mirror m = new Mirror(db);
      m.chat(B, 1, "ORDER", "CHAT", "WAITING_FOR_CUSTOMER", T0);
      m.chat(B, 2, "DIRECT", "CHAT", "NEW", T0);
      m.chat(B, 3, "RETURN", "ARBITRAGE", "WAITING_FOR_ARBITER", T0);
      m.message(B, 1, "CUSTOMER", "Где заказ?", T0.plusSeconds(60));
      m.message(B, 2, "CUSTOMER", "Здравствуйте", T0.plusSeconds(10));
      m.message(B, 2, "CUSTOMER", "Алло?", T0.plusSeconds(20));
      m.message(B, 3, "CUSTOMER", "Верните деньги", T0.plusSeconds(30));
      m.message(B, 3, "PARTNER", "Уже оформили", T0.plusSeconds(40));
      Projector p = new Projector(db.jdbi(), clock, changes -> {});
      while (p.catchUp() > 0) {}
      ChatList list = new ChatList(db.jdbi());
      ChatList.Result r = list.query(Filters.DEFAULT, "alice", Set.of(B), clock.instant());
      assertThat(r.rows()).extracting(ChatList.Row::chatId).containsExactly(2L, 1L);
      assertThat(r.rows().get(0).waitingSince()).isEqualTo(T0.plusSeconds(10));
      assertThat(r.total()).isEqualTo(2);

      List<Map<String, Object>> before = snapshot(db);
      db.withHandle(h -> h.createUpdate("UPDATE inbox_cursor SET last_seq = 0").execute());
      while (p.catchUp() > 0) {}
      assertThat(snapshot(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void countersEqualTheList_forRandomFilters(Dialect dialect) {
    try (Database db = Mirror.database(dialect)) {
      FakeClock clock = new FakeClock(T0.plus(Duration.ofHours(1)));
      Mirror m = new Mirror(db);
      SplittableRandom random = new SplittableRandom(20260302L);
      String[] contexts = {"ORDER", "RETURN", "DIRECT"};
      String[] types = {"CHAT", "ARBITRAGE"};
      String[] statuses = {"NEW", "WAITING_FOR_CUSTOMER", "WAITING_FOR_PARTNER", "FINISHED"};
      String[] senders = {"CUSTOMER", "PARTNER", "MARKET"};
      for (long chat = 1; chat <= 60; chat++) {
        long business = chat % 5 == 0 ? OTHER : B;
        m.chat(
            business,
            chat,
            contexts[random.nextInt(3)],
            types[random.nextInt(2)],
            statuses[random.nextInt(4)],
            T0);
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          m.message(
              business,
              chat,
              senders[random.nextInt(3)],
              random.nextBoolean() ? "доставка" : "возврат",
              T0.plusSeconds(random.nextInt(3000)));
        }
      }
      Projector p = new Projector(db.jdbi(), clock, changes -> {});
      while (p.catchUp() > 0) {}
      Queue q = new Queue(db.jdbi(), clock);
      String[] logins = {"alice", "bob"};
      String[] inbox = {"OPEN", "PENDING", "RESOLVED"};
      for (long chat = 1; chat <= 60; chat++) {
        long business = chat % 5 == 0 ? OTHER : B;
        if (random.nextInt(3) == 0) {
          q.take(business, chat, logins[random.nextInt(2)]);
        }
        int s = random.nextInt(4);
        if (s == 3) {
          q.snooze(business, chat, "alice", clock.instant().plus(Duration.ofHours(2)));
        } else {
          q.status(business, chat, "alice", inbox[s]);
        }
      }
      ChatList list = new ChatList(db.jdbi());
      Set<Long> granted = Set.of(B, OTHER);
      List<ChatList.Row> all =
          list.query(
                  Filters.DEFAULT.with("view", "all").with("status", "all"),
                  "alice",
                  granted,
                  clock.instant())
              .rows();
      assertThat(all).hasSize(60);
      for (int i = 0; i < 150; i++) {
        Filters f = Filters.DEFAULT;
        for (Map.Entry<String, List<String>> facet : Filters.FACETS.entrySet()) {
          f = f.with(facet.getKey(), facet.getValue().get(random.nextInt(facet.getValue().size())));
        }
        String b =
            random.nextInt(3) == 0 ? String.valueOf(random.nextBoolean() ? B : OTHER) : "all";
        f = f.with("business", b);
        if (random.nextInt(4) == 0) {
          f = f.with("q", random.nextBoolean() ? "достав" : "Buyer 1");
        }
        ChatList.Result r = list.query(f, "alice", granted, clock.instant());
        assertThat(r.rows()).hasSize((int) r.total());
        if (f.text().isEmpty()) {
          assertThat(r.total()).isEqualTo(all.stream().filter(matches(f, "alice")).count());
        }
        Filters ff = f;
        Map<String, String> selected = f.asMap();
        for (String facet : List.of("view", "context", "type", "assignee", "status", "business")) {
          assertThat(r.counts().get(facet + ":" + selected.get(facet)))
              .as("counter of %s=%s under %s", facet, selected.get(facet), ff)
              .isEqualTo(r.total());
        }
      }
    }
  }

  /** The filters of the list, in plain Java, to check the SQL against. */
  private static Predicate<ChatList.Row> matches(Filters f, String me) {
    return r ->
        (f.view().equals("all") || r.needsAnswer())
            && (f.business() == null || f.business() == r.businessId())
            && (f.context().equals("all") || f.context().toUpperCase().equals(r.contextType()))
            && (f.type().equals("all")
                || (f.type().equals("dispute") ? "ARBITRAGE" : "CHAT").equals(r.chatType()))
            && (f.assignee().equals("all")
                || (f.assignee().equals("me") ? me.equals(r.assignee()) : r.assignee() == null))
            && (f.status().equals("all") || f.status().toUpperCase().equals(r.status()));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void take_ofEightAtOnce_exactlyOneWins_theOthersSeeWho(Dialect dialect) throws Exception {
    try (Database db = Mirror.database(dialect)) {
      FakeClock clock = new FakeClock(T0);
      new Mirror(db).chat(B, 7, "ORDER", "CHAT", "NEW", T0);
      new Projector(db.jdbi(), clock, c -> {}).catchUp();
      Queue q = new Queue(db.jdbi(), clock);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Queue.Take>> takes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String login = "op" + i;
        takes.add(
            pool.submit(
                () -> {
                  go.await();
                  return q.take(B, 7, login);
                }));
      }
      go.countDown();
      List<Queue.Take> results = new ArrayList<>();
      for (Future<Queue.Take> t : takes) {
        results.add(t.get());
      }
      pool.shutdown();
      assertThat(results).filteredOn(Queue.Take::won).hasSize(1);
      String winner = results.stream().filter(Queue.Take::won).findFirst().orElseThrow().holder();
      assertThat(results).allMatch(t -> winner.equals(t.holder()));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void snoozed_reopensOnABuyerReply_andWhenItsTimeComes(Dialect dialect) {
    try (Database db = Mirror.database(dialect)) {
      FakeClock clock = new FakeClock(T0);
      Mirror m = new Mirror(db);
      m.chat(B, 1, "ORDER", "CHAT", "NEW", T0);
      m.chat(B, 2, "ORDER", "CHAT", "NEW", T0);
      m.message(B, 1, "CUSTOMER", "a", T0);
      m.message(B, 2, "CUSTOMER", "b", T0);
      Projector p = new Projector(db.jdbi(), clock, c -> {});
      p.catchUp();
      Queue q = new Queue(db.jdbi(), clock);
      q.snooze(B, 1, "alice", T0.plus(Duration.ofHours(3)));
      q.snooze(B, 2, "alice", T0.plus(Duration.ofHours(1)));
      ChatList list = new ChatList(db.jdbi());
      assertThat(list.query(Filters.DEFAULT, "alice", Set.of(B), clock.instant()).rows()).isEmpty();
      m.message(B, 1, "CUSTOMER", "ответьте!", T0.plusSeconds(60));
      p.catchUp();
      assertThat(list.query(Filters.DEFAULT, "alice", Set.of(B), clock.instant()).rows())
          .extracting(ChatList.Row::chatId)
          .containsExactly(1L);
      assertThat(q.wake()).isEmpty();
      clock.advance(Duration.ofMinutes(61));
      assertThat(q.wake()).hasSize(1);
      assertThat(list.query(Filters.DEFAULT, "alice", Set.of(B), clock.instant()).rows())
          .extracting(ChatList.Row::chatId)
          .containsExactlyInAnyOrder(1L, 2L);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void list_neverShowsAnotherBusiness_andClocksFollowBusinessHours(Dialect dialect) {
    try (Database db = Mirror.database(dialect)) {
      Instant evening = Instant.parse("2026-03-02T17:50:00Z"); // 20:50 in Moscow
      FakeClock clock = new FakeClock(evening);
      Mirror m = new Mirror(db);
      m.chat(B, 1, "ORDER", "CHAT", "NEW", evening);
      m.chat(OTHER, 2, "ORDER", "CHAT", "NEW", evening);
      m.message(B, 1, "CUSTOMER", "Добрый вечер", evening);
      m.message(OTHER, 2, "CUSTOMER", "secret of the other business", evening);
      m.message(B, 1, "PARTNER", "Здравствуйте", evening.plusSeconds(10));
      m.message(B, 1, "CUSTOMER", "Ещё вопрос", evening.plusSeconds(20));
      new Projector(db.jdbi(), clock, c -> {}).catchUp();
      ChatList.Result r =
          new ChatList(db.jdbi())
              .query(Filters.DEFAULT.with("q", "secret"), "alice", Set.of(B), clock.instant());
      assertThat(r.rows()).isEmpty();
      ChatList.Row row =
          new ChatList(db.jdbi())
              .query(Filters.DEFAULT, "alice", Set.of(B), clock.instant())
              .rows()
              .get(0);
      // the next-response target is 30 min: 10 min left today, 20 min from 09:00 tomorrow
      assertThat(row.answeredOnce()).isTrue();
      assertThat(row.responseDue()).isEqualTo(Instant.parse("2026-03-03T06:20:20Z"));
    }
  }
}
