package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.FakeClock;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Accounts, sessions and the login throttle, with a hand-moved clock. */
class AccessTest {

  @Test
  void passwords_areArgon2id_andVerified_andGrantsScopeTheOperator() {
    try (Database db = Mirror.database(Dialect.H2)) {
      Operators ops = new Operators(db.jdbi(), new FakeClock(Instant.EPOCH));
      ops.add("alice", "correct-horse-battery".toCharArray(), Set.of(1001L));
      String hash =
          db.withHandle(
              h ->
                  h.createQuery("SELECT password_hash FROM inbox_operator")
                      .mapTo(String.class)
                      .one());
      assertThat(hash).startsWith("$argon2id$").doesNotContain("correct-horse");
      assertThat(ops.verify("alice", "correct-horse-battery")).isPresent();
      assertThat(ops.verify("alice", "wrong-horse-battery")).isEmpty();
      assertThat(ops.verify("nobody", "correct-horse-battery")).isEmpty();
      ops.grant("alice", 1002L);
      ops.revoke("alice", 1001L);
      assertThat(ops.find("alice").orElseThrow().businesses()).containsExactly(1002L);
      assertThatThrownBy(() -> ops.add("alice", "another-password".toCharArray(), Set.of(1L)))
          .hasMessageContaining("exists already");
      assertThatThrownBy(() -> ops.add("bob", "short".toCharArray(), Set.of(1L)))
          .hasMessageContaining("at least 10 characters");
      assertThatThrownBy(() -> ops.add("Bad Login", "long-enough-pw".toCharArray(), Set.of(1L)))
          .hasMessageContaining("a login is");
      ops.remove("alice");
      assertThat(ops.list()).isEmpty();
    }
  }

  @Test
  void session_expires_andOnlyItsHashIsStored() {
    try (Database db = Mirror.database(Dialect.H2)) {
      FakeClock clock = new FakeClock(Instant.parse("2026-03-02T08:00:00Z"));
      Sessions sessions = new Sessions(db.jdbi(), clock, Duration.ofHours(12));
      String token = sessions.create("alice");
      assertThat(sessions.find(token)).isPresent();
      String stored =
          db.withHandle(
              h -> h.createQuery("SELECT token_hash FROM inbox_session").mapTo(String.class).one());
      assertThat(stored).isNotEqualTo(token).isEqualTo(Sessions.sha256(token));
      clock.advance(Duration.ofHours(12));
      assertThat(sessions.find(token)).isEmpty();
      assertThat(sessions.find("made-up")).isEmpty();
    }
  }

  @Test
  void throttle_perLoginAndPerAddress_andTheWindowSlides() {
    FakeClock clock = new FakeClock(Instant.EPOCH);
    LoginThrottle t = new LoginThrottle(clock, Duration.ofMinutes(15), 5, 30);
    for (int i = 0; i < 5; i++) {
      assertThat(t.waitFor("alice", "10.0.0.1")).isZero();
      t.failed("alice", "10.0.0.1");
    }
    assertThat(t.waitFor("alice", "10.0.0.2")).isEqualTo(Duration.ofMinutes(15));
    assertThat(t.waitFor("bob", "10.0.0.1")).isZero();
    for (int i = 0; i < 25; i++) {
      t.failed("user" + i, "10.0.0.9");
    }
    assertThat(t.waitFor("bob", "10.0.0.9")).isZero();
    for (int i = 0; i < 5; i++) {
      t.failed("other" + i, "10.0.0.9");
    }
    assertThat(t.waitFor("bob", "10.0.0.9")).isPositive();
    clock.advance(Duration.ofMinutes(15));
    assertThat(t.waitFor("alice", "10.0.0.1")).isZero();
  }
}
