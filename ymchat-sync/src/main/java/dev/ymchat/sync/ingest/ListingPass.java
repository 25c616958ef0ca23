package dev.ymchat.sync.ingest;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.RequestOptions;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.planner.Priority;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Claims.BusinessClaim;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.worker.WorkerParts;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A business's listing pass: every chat through getChats, page by page. The first pass is the
 * backfill: it stores every chat and asks for a read of each one's history (at backfill priority).
 * Later passes are the reconcile sweeps: they update the chats (status, dispute, updatedAt) and ask
 * for a read where {@code updatedAt} is past the newest mirrored message, the chat is new, its
 * history was never read in full, or it now waits for the seller. The page token is stored with
 * each page, so a pass cut short (a crash, a lost claim) resumes from the last page it finished.
 */
public final class ListingPass {

  private static final Logger LOG = LoggerFactory.getLogger(ListingPass.class);
  private static final RequestOptions ONE_ATTEMPT = RequestOptions.builder().maxAttempts(1).build();

  private final WorkerParts parts;
  private final Duration lease;
  private final Duration interval;

  /**
   * Creates the listing passes of this process.
   *
   * @param parts the database, mirror, claims, planner, clients and clock of this process
   * @param lease how long a pass's claim lasts (renewed by each page)
   * @param interval the time between two sweeps of a business when the budget is ample
   */
  public ListingPass(WorkerParts parts, Duration lease, Duration interval) {
    this.parts = parts;
    this.lease = lease;
    this.interval = interval;
  }

  /**
   * Claims a business whose pass is due and runs the pass.
   *
   * @return true when a pass ran (finished or not)
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public boolean runNext() throws InterruptedException {
    Optional<BusinessClaim> claim =
        parts.claims().claimBusinessPass(parts.clients().keySet(), lease);
    if (claim.isEmpty()) {
      return false;
    }
    run(claim.get());
    return true;
  }

  private record PassState(String backfillState, String token, int seen) {}

  /**
   * Runs a claimed pass to its end, or until a call fails.
   *
   * @param claim the claim
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public void run(BusinessClaim claim) throws InterruptedException {
    long business = claim.businessId();
    ChatsClient client = parts.clients().get(business).withOptions(ONE_ATTEMPT);
    PassState state =
        parts
            .database()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT backfill_state, pass_page_token, pass_chats_seen FROM businesses"
                                + " WHERE business_id = :b")
                        .bind("b", business)
                        .map(
                            (rs, ctx) ->
                                new PassState(
                                    rs.getString("backfill_state"),
                                    rs.getString("pass_page_token"),
                                    rs.getInt("pass_chats_seen")))
                        .one());
    boolean backfill = state.backfillState().equals("LISTING");
    Priority priority = backfill ? Priority.BACKFILL : Priority.RECONCILE;
    String token = state.token();
    int seen = state.seen();
    try {
      while (true) {
        ChatsQuery.Builder query = ChatsQuery.builder().limit(ChatsQuery.MAX_LIMIT);
        if (token != null) {
          query.pageToken(token);
        }
        ChatsQuery q = query.build();
        ChatsPage page =
            parts
                .planner()
                .call(
                    business,
                    ApiOperation.GET_CHATS,
                    priority,
                    () -> client.withRawResponse().chats(business, q))
                .value();
        String next = page.nextPageToken().orElse(null);
        int seenNow = seen + page.items().size();
        Instant now = parts.clock().instant();
        boolean kept =
            parts
                .database()
                .inTransaction(
                    h -> {
                      if (!parts.claims().renewBusiness(h, claim, lease)) {
                        return false;
                      }
                      List<NewEvent> events = new ArrayList<>();
                      for (Chat chat : page.items()) {
                        absorb(h, business, chat, backfill, now, events);
                      }
                      h.createUpdate(
                              "UPDATE businesses SET pass_page_token = :token, pass_chats_seen = :seen,"
                                  + " pass_kind = :kind WHERE business_id = :b")
                          .bind("token", next)
                          .bind("seen", seenNow)
                          .bind("kind", backfill ? "BACKFILL" : "RECONCILE")
                          .bind("b", business)
                          .execute();
                      EventLog.append(h, events, now);
                      return true;
                    });
        if (!kept) {
          LOG.info("Lost the listing pass of business {} to another worker", business);
          return;
        }
        seen = seenNow;
        if (next == null) {
          break;
        }
        token = next;
      }
      finishPass(claim, backfill, seen);
    } catch (RateLimitException e) {
      Instant until =
          parts
              .planner()
              .blockedUntil(business, ApiOperation.GET_CHATS)
              .orElse(parts.clock().instant());
      releaseUntil(claim, until, "getChats rate limited until " + until);
    } catch (YmChatException e) {
      LOG.info("Listing pass of business {} stopped: {}", business, e.getMessage());
      releaseUntil(
          claim,
          parts.clock().instant().plusSeconds(5),
          "getChats failed: " + clip(e.getMessage()));
    }
  }

  private void absorb(
      org.jdbi.v3.core.Handle h,
      long business,
      Chat chat,
      boolean backfill,
      Instant now,
      List<NewEvent> events) {
    Optional<Chat> before = parts.mirror().upsertChat(h, business, chat, now, events);
    Mirror.Cursor cursor =
        parts
            .mirror()
            .cursor(h, business, chat.chatId())
            .orElse(new Mirror.Cursor(0, false, false, null));
    if (backfill) {
      if (!cursor.historyComplete()) {
        parts
            .mirror()
            .requestRead(h, business, chat.chatId(), Mirror.PRIORITY_BACKFILL, false, now);
      } else {
        parts.mirror().ensureCursor(h, business, chat.chatId());
      }
      return;
    }
    boolean read = before.isEmpty() || !cursor.historyComplete();
    if (!read && chat.updatedAt() != null) {
      OffsetDateTime newest = newestMessageTime(h, business, chat.chatId(), cursor.lastMessageId());
      if (newest != null) {
        read = chat.updatedAt().isAfter(newest);
      } else {
        read = !sameInstant(chat);
      }
      // updatedAt has whole seconds: a message in the same second as the last one read may have
      // come after that read (and its push been lost). Read again unless the last read's answer
      // was made after updatedAt's second ended.
      Instant settled = cursor.settledThrough();
      read |= settled == null || !chat.updatedAt().toInstant().isBefore(settled);
    }
    if (!read
        && ChatStatus.WAITING_FOR_PARTNER.equals(chat.status())
        && !ChatStatus.WAITING_FOR_PARTNER.equals(before.get().status())) {
      read = true;
    }
    if (read) {
      parts.mirror().requestRead(h, business, chat.chatId(), Mirror.PRIORITY_RECONCILE, false, now);
    } else {
      parts.mirror().ensureCursor(h, business, chat.chatId());
    }
  }

  /** A chat without messages has updatedAt equal to createdAt. */
  private static boolean sameInstant(Chat chat) {
    return chat.createdAt() != null && chat.updatedAt().isEqual(chat.createdAt());
  }

