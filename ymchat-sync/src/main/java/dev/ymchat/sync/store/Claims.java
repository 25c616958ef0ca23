package dev.ymchat.sync.store;

import dev.ymchat.sync.sql.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/**
 * Every claim of work, in one place: outbox deliveries, chat reads and each business's listing
 * pass. A claim is a short transaction that picks free rows with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} (so concurrent workers never wait for each other and never pick the same row) and stamps
 * them with a claim token and a lease expiry. No other code locks rows on purpose. A worker that
 * dies (even with {@code kill -9}) holds its claims only until the lease runs out; then any worker
 * may claim them again. Work is finished with an UPDATE fenced by the token, so a worker whose
 * lease was taken over cannot overwrite the new owner's result.
 */
public final class Claims {

  /** An outbox reply claimed for delivery. */
  public record ReplyClaim(long replyId, String token) {}

  /** A chat claimed for a read. */
  public record ReadClaim(
      long businessId, long chatId, long generation, int priority, String token) {}

  /** A business claimed for a listing pass (backfill or reconcile). */
  public record BusinessClaim(long businessId, String token) {}

  private final Database database;
  private final String workerId;
  private final Clock clock;
  private final AtomicLong counter = new AtomicLong();

  /**
   * Creates the claims of one worker.
   *
   * @param database the database
   * @param workerId the worker's id, unique among the processes sharing the database
   * @param clock the clock of leases
   */
  public Claims(Database database, String workerId, Clock clock) {
    this.database = database;
    this.workerId = workerId;
    this.clock = clock;
  }

  /**
   * Returns the worker's id.
   *
   * @return the id
   */
  public String workerId() {
    return workerId;
  }

  /** The rows a claim can hold: each one's table and the condition that names one row. */
  private enum Claimable {
    REPLY("outbox", "reply_id = :id"),
    READ("chat_cursors", "business_id = :business AND chat_id = :chat"),
    BUSINESS("businesses", "business_id = :business");

    final String table;
    final String row;

    Claimable(String table, String row) {
      this.table = table;
      this.row = row;
    }
  }

  private static Map<String, Long> chatKey(long businessId, long chatId) {
    return Map.of("business", businessId, "chat", chatId);
  }

  /** Stamps a row picked under its lock with this claim's token and lease. */
  private static void stamp(
      Handle h, Claimable kind, Map<String, Long> key, String token, Instant until) {
    h.createUpdate(
            "UPDATE "
                + kind.table
                + " SET claim_token = :token, claim_until = :until WHERE "
                + kind.row)
        .bindMap(key)
        .bind("token", token)
        .bind("until", Times.db(until))
        .execute();
  }

  /**
   * Moves a claim's lease, fenced by its token.
   *
   * @return false when the row has another token now (the claim was lost)
   */
  private static boolean renew(
      Handle h, Claimable kind, Map<String, Long> key, String token, Instant until) {
    return h.createUpdate(
                "UPDATE "
                    + kind.table
                    + " SET claim_until = :until WHERE "
                    + kind.row
                    + " AND claim_token = :token")
            .bindMap(key)
            .bind("token", token)
            .bind("until", Times.db(until))
            .execute()
        == 1;
  }

  private String token() {
    return workerId + "#" + counter.incrementAndGet();
  }

