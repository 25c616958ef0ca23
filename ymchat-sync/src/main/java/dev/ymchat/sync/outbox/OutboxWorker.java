package dev.ymchat.sync.outbox;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RequestOptions;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.planner.Priority;
import dev.ymchat.sync.planner.QuotaPlanner;
import dev.ymchat.sync.store.Claims;
import dev.ymchat.sync.store.Claims.ReplyClaim;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.store.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the replies of the outbox, exactly once and in order within each chat.
 *
 * <p>A reply is claimed (see {@link Claims}); before each attempt a transaction records it (one
 * more attempt, "in doubt", and the watermark: the newest message id the mirror knows in the chat
 * before the first attempt). A clean answer marks the reply sent. A definite failure (a 4xx, a 503,
 * a connection never made) clears the doubt. Any other outcome (a timeout, a connection lost after
 * the request was written, another 5xx), and a worker killed mid-attempt, leave the reply in doubt:
 * before any new attempt, the chat's history after the watermark is read and the reply is looked
 * for there (the API has no idempotency key). The watermark and the in-order linking of earlier
 * replies (see {@link Mirror#linkReplies}) make sure an earlier identical reply is never taken for
 * this one.
 */
public final class OutboxWorker {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  private static final RequestOptions ONE_ATTEMPT = RequestOptions.builder().maxAttempts(1).build();

  /** How delivery behaves. */
  public record Settings(int maxAttempts, Duration lease, Duration backoff, Duration maxBackoff) {}

  private final Database database;
  private final Mirror mirror;
  private final Claims claims;
  private final QuotaPlanner planner;
  private final Map<Long, ChatsClient> clients;
  private final Clock clock;
  private final Settings settings;

  /**
   * Creates a worker.
   *
   * @param database the database
   * @param mirror the mirror's SQL
   * @param claims the claims of this process
   * @param planner the quota planner
   * @param clients the client of each business
   * @param clock the clock
   * @param settings attempts, lease and backoff
   */
  public OutboxWorker(
      Database database,
      Mirror mirror,
      Claims claims,
      QuotaPlanner planner,
      Map<Long, ChatsClient> clients,
      Clock clock,
      Settings settings) {
    this.database = database;
    this.mirror = mirror;
    this.claims = claims;
    this.planner = planner;
    this.clients = Map.copyOf(clients);
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Claims one deliverable reply and works on it.
   *
   * @return true when a reply was claimed
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public boolean deliverNext() throws InterruptedException {
    List<ReplyClaim> claimed = claims.claimReplies(clients.keySet(), 1, settings.lease());
    if (claimed.isEmpty()) {
      return false;
    }
    deliver(claimed.get(0));
    return true;
  }

  /** The stored reply with what delivery needs. */
  private record Work(
      long replyId,
      long businessId,
      long chatId,
      String kind,
      String text,
      String fileName,
      String contentType,
      byte[] content,
      Long fileSize,
      String state,
      int attempts,
      boolean inDoubt,
      Long watermark) {

    Work withWatermark(long mark) {
      return new Work(
          replyId,
          businessId,
          chatId,
          kind,
          text,
          fileName,
          contentType,
          content,
          fileSize,
          state,
          attempts,
          inDoubt,
          mark);
    }
  }

  private Optional<Work> load(long replyId) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT reply_id, business_id, chat_id, kind, body_text, file_name,"
                        + " file_content_type, file_content, file_size, reply_state, attempts,"
                        + " in_doubt, watermark_message_id FROM outbox WHERE reply_id = :id")
                .bind("id", replyId)
                .map(
                    (rs, ctx) -> {
                      long watermark = rs.getLong("watermark_message_id");
                      Long mark = rs.wasNull() ? null : watermark;
                      long size = rs.getLong("file_size");
                      Long fileSize = rs.wasNull() ? null : size;
                      return new Work(
                          rs.getLong("reply_id"),
                          rs.getLong("business_id"),
                          rs.getLong("chat_id"),
                          rs.getString("kind"),
                          rs.getString("body_text"),
                          rs.getString("file_name"),
                          rs.getString("file_content_type"),
                          rs.getBytes("file_content"),
                          fileSize,
                          rs.getString("reply_state"),
                          rs.getInt("attempts"),
                          rs.getBoolean("in_doubt"),
                          mark);
                    })
                .findOne());
  }

  /**
   * Works on a claimed reply: looks for it first when in doubt, else makes one attempt.
   *
   * @param claim the claim
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  void deliver(ReplyClaim claim) throws InterruptedException {
    Optional<Work> loaded = load(claim.replyId());
    if (loaded.isEmpty() || !loaded.get().state().equals("QUEUED")) {
      return;
    }
    Work stored = loaded.get();
    ChatsClient client = clients.get(stored.businessId());
    if (stored.inDoubt()) {
      Lookup found = lookup(claim, stored, client);
      if (found == Lookup.FOUND || found == Lookup.FAILED) {
        return;
      }
      if (stored.attempts() >= settings.maxAttempts()) {
        block(claim, stored, "not delivered after " + stored.attempts() + " attempts");
        return;
      }
    }
    if (stored.watermark() == null) {
      // The mirror may be behind the chat: read the chat up to now first, so that the watermark
      // is the newest message that really exists before the first attempt.
      Optional<Long> newest = catchUp(claim, stored, client);
      if (newest.isEmpty()) {
        return;
      }
      stored = stored.withWatermark(newest.get());
    }
    Work work = stored;
    ApiOperation op =
        work.kind().equals("FILE") ? ApiOperation.SEND_FILE : ApiOperation.SEND_MESSAGE;
    QuotaPlanner.Permit permit = planner.acquire(work.businessId(), op, Priority.SEND);
    try {
      Long watermark = startAttempt(claim, work);
      if (watermark == null) {
        return;
      }
      Work attempt =
          new Work(
              work.replyId(),
              work.businessId(),
              work.chatId(),
              work.kind(),
              work.text(),
              work.fileName(),
              work.contentType(),
              work.content(),
              work.fileSize(),
              work.state(),
              work.attempts() + 1,
              true,
              watermark);
      try {
        planner.invoke(
            work.businessId(),
            op,
            () -> {
              ChatsClient once = client.withOptions(ONE_ATTEMPT);
              if (op == ApiOperation.SEND_FILE) {
                return once.withRawResponse()
                    .sendFile(
                        work.businessId(),
                        work.chatId(),
                        FileUpload.of(work.fileName(), work.content())
                            .withContentType(work.contentType()));
              }
              return once.withRawResponse()
                  .sendMessage(work.businessId(), work.chatId(), work.text());
            });
      } catch (RateLimitException e) {
        Instant until = planner.blockedUntil(work.businessId(), op).orElse(clock.instant());
        failed(claim, attempt, "rate limited (420) until " + until, until, true);
        return;
      } catch (TransportException e) {
        permit.release();
        if (e.outcome() == TransportException.Outcome.NOT_SENT) {
          failedOrBlocked(claim, attempt, "connection failed before sending: " + e.getMessage());
        } else {
          afterUnknown(claim, attempt, client, "outcome unknown: " + e.getMessage());
        }
        return;
      } catch (ServerException e) {
        permit.release();
        if (e.statusCode() == 503) {
          failedOrBlocked(claim, attempt, "503 service unavailable");
        } else {
          afterUnknown(claim, attempt, client, "outcome unknown after HTTP " + e.statusCode());
        }
        return;
      } catch (YmChatException e) {
        block(
            claim, attempt, "refused by the API (HTTP " + e.statusCode() + "): " + e.getMessage());
        return;
      } catch (RuntimeException e) {
        permit.release();
        afterUnknown(claim, attempt, client, "outcome unknown: " + e);
        return;
      }
      permit.release();
      markSent(claim, attempt, null, null);
    } finally {
      permit.release();
    }
  }

  /**
   * Reads the chat from the mirror's newest message to the end into the mirror; returns the newest
   * message id (0 for an empty chat), or empty when the read failed (the claim is then released
   * with a backoff; nothing was sent).
   */
  private Optional<Long> catchUp(ReplyClaim claim, Work work, ChatsClient client)
      throws InterruptedException {
    long from =
        database
            .withHandle(h -> mirror.cursor(h, work.businessId(), work.chatId()))
            .map(Mirror.Cursor::lastMessageId)
            .orElse(0L);
    try {
      return Optional.of(Math.max(from, readInto(work, client, from)));
    } catch (YmChatException e) {
      Instant next = clock.instant().plus(backoff(1));
      if (e instanceof RateLimitException) {
        next = planner.blockedUntil(work.businessId(), ApiOperation.GET_CHAT_HISTORY).orElse(next);
      }
      stillInDoubt(claim, work, "could not read the chat before sending: " + e.getMessage(), next);
      return Optional.empty();
    }
  }

  /** Reads a chat's history from a message id to the end into the mirror; returns the newest id. */
  private long readInto(Work work, ChatsClient client, long from) throws InterruptedException {
    long newest = 0;
    String token = null;
    while (true) {
      HistoryQuery.Builder query = HistoryQuery.builder().limit(HistoryQuery.MAX_LIMIT);
      if (from > 0) {
        query.messageIdFrom(from);
      }
      if (token != null) {
        query.pageToken(token);
      }
      HistoryQuery q = query.build();
      HistoryPage page =
          planner
              .call(
                  work.businessId(),
                  ApiOperation.GET_CHAT_HISTORY,
                  Priority.SEND,
                  () ->
                      client
                          .withOptions(ONE_ATTEMPT)
                          .withRawResponse()
                          .history(work.businessId(), work.chatId(), q))
              .value();
      Instant now = clock.instant();
      database.inTransaction(
          h -> {
            List<NewEvent> events = new ArrayList<>();
            mirror.ingestMessages(h, work.businessId(), work.chatId(), page.items(), now, events);
            EventLog.append(h, events, now);
            return null;
          });
      for (var m : page.items()) {
        newest = Math.max(newest, m.messageId());
      }
      if (page.nextPageToken().isEmpty()) {
        return newest;
      }
      token = page.nextPageToken().get();
    }
  }

  /** Records the attempt; returns its watermark, or null when the claim was lost. */
  private Long startAttempt(ReplyClaim claim, Work work) {
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          if (!claims.renewReply(h, claim, settings.lease())) {
            return null;
          }
          long watermark = work.watermark();
          int updated =
              h.createUpdate(
                      "UPDATE outbox SET attempts = attempts + 1, in_doubt = TRUE,"
                          + " watermark_message_id = :watermark, updated_at = :now"
                          + " WHERE reply_id = :id AND claim_token = :token"
                          + " AND reply_state = 'QUEUED'")
                  .bind("watermark", watermark)
                  .bind("now", Times.db(now))
                  .bind("id", claim.replyId())
                  .bind("token", claim.token())
                  .execute();
          if (updated != 1) {
            return null;
          }
          EventLog.append(
              h,
              new NewEvent(
                  work.businessId(),
                  work.chatId(),
                  EventType.REPLY_ATTEMPT,
                  0,
                  work.replyId(),
                  "attempt " + (work.attempts() + 1)),
              now);
          return watermark;
        });
  }

  private enum Lookup {
    FOUND,
    NOT_FOUND,
    FAILED
  }

  private void afterUnknown(ReplyClaim claim, Work work, ChatsClient client, String reason)
      throws InterruptedException {
    LOG.info("Reply {}: {}; looking for it in the chat", work.replyId(), reason);
    Lookup found = lookup(claim, work, client);
    if (found == Lookup.NOT_FOUND) {
      failedOrBlocked(claim, work, reason + "; not found in the chat");
    }
  }

  /**
   * Reads the chat's history after the watermark into the mirror and looks for the reply there.
   * FOUND and FAILED have finished the claim; NOT_FOUND has cleared the doubt.
   */
  private Lookup lookup(ReplyClaim claim, Work work, ChatsClient client)
      throws InterruptedException {
    long watermark = work.watermark() == null ? 0 : work.watermark();
    try {
      readInto(work, client, watermark);
    } catch (YmChatException e) {
      Instant next = clock.instant().plus(backoff(work.attempts()));
      if (e instanceof RateLimitException) {
        next = planner.blockedUntil(work.businessId(), ApiOperation.GET_CHAT_HISTORY).orElse(next);
      }
      stillInDoubt(claim, work, "could not read the chat to look for it: " + e.getMessage(), next);
      return Lookup.FAILED;
    }
    Instant now = clock.instant();
    return database.inTransaction(
        h -> {
          List<NewEvent> events = new ArrayList<>();
          mirror.lockChat(h, work.businessId(), work.chatId());
          mirror.linkReplies(h, work.businessId(), work.chatId(), events);
          Optional<Long> message =
              mirror.findDelivered(
                  h,
                  work.businessId(),
                  work.chatId(),
                  work.kind(),
                  work.text(),
                  work.fileName(),
                  work.fileSize(),
                  watermark);
          if (message.isPresent()) {
            boolean sent =
                sentInTx(h, claim, work, message.get(), "found in the chat", now, events);
            EventLog.append(h, events, now);
            return sent ? Lookup.FOUND : Lookup.FAILED;
          }
          int cleared =
              h.createUpdate(
                      "UPDATE outbox SET in_doubt = FALSE, updated_at = :now WHERE reply_id = :id"
                          + " AND claim_token = :token")
                  .bind("now", Times.db(now))
                  .bind("id", claim.replyId())
                  .bind("token", claim.token())
                  .execute();
          EventLog.append(h, events, now);
          return cleared == 1 ? Lookup.NOT_FOUND : Lookup.FAILED;
        });
  }

  private void markSent(ReplyClaim claim, Work work, Long messageId, String how) {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          List<NewEvent> events = new ArrayList<>();
          sentInTx(h, claim, work, messageId, how, now, events);
          EventLog.append(h, events, now);
          return null;
        });
  }

  private boolean sentInTx(
      org.jdbi.v3.core.Handle h,
      ReplyClaim claim,
      Work work,
      Long messageId,
      String how,
      Instant now,
      List<NewEvent> events) {
    mirror.lockChat(h, work.businessId(), work.chatId());
    int updated =
        h.createUpdate(
                "UPDATE outbox SET reply_state = 'SENT', in_doubt = FALSE, sent_at = :now,"
                    + " updated_at = :now, last_error = NULL, claim_token = NULL,"
                    + " claim_until = NULL WHERE reply_id = :id AND claim_token = :token")
            .bind("now", Times.db(now))
            .bind("id", claim.replyId())
            .bind("token", claim.token())
            .execute();
    if (updated != 1) {
      LOG.warn(
          "Reply {} went out but its claim had expired; the worker that took it over will find"
              + " it in the chat",
          work.replyId());
      return false;
    }
    events.add(
        new NewEvent(
            work.businessId(), work.chatId(), EventType.REPLY_SENT, 0, work.replyId(), how));
    if (messageId != null) {
      mirror.link(h, work.businessId(), work.chatId(), work.replyId(), messageId);
      events.add(
          new NewEvent(
              work.businessId(),
              work.chatId(),
              EventType.REPLY_LINKED,
              messageId,
              work.replyId(),
              null));
    } else {
      mirror.linkReplies(h, work.businessId(), work.chatId(), events);
    }
    return true;
  }

  private void failedOrBlocked(ReplyClaim claim, Work work, String reason) {
    if (work.attempts() >= settings.maxAttempts()) {
      block(
          claim,
          work,
          reason + " (attempt " + work.attempts() + " of " + settings.maxAttempts() + ")");
    } else {
      failed(claim, work, reason, clock.instant().plus(backoff(work.attempts())), false);
    }
  }

  private void failed(
      ReplyClaim claim, Work work, String reason, Instant next, boolean uncountAttempt) {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE outbox SET in_doubt = FALSE, last_error = :reason,"
                          + " attempts = attempts - :uncount, next_attempt_at = :next,"
                          + " updated_at = :now, claim_token = NULL, claim_until = NULL"
                          + " WHERE reply_id = :id AND claim_token = :token")
                  .bind("reason", clip(reason))
                  .bind("uncount", uncountAttempt ? 1 : 0)
                  .bind("next", Times.db(next))
                  .bind("now", Times.db(now))
                  .bind("id", claim.replyId())
                  .bind("token", claim.token())
                  .execute();
          if (updated == 1) {
            EventLog.append(
                h,
                new NewEvent(
                    work.businessId(),
                    work.chatId(),
                    EventType.REPLY_FAILED,
                    0,
                    work.replyId(),
                    clip(reason)),
                now);
          }
          return null;
        });
  }

  private void stillInDoubt(ReplyClaim claim, Work work, String reason, Instant next) {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE outbox SET last_error = :reason, next_attempt_at = :next,"
                          + " updated_at = :now, claim_token = NULL, claim_until = NULL"
                          + " WHERE reply_id = :id AND claim_token = :token")
                  .bind("reason", clip(reason))
                  .bind("next", Times.db(next))
                  .bind("now", Times.db(now))
                  .bind("id", claim.replyId())
                  .bind("token", claim.token())
                  .execute();
          if (updated == 1) {
            EventLog.append(
                h,
                new NewEvent(
                    work.businessId(),
                    work.chatId(),
                    EventType.REPLY_FAILED,
                    0,
                    work.replyId(),
                    clip(reason)),
                now);
          }
          return null;
        });
  }

  private void block(ReplyClaim claim, Work work, String reason) {
    Instant now = clock.instant();
    database.inTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE outbox SET reply_state = 'BLOCKED', in_doubt = FALSE,"
                          + " last_error = :reason, updated_at = :now, claim_token = NULL,"
                          + " claim_until = NULL WHERE reply_id = :id AND claim_token = :token")
                  .bind("reason", clip(reason))
                  .bind("now", Times.db(now))
                  .bind("id", claim.replyId())
                  .bind("token", claim.token())
                  .execute();
          if (updated == 1) {
            EventLog.append(
                h,
                new NewEvent(
                    work.businessId(),
                    work.chatId(),
                    EventType.REPLY_BLOCKED,
                    0,
                    work.replyId(),
                    clip(reason)),
                now);
          }
          return null;
        });
    LOG.warn("Reply {} is BLOCKED: {}", work.replyId(), reason);
  }

  private Duration backoff(int attempts) {
    Duration d = settings.backoff().multipliedBy(1L << Math.min(10, Math.max(0, attempts - 1)));
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private static String clip(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}
