package dev.ymchat.sync.ingest;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ApiResult;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RequestOptions;
import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.sync.planner.Priority;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Claims.ReadClaim;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.store.MirrorReads;
import dev.ymchat.sync.worker.WorkerParts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Targeted reads: a claimed chat's history from its last known message ({@code messageIdFrom}), and
 * the chat itself (getChat) when it is new to the mirror or a dispute changed it. Each page is one
 * transaction that moves the chat's cursor, so a read cut short resumes where it stopped. All the
 * hints that came for the chat before the read began are served by it; one that comes during the
 * read makes another follow.
 */
public final class ChatReader {

  private static final Logger LOG = LoggerFactory.getLogger(ChatReader.class);
  private static final RequestOptions ONE_ATTEMPT = RequestOptions.builder().maxAttempts(1).build();
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final WorkerParts parts;
  private final Duration lease;
  private final Duration backoff;
  private final LongConsumer onMessages;

  /**
   * Creates a reader.
   *
   * @param parts the database, mirror, claims, planner, clients and clock of this process
   * @param lease how long a read's claim lasts (renewed by each page)
   * @param backoff the first wait after a failed read (doubling up to 5 min)
   * @param onMessages told how many messages a read added (metrics)
   */
  public ChatReader(WorkerParts parts, Duration lease, Duration backoff, LongConsumer onMessages) {
    this.parts = parts;
    this.lease = lease;
    this.backoff = backoff;
    this.onMessages = onMessages;
  }

  /**
   * Claims up to a number of wanted reads and does them, most urgent first. Backfill reads are left
   * alone while the history budget is low.
   *
   * @param limit the most reads
   * @return the number of reads done
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public int readNext(int limit) throws InterruptedException {
    int maxPriority = Mirror.PRIORITY_BACKFILL;
    for (long business : parts.clients().keySet()) {
      if (!parts.planner().allows(business, ApiOperation.GET_CHAT_HISTORY, Priority.BACKFILL)) {
        maxPriority = Mirror.PRIORITY_RECONCILE;
      }
    }
    List<ReadClaim> claimed =
        parts.claims().claimReads(parts.clients().keySet(), limit, maxPriority, lease);
    for (ReadClaim claim : claimed) {
      read(claim);
    }
    return claimed.size();
  }

  private static Priority priority(int readPriority) {
    switch (readPriority) {
      case Mirror.PRIORITY_PUSH:
        return Priority.PUSH_READ;
      case Mirror.PRIORITY_RECONCILE:
        return Priority.RECONCILE;
      default:
        return Priority.BACKFILL;
    }
  }

  /**
   * Does one claimed read.
   *
   * @param claim the claim
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public void read(ReadClaim claim) throws InterruptedException {
    long business = claim.businessId();
    long chatId = claim.chatId();
    ChatsClient client = parts.clients().get(business).withOptions(ONE_ATTEMPT);
    Priority priority = priority(claim.priority());
    int added = 0;
    try {
      Mirror.Cursor cursor =
          parts
              .database()
              .withHandle(h -> parts.mirror().cursor(h, business, chatId))
              .orElse(new Mirror.Cursor(0, false, false, null));
      boolean known =
          parts.database().withHandle(h -> MirrorReads.chat(h, business, chatId).isPresent());
      if (cursor.refreshWanted() || !known) {
        Chat chat =
            parts
                .planner()
                .call(
                    business,
                    ApiOperation.GET_CHAT,
                    priority,
                    () -> client.withRawResponse().chat(business, chatId))
                .value();
        parts.recorded(
            (h, now, events) -> {
              parts.mirror().upsertChat(h, business, chat, now, events);
              return h.createUpdate(
                      "UPDATE chat_cursors SET refresh_wanted = FALSE WHERE business_id = :b"
                          + " AND chat_id = :c AND claim_token = :token")
                  .bind("b", business)
                  .bind("c", chatId)
                  .bind("token", claim.token())
                  .execute();
            });
      }
      long from = cursor.lastMessageId();
      String token = null;
      Instant settled = null;
      while (true) {
        HistoryQuery.Builder builder = HistoryQuery.builder().limit(HistoryQuery.MAX_LIMIT);
        if (from > 0) {
          builder.messageIdFrom(from);
        }
        if (token != null) {
          builder.pageToken(token);
        }
        HistoryQuery query = builder.build();
        ApiResult<HistoryPage> answer =
            parts
                .planner()
                .call(
                    business,
                    ApiOperation.GET_CHAT_HISTORY,
                    priority,
                    () -> client.withRawResponse().history(business, chatId, query));
        HistoryPage page = answer.value();
        settled = serverTime(answer);
        int pageAdded =
            parts.recorded(
                (h, now, events) -> {
                  int n =
                      parts.mirror().ingestMessages(h, business, chatId, page.items(), now, events);
                  h.createUpdate(
                          "UPDATE chat_cursors SET claim_until = :until WHERE business_id = :b"
                              + " AND chat_id = :c AND claim_token = :token")
                      .bind("until", Times.db(now.plus(lease)))
                      .bind("b", business)
                      .bind("c", chatId)
                      .bind("token", claim.token())
                      .execute();
                  return n;
                });
        added += pageAdded;
        if (page.nextPageToken().isEmpty()) {
          break;
        }
        token = page.nextPageToken().get();
      }
      finish(claim, settled);
    } catch (NotFoundException e) {
      LOG.warn("Chat {} of business {} is not found (404); its read is dropped", chatId, business);
      drop(claim);
    } catch (RateLimitException e) {
      Instant until =
          parts
              .planner()
              .blockedUntil(business, ApiOperation.GET_CHAT_HISTORY)
              .orElse(parts.clock().instant());
      release(claim, until, false);
    } catch (YmChatException e) {
      LOG.info("Read of chat {} (business {}) failed: {}", chatId, business, e.getMessage());
      release(claim, null, true);
    } finally {
      if (added > 0) {
        onMessages.accept(added);
      }
    }
  }

  /**
   * The second of the server's {@code Date} header: every message created before it was in the
   * answer. Without the header, this machine's clock minus a margin for skew.
   */
  private Instant serverTime(ApiResult<?> answer) {
    List<String> date = answer.headers().get("Date");
    if (date != null && !date.isEmpty()) {
      try {
        return ZonedDateTime.parse(date.get(0), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.SECONDS);
      } catch (DateTimeParseException e) {
        LOG.debug("Unreadable Date header {}", date.get(0));
      }
    }
    return parts.clock().instant().minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
  }