  /**
   * Claims the next deliverable replies: due, unclaimed, and the oldest open reply of their chat (a
   * reply waits while an earlier one of its chat is queued or blocked, which keeps the order).
   *
   * @param businesses the businesses this worker serves
   * @param limit the most replies
   * @param lease how long the claim lasts
   * @return the claims, oldest reply first
   */
  public List<ReplyClaim> claimReplies(Collection<Long> businesses, int limit, Duration lease) {
    if (businesses.isEmpty() || limit <= 0) {
      return List.of();
    }
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          List<Long> ids =
              h.createQuery(
                      "SELECT o.reply_id FROM outbox o WHERE o.business_id IN (<businesses>)"
                          + " AND o.reply_state = 'QUEUED' AND o.next_attempt_at <= :now"
                          + " AND (o.claim_until IS NULL OR o.claim_until < :now)"
                          + " AND NOT EXISTS (SELECT 1 FROM outbox p"
                          + " WHERE p.business_id = o.business_id AND p.chat_id = o.chat_id"
                          + " AND p.reply_id < o.reply_id AND p.reply_state IN ('QUEUED', 'BLOCKED'))"
                          + " ORDER BY o.reply_id LIMIT :limit FOR UPDATE SKIP LOCKED")
                  .bindList("businesses", List.copyOf(businesses))
                  .bind("now", Times.db(now))
                  .bind("limit", limit)
                  .mapTo(Long.class)
                  .list();
          List<ReplyClaim> claims = new ArrayList<>();
          for (long id : ids) {
            String token = token();
            stamp(h, Claimable.REPLY, Map.of("id", id), token, now.plus(lease));
            claims.add(new ReplyClaim(id, token));
          }
          return claims;
        });
  }

  /**
   * Extends the lease of a reply this worker still holds; part of the caller's transaction.
   *
   * @param handle the caller's transaction
   * @param claim the claim
   * @param lease the new lease from now
   * @return false when the claim was lost (taken over after it expired)
   */
  public boolean renewReply(Handle handle, ReplyClaim claim, Duration lease) {
    return renew(
        handle,
        Claimable.REPLY,
        Map.of("id", claim.replyId()),
        claim.token(),
        clock.instant().plus(lease));
  }

  /**
   * Claims chats whose read is wanted, most urgent first (lowest priority number, then oldest).
   *
   * @param businesses the businesses this worker serves
   * @param limit the most chats
   * @param maxPriority the least urgent priority to take
   * @param lease how long the claim lasts
   * @return the claims
   */
  public List<ReadClaim> claimReads(
      Collection<Long> businesses, int limit, int maxPriority, Duration lease) {
    if (businesses.isEmpty() || limit <= 0) {
      return List.of();
    }
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          List<ReadClaim> rows =
              h.createQuery(
                      "SELECT business_id, chat_id, read_generation, read_priority FROM chat_cursors"
                          + " WHERE business_id IN (<businesses>) AND read_wanted = TRUE"
                          + " AND read_priority <= :maxPriority"
                          + " AND (read_not_before IS NULL OR read_not_before <= :now)"
                          + " AND (claim_until IS NULL OR claim_until < :now)"
                          + " ORDER BY read_priority, read_wanted_since, chat_id LIMIT :limit"
                          + " FOR UPDATE SKIP LOCKED")
                  .bindList("businesses", List.copyOf(businesses))
                  .bind("maxPriority", maxPriority)
                  .bind("now", Times.db(now))
                  .bind("limit", limit)
                  .map(
                      (rs, ctx) ->
                          new ReadClaim(
                              rs.getLong("business_id"),
                              rs.getLong("chat_id"),
                              rs.getLong("read_generation"),
                              rs.getInt("read_priority"),
                              null))
                  .list();
          List<ReadClaim> claims = new ArrayList<>();
          for (ReadClaim row : rows) {
            String token = token();
            stamp(
                h, Claimable.READ, chatKey(row.businessId(), row.chatId()), token, now.plus(lease));
            claims.add(
                new ReadClaim(
                    row.businessId(), row.chatId(), row.generation(), row.priority(), token));
          }
          return claims;
        });
  }

  /**
   * Extends the lease of a chat read this worker still holds.
   *
   * @param claim the claim
   * @param lease the new lease from now
   * @return false when the claim was lost
   */
  public boolean renewRead(ReadClaim claim, Duration lease) {
    return database.inTransaction(
        h ->
            renew(
                h,
                Claimable.READ,
                chatKey(claim.businessId(), claim.chatId()),
                claim.token(),
                clock.instant().plus(lease)));
  }

  /**
   * Claims one business whose listing pass is due.
   *
   * @param businesses the businesses this worker serves
   * @param lease how long the claim lasts
   * @return the claim, or empty when none is due or free
   */
  public Optional<BusinessClaim> claimBusinessPass(Collection<Long> businesses, Duration lease) {
    if (businesses.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          Optional<Long> id =
              h.createQuery(
                      "SELECT business_id FROM businesses WHERE business_id IN (<businesses>)"
                          + " AND next_pass_at <= :now"
                          + " AND (claim_until IS NULL OR claim_until < :now)"
                          + " ORDER BY next_pass_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                  .bindList("businesses", List.copyOf(businesses))
                  .bind("now", Times.db(now))
                  .mapTo(Long.class)
                  .findOne();
          if (id.isEmpty()) {
            return Optional.empty();
          }
          String token = token();
          stamp(h, Claimable.BUSINESS, Map.of("business", id.get()), token, now.plus(lease));
          return Optional.of(new BusinessClaim(id.get(), token));
        });
  }

  /**
   * Extends the lease of a business pass in the caller's transaction.
   *
   * @param handle the caller's transaction
   * @param claim the claim
   * @param lease the new lease from now
   * @return false when the claim was lost
   */
  public boolean renewBusiness(Handle handle, BusinessClaim claim, Duration lease) {
    return renew(
        handle,
        Claimable.BUSINESS,
        Map.of("business", claim.businessId()),
        claim.token(),
        clock.instant().plus(lease));
  }

  /**
   * Releases every claim this worker still holds, so that others need not wait for the leases
   * (called on a clean stop).
   *
   * @return the number of claims released
   */
  public int releaseAll() {
    String pattern = workerId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#%";
    return database.inTransaction(
        h -> {
          int n = 0;
          for (Claimable kind : Claimable.values()) {
            n +=
                h.createUpdate(
                        "UPDATE "
                            + kind.table
                            + " SET claim_token = NULL, claim_until = NULL"
                            + " WHERE claim_token LIKE :pattern ESCAPE '\\'")
                    .bind("pattern", pattern)
                    .execute();
          }
          return n;
        });
  }
}
