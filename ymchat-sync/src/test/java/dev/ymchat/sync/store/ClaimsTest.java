package dev.ymchat.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.FakeClock;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.store.Claims.ReplyClaim;
import dev.ymchat.sync.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClaimsTest {

  private static final List<Long> BUSINESS = List.of(7L);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private static Database open(Dialect dialect, FakeClock clock) {
    Database db = TestDatabases.open(dialect);
    db.inTransaction(
        h -> {
          new Mirror(db.dialect()).ensureBusiness(h, 7, clock.instant());
          return null;
        });
    return db;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void replies_ofOneChat_areClaimedOneAtATimeInOrder(Dialect dialect) {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      Outbox outbox = new Outbox(db, clock, () -> {});
      long first = outbox.send(7, 100, "one");
      long second = outbox.send(7, 100, "two");
      long other = outbox.send(7, 200, "other chat");
      Claims claims = new Claims(db, "w1", clock);

      List<ReplyClaim> claimed = claims.claimReplies(BUSINESS, 10, LEASE);

      assertThat(claimed).extracting(ReplyClaim::replyId).containsExactly(first, other);
      assertThat(claims.claimReplies(BUSINESS, 10, LEASE)).isEmpty();
      markSent(db, first);
      assertThat(claims.claimReplies(BUSINESS, 10, LEASE))
          .extracting(ReplyClaim::replyId)
          .containsExactly(second);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBlockedReply_holdsTheLaterRepliesOfItsChat(Dialect dialect) {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      Outbox outbox = new Outbox(db, clock, () -> {});
      long first = outbox.send(7, 100, "one");
      outbox.send(7, 100, "two");
      db.inTransaction(
          h ->
              h.createUpdate("UPDATE outbox SET reply_state = 'BLOCKED' WHERE reply_id = :id")
                  .bind("id", first)
                  .execute());
      assertThat(new Claims(db, "w1", clock).claimReplies(BUSINESS, 10, LEASE)).isEmpty();
      outbox.cancel(first);
      assertThat(new Claims(db, "w1", clock).claimReplies(BUSINESS, 10, LEASE)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anExpiredLease_letsAnotherWorkerTakeTheReply_andFencesTheFirst(Dialect dialect) {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      long id = new Outbox(db, clock, () -> {}).send(7, 100, "one");
      Claims dead = new Claims(db, "dead", clock);
      Claims alive = new Claims(db, "alive", clock);
      ReplyClaim lost = dead.claimReplies(BUSINESS, 1, LEASE).get(0);

      clock.advance(LEASE.minusSeconds(1));
      assertThat(alive.claimReplies(BUSINESS, 1, LEASE)).isEmpty();
      clock.advance(Duration.ofSeconds(2));
      List<ReplyClaim> taken = alive.claimReplies(BUSINESS, 1, LEASE);

      assertThat(taken).extracting(ReplyClaim::replyId).containsExactly(id);
      boolean deadRenewed = db.inTransaction(h -> dead.renewReply(h, lost, LEASE));
      assertThat(deadRenewed).isFalse();
      boolean aliveRenewed = db.inTransaction(h -> alive.renewReply(h, taken.get(0), LEASE));
      assertThat(aliveRenewed).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void releaseAll_freesOnlyThisWorkersClaims(Dialect dialect) {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      Outbox outbox = new Outbox(db, clock, () -> {});
      outbox.send(7, 100, "a");
      outbox.send(7, 200, "b");
      Claims mine = new Claims(db, "w_1", clock);
      Claims theirs = new Claims(db, "w%1", clock);
      mine.claimReplies(BUSINESS, 1, LEASE);
      theirs.claimReplies(BUSINESS, 1, LEASE);

      assertThat(mine.releaseAll()).isEqualTo(1);
      assertThat(new Claims(db, "x", clock).claimReplies(BUSINESS, 5, LEASE)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentWorkers_neverClaimTheSameReply(Dialect dialect) throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      Outbox outbox = new Outbox(db, clock, () -> {});
      for (int chat = 1; chat <= 60; chat++) {
        outbox.send(7, chat, "reply " + chat);
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        Claims claims = new Claims(db, "w" + w, clock);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    claims.claimReplies(BUSINESS, 3, LEASE).forEach(c -> mine.add(c.replyId()));
                  }
                  return mine;
                }));
      }
      start.countDown();
      List<Long> all = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<Long>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      Set<Long> unique = new HashSet<>(all);
      assertThat(all).hasSize(unique.size());
      assertThat(unique).hasSize(60);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void reads_areClaimedMostUrgentFirst_andCoalesced(Dialect dialect) {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Database db = open(dialect, clock)) {
      Mirror mirror = new Mirror(db.dialect());
      db.inTransaction(
          h -> {
            mirror.requestRead(h, 7, 1, Mirror.PRIORITY_BACKFILL, false, clock.instant());
            mirror.requestRead(h, 7, 2, Mirror.PRIORITY_PUSH, false, clock.instant());
            mirror.requestRead(h, 7, 2, Mirror.PRIORITY_PUSH, false, clock.instant());
            mirror.requestRead(h, 7, 2, Mirror.PRIORITY_BACKFILL, false, clock.instant());
            return null;
          });
      Claims claims = new Claims(db, "w", clock);

      assertThat(claims.claimReads(BUSINESS, 1, Mirror.PRIORITY_BACKFILL, LEASE))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.chatId()).isEqualTo(2);
                assertThat(c.priority()).isEqualTo(Mirror.PRIORITY_PUSH);
              });
      assertThat(claims.claimReads(BUSINESS, 5, Mirror.PRIORITY_RECONCILE, LEASE)).isEmpty();
      assertThat(claims.claimReads(BUSINESS, 5, Mirror.PRIORITY_BACKFILL, LEASE))
          .extracting(Claims.ReadClaim::chatId)
          .containsExactly(1L);
    }
  }

  private static void markSent(Database db, long id) {
    db.inTransaction(
        h ->
            h.createUpdate(
                    "UPDATE outbox SET reply_state = 'SENT', claim_token = NULL,"
                        + " claim_until = NULL WHERE reply_id = :id")
                .bind("id", id)
                .execute());
  }
}
