package dev.ymchat.inbox;

import dev.ymchat.sync.sql.Times;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** The inbox's operator accounts: logins, Argon2id password hashes and granted businesses. */
public final class Operators {

  /** The shortest password accepted. */
  public static final int MIN_PASSWORD = 10;

  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  /**
   * An operator and the businesses granted to them.
   *
   * @param login the login
   * @param businesses the granted businesses
   */
  public record Operator(String login, Set<Long> businesses) {
    /** Copies the set. */
    public Operator {
      businesses = Set.copyOf(businesses);
    }
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final Argon2PasswordEncoder encoder =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  // a login that does not exist costs one hash, as a wrong password does
  private volatile String dummyHash;

  /**
   * Creates the accounts over a migrated database.
   *
   * @param jdbi the database (see {@link Schema#migrate})
   * @param clock the clock of creation times
   */
  public Operators(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Adds an operator.
   *
   * @param login the login: 2 to 64 of a-z, 0-9, dot, dash, underscore
   * @param password the password, at least {@value #MIN_PASSWORD} characters
   * @param businesses the businesses they may see, at least one
   * @throws IllegalArgumentException when an input is refused or the login exists
   */
  public void add(String login, char[] password, Set<Long> businesses) {
    checkLogin(login);
    String hash = hash(password);
    if (businesses.isEmpty()) {
      throw new IllegalArgumentException("give at least one business (--business ID)");
    }
    jdbi.useTransaction(
        h -> {
          if (find(login).isPresent()) {
            throw new IllegalArgumentException(
                "operator " + login + " exists already; use `passwd` or `grant`");
          }
          h.createUpdate(
                  "INSERT INTO inbox_operator (login, password_hash, created_at)"
                      + " VALUES (:l, :p, :t)")
              .bind("l", login)
              .bind("p", hash)
              .bind("t", Times.db(clock.instant()))
              .execute();
          for (long b : businesses) {
            h.createUpdate("INSERT INTO inbox_grant (login, business_id) VALUES (:l, :b)")
                .bind("l", login)
                .bind("b", b)
                .execute();
          }
        });
  }

  /**
   * Changes a password and ends the operator's sessions.
   *
   * @param login the login
   * @param password the new password
   * @throws IllegalArgumentException when the operator does not exist or the password is short
   */
  public void passwd(String login, char[] password) {
    String hash = hash(password);
    jdbi.useTransaction(
        h -> {
          int n =
              h.createUpdate("UPDATE inbox_operator SET password_hash = :p WHERE login = :l")
                  .bind("p", hash)
                  .bind("l", login)
                  .execute();
          requireFound(n, login);
          h.createUpdate("DELETE FROM inbox_session WHERE login = :l").bind("l", login).execute();
        });
  }

  /**
   * Grants a business.
   *
   * @param login the login
   * @param business the business
   * @throws IllegalArgumentException when the operator does not exist
   */
  public void grant(String login, long business) {
    requireFound(find(login).isPresent() ? 1 : 0, login);
    jdbi.useHandle(
        h -> {
          int has =
              h.createQuery(
                      "SELECT COUNT(*) FROM inbox_grant WHERE login = :l AND business_id = :b")
                  .bind("l", login)
                  .bind("b", business)
                  .mapTo(Integer.class)
                  .one();
          if (has == 0) {
            h.createUpdate("INSERT INTO inbox_grant (login, business_id) VALUES (:l, :b)")
                .bind("l", login)
                .bind("b", business)
                .execute();
          }
        });
  }

  /**
   * Revokes a business; the operator's open pages lose it on their next request.
   *
   * @param login the login
   * @param business the business
   * @throws IllegalArgumentException when the operator does not exist
   */
  public void revoke(String login, long business) {
    requireFound(find(login).isPresent() ? 1 : 0, login);
    jdbi.useHandle(
        h ->
            h.createUpdate("DELETE FROM inbox_grant WHERE login = :l AND business_id = :b")
                .bind("l", login)
                .bind("b", business)
                .execute());
  }

  /**
   * Removes an operator with their grants and sessions.
   *
   * @param login the login
   * @throws IllegalArgumentException when the operator does not exist
   */
  public void remove(String login) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM inbox_session WHERE login = :l").bind("l", login).execute();
          h.createUpdate("DELETE FROM inbox_grant WHERE login = :l").bind("l", login).execute();
          requireFound(
              h.createUpdate("DELETE FROM inbox_operator WHERE login = :l")
                  .bind("l", login)
                  .execute(),
              login);
        });
  }

  /**
   * Lists the operators.
   *
   * @return the operators by login
   */
  public List<Operator> list() {
    Map<String, Set<Long>> all = new LinkedHashMap<>();
    jdbi.useHandle(
        h -> {
          h.createQuery("SELECT login FROM inbox_operator ORDER BY login")
              .mapTo(String.class)
              .forEach(l -> all.put(l, new TreeSet<>()));
          h.createQuery("SELECT login, business_id FROM inbox_grant")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .forEach(
                  e -> {
                    Set<Long> set = all.get(e.getKey());
                    if (set != null) {
                      set.add(e.getValue());
                    }
                  });
        });
    List<Operator> out = new ArrayList<>();
    all.forEach((l, b) -> out.add(new Operator(l, b)));
    return out;
  }

  /**
   * Lists the operators granted a business: whom a chat of it can be assigned to.
   *
   * @param business the business
   * @return their logins, in order
   */
  public List<String> grantedTo(long business) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT g.login FROM inbox_grant g JOIN inbox_operator o ON o.login = g.login"
                        + " WHERE g.business_id = :b ORDER BY g.login")
                .bind("b", business)
                .mapTo(String.class)
                .list());
  }

  /**
   * Finds an operator.
   *
   * @param login the login
   * @return the operator, or empty
   */
  public Optional<Operator> find(String login) {
    return list().stream().filter(o -> o.login().equals(login)).findFirst();
  }

  /**
   * Checks a login and password; always costs one hash, whether the login exists or not.
   *
   * @param login the login
   * @param password the password
   * @return the operator when both are right
   */
  public Optional<Operator> verify(String login, String password) {
    Optional<String> hash =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT password_hash FROM inbox_operator WHERE login = :l")
                    .bind("l", login)
                    .mapTo(String.class)
                    .findOne());
    boolean ok = encoder.matches(password, hash.orElseGet(this::dummyHash));
    return ok && hash.isPresent() ? find(login) : Optional.empty();
  }

  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = encoder.encode(java.util.UUID.randomUUID().toString());
    }
    return dummyHash;
  }

  private String hash(char[] password) {
    if (password == null || password.length < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "the password must have at least " + MIN_PASSWORD + " characters");
    }
    return encoder.encode(new String(password));
  }

  private static void checkLogin(String login) {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw new IllegalArgumentException(
          "a login is 2 to 64 characters of a-z, 0-9, '.', '-' or '_', starting with a letter or"
              + " digit");
    }
  }

  private static void requireFound(int rows, String login) {
    if (rows == 0) {
      throw new IllegalArgumentException(
          "no operator " + login + "; `ymchat inbox user list` shows them");
    }
  }
}
