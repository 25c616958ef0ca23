package dev.ymchat.inbox;

import dev.ymchat.sync.sql.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Operators' actions on chats: each is one conditional UPDATE of the chat's row plus its activity
 * row, in one transaction.
 */
final class Queue {

  /**
   * The outcome of a take.
   *
   * @param won whether this operator has the chat now
   * @param holder who has it
   */
  record Take(boolean won, String holder) {}

  private final Jdbi jdbi;
  private final Clock clock;

  Queue(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Takes a chat unless another operator has it: of two at once, exactly one wins. */
  Take take(long business, long chat, String login) {
    return jdbi.inTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "UPDATE inbox_chat SET assignee = :me, changed_at = :now"
                          + " WHERE business_id = :b AND chat_id = :c"
                          + " AND (assignee IS NULL OR assignee = :me)")
                  .bind("me", login)
                  .bind("now", Times.db(clock.instant()))
                  .bind("b", business)
                  .bind("c", chat)
                  .execute();
          if (n == 1) {
            activity(h, business, chat, login, "take", null);
            return new Take(true, login);
          }
          String holder = assignee(h, business, chat).orElse(null);
          return new Take(false, holder);
        });
  }

  /** Gives a chat to an operator (or to nobody with null). */
  void assign(long business, long chat, String login, String to) {
    update(business, chat, login, "assign", to, "assignee = :v", to);
  }

  /** Sets the inbox status: OPEN, PENDING or RESOLVED (a snooze ends). */
  void status(long business, long chat, String login, String status) {
    update(
        business,
        chat,
        login,
        status.toLowerCase(java.util.Locale.ROOT),
        null,
        "inbox_status = :v, snooze_until = NULL",
        status);
  }

  /** Snoozes a chat until a time; a buyer's reply or the time reopens it. */
  void snooze(long business, long chat, String login, Instant until) {
    jdbi.useTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "UPDATE inbox_chat SET inbox_status = 'SNOOZED', snooze_until = :u,"
                          + " changed_at = :now WHERE business_id = :b AND chat_id = :c")
                  .bind("u", Times.db(until))
                  .bind("now", Times.db(clock.instant()))
                  .bind("b", business)
                  .bind("c", chat)
                  .execute();
          found(n);
          activity(h, business, chat, login, "snooze", until.toString());
        });
  }

  /** Reopens the chats whose snooze ran out; returns them as business, chat pairs. */
  List<long[]> wake() {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        h -> {
          List<long[]> due =
              h.createQuery(
                      "SELECT business_id, chat_id FROM inbox_chat"
                          + " WHERE inbox_status = 'SNOOZED' AND snooze_until <= :now")
                  .bind("now", Times.db(now))
                  .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                  .list();
          for (long[] c : due) {
            int n =
                h.createUpdate(
                        "UPDATE inbox_chat SET inbox_status = 'OPEN', snooze_until = NULL,"
                            + " changed_at = :now WHERE business_id = :b AND chat_id = :c"
                            + " AND inbox_status = 'SNOOZED' AND snooze_until <= :now")
                    .bind("now", Times.db(now))
                    .bind("b", c[0])
                    .bind("c", c[1])
                    .execute();
            if (n == 1) {
              activity(h, c[0], c[1], "-", "wake", null);
            }
          }
          return due;
        });
  }

  private void update(
      long business, long chat, String login, String action, String detail, String set, Object v) {
    jdbi.useTransaction(
        h -> {
          int n =
              h.createUpdate(
                      "UPDATE inbox_chat SET "
                          + set
                          + ", changed_at = :now WHERE business_id = :b AND chat_id = :c")
                  .bind("v", v)
                  .bind("now", Times.db(clock.instant()))
                  .bind("b", business)
                  .bind("c", chat)
                  .execute();
          found(n);
          activity(h, business, chat, login, action, detail);
        });
  }

  static Optional<String> assignee(Handle h, long business, long chat) {
    return h.createQuery("SELECT assignee FROM inbox_chat WHERE business_id = :b AND chat_id = :c")
        .bind("b", business)
        .bind("c", chat)
        .mapTo(String.class)
        .findOne();
  }

  private static void found(int n) {
    if (n == 0) {
      throw new BadRequest(404, "no such chat in your inbox");
    }
  }

  private void activity(
      Handle h, long business, long chat, String login, String action, String detail) {
    h.createUpdate(
            "INSERT INTO inbox_activity (business_id, chat_id, login, action, detail, occurred_at)"
                + " VALUES (:b, :c, :l, :a, :d, :t)")
        .bind("b", business)
        .bind("c", chat)
        .bind("l", login)
        .bind("a", action)
        .bind("d", detail)
        .bind("t", Times.db(clock.instant()))
        .execute();
  }
}
