package dev.ymchat.inbox;

import dev.ymchat.sync.sql.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Login sessions: a random token in the cookie, only its SHA-256 in the database. */
final class Sessions {

  /**
   * A live session.
   *
   * @param login the operator
   * @param csrf the token every change must carry
   * @param tokenHash the stored hash of the cookie's token
   */
  record Session(String login, String csrf, String tokenHash) {
    @Override
    public String toString() {
      return "Session[" + login + "]";
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration lifetime;

  Sessions(Jdbi jdbi, Clock clock, Duration lifetime) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Duration lifetime() {
    return lifetime;
  }

  /** Starts a session and returns the cookie's token. */
  String create(String login) {
    String token = randomToken();
    Instant now = clock.instant();
    jdbi.useHandle(
        h -> {
          h.createUpdate("DELETE FROM inbox_session WHERE expires_at <= :now")
              .bind("now", Times.db(now))
              .execute();
          h.createUpdate(
                  "INSERT INTO inbox_session (token_hash, login, csrf_token, created_at,"
                      + " expires_at) VALUES (:h, :l, :c, :now, :e)")
              .bind("h", sha256(token))
              .bind("l", login)
              .bind("c", randomToken())
              .bind("now", Times.db(now))
              .bind("e", Times.db(now.plus(lifetime)))
              .execute();
        });
    return token;
  }

  /** Finds the live session of a cookie's token. */
  Optional<Session> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    String hash = sha256(token);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT login, csrf_token FROM inbox_session"
                        + " WHERE token_hash = :h AND expires_at > :now")
                .bind("h", hash)
                .bind("now", Times.db(clock.instant()))
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), hash))
                .findOne());
  }

  void end(Session session) {
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM inbox_session WHERE token_hash = :h")
                .bind("h", session.tokenHash())
                .execute());
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