  private static OffsetDateTime newestMessageTime(
      org.jdbi.v3.core.Handle h, long business, long chat, long lastMessageId) {
    if (lastMessageId == 0) {
      return null;
    }
    return h.createQuery(
            "SELECT created_at FROM messages WHERE business_id = :b AND chat_id = :c"
                + " AND message_id = :m")
        .bind("b", business)
        .bind("c", chat)
        .bind("m", lastMessageId)
        .mapTo(OffsetDateTime.class)
        .findOne()
        .orElse(null);
  }

  private void finishPass(BusinessClaim claim, boolean backfill, int seen) {
    Instant now = parts.clock().instant();
    Duration wait = parts.planner().sweepInterval(claim.businessId(), interval);
    parts
        .database()
        .inTransaction(
            h ->
                h.createUpdate(
                        "UPDATE businesses SET pass_page_token = NULL, pass_chats_seen = 0,"
                            + " pass_kind = NULL, chats_listed = :seen, last_pass_done_at = :now,"
                            + " last_sync_ok_at = :now, last_sync_error = NULL, next_pass_at = :next,"
                            + " backfill_state = CASE WHEN backfill_state = 'LISTING' THEN 'HISTORIES'"
                            + " ELSE backfill_state END, claim_token = NULL, claim_until = NULL"
                            + " WHERE business_id = :b AND claim_token = :token")
                    .bind("seen", seen)
                    .bind("now", Times.db(now))
                    .bind("next", Times.db(now.plus(wait)))
                    .bind("b", claim.businessId())
                    .bind("token", claim.token())
                    .execute());
    if (backfill) {
      finishBackfillIfDone(parts.database(), claim.businessId(), now);
    }
  }

  private void releaseUntil(BusinessClaim claim, Instant next, String error) {
    parts
        .database()
        .inTransaction(
            h ->
                h.createUpdate(
                        "UPDATE businesses SET next_pass_at = :next, last_sync_error = :error,"
                            + " claim_token = NULL, claim_until = NULL WHERE business_id = :b"
                            + " AND claim_token = :token")
                    .bind("next", Times.db(next))
                    .bind("error", error)
                    .bind("b", claim.businessId())
                    .bind("token", claim.token())
                    .execute());
  }

  /**
   * Marks a business's backfill done once its listing finished and every chat's history was read in
   * full, with the event of it.
   *
   * @param database the database
   * @param business the business
   * @param now the time
   */
  static void finishBackfillIfDone(Database database, long business, Instant now) {
    database.inTransaction(
        h -> {
          long open =
              h.createQuery(
                      "SELECT COUNT(*) FROM chat_cursors WHERE business_id = :b"
                          + " AND history_complete = FALSE")
                  .bind("b", business)
                  .mapTo(Long.class)
                  .one();
          if (open > 0) {
            return null;
          }
          int done =
              h.createUpdate(
                      "UPDATE businesses SET backfill_state = 'DONE', backfill_done_at = :now"
                          + " WHERE business_id = :b AND backfill_state = 'HISTORIES'")
                  .bind("now", Times.db(now))
                  .bind("b", business)
                  .execute();
          if (done == 1) {
            EventLog.append(
                h, new NewEvent(business, 0, EventType.BACKFILL_FINISHED, 0, 0, null), now);
          }
          return null;
        });
  }

  private static String clip(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }
}