  private void finish(ReadClaim claim, Instant settled) {
    Instant now = parts.clock().instant();
    parts
        .database()
        .inTransaction(
            h -> {
              h.createUpdate(
                      "UPDATE chat_cursors SET history_complete = TRUE, last_read_at = :now,"
                          + " settled_through = :settled,"
                          + " read_failures = 0, read_not_before = NULL, claim_token = NULL,"
                          + " claim_until = NULL, read_wanted = CASE WHEN read_generation = :gen"
                          + " THEN FALSE ELSE read_wanted END WHERE business_id = :b"
                          + " AND chat_id = :c AND claim_token = :token")
                  .bind("now", Times.db(now))
                  .bind("settled", Times.db(settled))
                  .bind("gen", claim.generation())
                  .bind("b", claim.businessId())
                  .bind("c", claim.chatId())
                  .bind("token", claim.token())
                  .execute();
              h.createUpdate(
                      "UPDATE businesses SET last_sync_ok_at = :now, last_sync_error = NULL"
                          + " WHERE business_id = :b")
                  .bind("now", Times.db(now))
                  .bind("b", claim.businessId())
                  .execute();
              return null;
            });
    if (claim.priority() == Mirror.PRIORITY_BACKFILL) {
      ListingPass.finishBackfillIfDone(parts.database(), claim.businessId(), now);
    }
  }

  private void drop(ReadClaim claim) {
    parts
        .database()
        .inTransaction(
            h ->
                h.createUpdate(
                        "UPDATE chat_cursors SET read_wanted = FALSE, history_complete = TRUE,"
                            + " claim_token = NULL, claim_until = NULL WHERE business_id = :b"
                            + " AND chat_id = :c AND claim_token = :token")
                    .bind("b", claim.businessId())
                    .bind("c", claim.chatId())
                    .bind("token", claim.token())
                    .execute());
  }

  private void release(ReadClaim claim, Instant notBefore, boolean failure) {
    Instant now = parts.clock().instant();
    parts
        .database()
        .inTransaction(
            h -> {
              int failures =
                  h.createQuery(
                          "SELECT read_failures FROM chat_cursors WHERE business_id = :b"
                              + " AND chat_id = :c")
                      .bind("b", claim.businessId())
                      .bind("c", claim.chatId())
                      .mapTo(Integer.class)
                      .one();
              Instant next = notBefore;
              if (failure) {
                Duration wait = backoff.multipliedBy(1L << Math.min(10, failures));
                next = now.plus(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
              }
              h.createUpdate(
                      "UPDATE chat_cursors SET read_failures = read_failures + :inc,"
                          + " read_not_before = :next, claim_token = NULL, claim_until = NULL"
                          + " WHERE business_id = :b AND chat_id = :c AND claim_token = :token")
                  .bind("inc", failure ? 1 : 0)
                  .bind("next", Times.db(next))
                  .bind("b", claim.businessId())
                  .bind("c", claim.chatId())
                  .bind("token", claim.token())
                  .execute();
              if (failure) {
                h.createUpdate("UPDATE businesses SET last_sync_error = :e WHERE business_id = :b")
                    .bind("e", "a read of chat " + claim.chatId() + " failed")
                    .bind("b", claim.businessId())
                    .execute();
              }
              return null;
            });
  }
}
