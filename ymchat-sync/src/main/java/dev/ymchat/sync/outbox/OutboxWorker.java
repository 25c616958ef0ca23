package dev.ymchat.sync.outbox;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ApiResult;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.sync.outbox.ChatLookup.Outcome;
import dev.ymchat.sync.planner.Priority;
import dev.ymchat.sync.planner.QuotaPlanner;
import dev.ymchat.sync.store.Claims;
import dev.ymchat.sync.store.Claims.ReplyClaim;
import dev.ymchat.sync.worker.WorkerParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * replies (see {@link dev.ymchat.sync.store.ReplyLinks#linkReplies}) make sure an earlier identical
 * reply is never taken for this one.
 */
public final class OutboxWorker {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  /** How delivery behaves. */
  public record Settings(int maxAttempts, Duration lease, Duration backoff, Duration maxBackoff) {}

  private final WorkerParts parts;
  private final Settings settings;
  private final ReplyRecords records;
  private final ChatLookup lookup;
  private final Runnable onReadWanted;

  /**
   * Creates a worker.
   *
   * @param parts the database, mirror, claims, planner, clients and clock of this process
   * @param settings attempts, lease and backoff
   * @param metrics where deliveries are reported
   * @param onReadWanted called after a sent reply asked for a read of its chat (wakes the readers)
   */
  public OutboxWorker(
      WorkerParts parts, Settings settings, DeliveryMetrics metrics, Runnable onReadWanted) {
    this.parts = parts;
    this.settings = settings;
    this.onReadWanted = onReadWanted;
    this.records = new ReplyRecords(parts, settings.lease(), metrics);
    this.lookup = new ChatLookup(parts, records);
  }

  /**
   * Claims one deliverable reply and works on it.
   *
   * @return true when a reply was claimed
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  public boolean deliverNext() throws InterruptedException {
    List<ReplyClaim> claimed =
        parts.claims().claimReplies(parts.clients().keySet(), 1, settings.lease());
    if (claimed.isEmpty()) {
      return false;
    }
    deliver(claimed.get(0));
    return true;
  }

  /**
   * Works on a claimed reply: looks for it first when in doubt, else makes one attempt.
   *
   * @param claim the claim
   * @throws InterruptedException when interrupted while waiting for the quota
   */
  void deliver(ReplyClaim claim) throws InterruptedException {
    Optional<Work> loaded = Work.load(parts.database(), claim.replyId());
    if (loaded.isEmpty() || !loaded.get().state().equals("QUEUED")) {
      return;
    }
    Work stored = loaded.get();
    ChatsClient client = parts.clients().get(stored.businessId());
    if (stored.inDoubt()) {
      Outcome found = lookUp(claim, stored, client);
      if (found != Outcome.NOT_FOUND) {
        return;
      }
      if (stored.attempts() >= settings.maxAttempts()) {
        records.block(claim, stored, "not delivered after " + stored.attempts() + " attempts");
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
    attempt(claim, stored, client);
  }

  /** Makes one attempt (recorded first) and records its outcome. */
  private void attempt(ReplyClaim claim, Work work, ChatsClient client)
      throws InterruptedException {
    ApiOperation op = work.isFile() ? ApiOperation.SEND_FILE : ApiOperation.SEND_MESSAGE;
    QuotaPlanner.Permit permit = parts.planner().acquire(work.businessId(), op, Priority.SEND);
    try {
      if (!records.startAttempt(claim, work)) {
        return;
      }
      Work attempt = work.attempted(work.watermark());
      try {
        parts.planner().invoke(work.businessId(), op, () -> send(client, work));
      } catch (RateLimitException e) {
        Instant until =
            parts.planner().blockedUntil(work.businessId(), op).orElse(parts.clock().instant());
        records.failed(claim, attempt, "rate limited (420) until " + until, until, true);
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
        records.block(
            claim, attempt, "refused by the API (HTTP " + e.statusCode() + "): " + e.getMessage());
        return;
      } catch (RuntimeException e) {
        permit.release();
        afterUnknown(claim, attempt, client, "outcome unknown: " + e);
        return;
      }
      permit.release();
      records.markSent(claim, attempt);
      onReadWanted.run();
    } finally {
      permit.release();
    }
  }

  private static ApiResult<Void> send(ChatsClient client, Work work) {
    ChatsClient once = client.withOptions(ChatLookup.ONE_ATTEMPT);
    if (work.isFile()) {
      return once.withRawResponse()
          .sendFile(
              work.businessId(),
              work.chatId(),
              FileUpload.of(work.body().fileName(), work.body().content())
                  .withContentType(work.body().contentType()));
    }
    return once.withRawResponse().sendMessage(work.businessId(), work.chatId(), work.body().text());
  }

  /**
   * Reads the chat from the mirror's newest message to the end into the mirror; returns the newest
   * message id (0 for an empty chat), or empty when the read failed (the claim is then released
   * with a backoff; nothing was sent).
   */
  private Optional<Long> catchUp(ReplyClaim claim, Work work, ChatsClient client)
      throws InterruptedException {
    long from = lookup.mirroredNewest(work);
    try {
      return Optional.of(Math.max(from, lookup.readInto(work, client, from)));
    } catch (YmChatException e) {
      readFailed(claim, work, 1, "could not read the chat before sending: ", e);
      return Optional.empty();
    }
  }

  private void afterUnknown(ReplyClaim claim, Work work, ChatsClient client, String reason)
      throws InterruptedException {
    LOG.info("Reply {}: {}; looking for it in the chat", work.replyId(), reason);
    if (lookUp(claim, work, client) == Outcome.NOT_FOUND) {
      failedOrBlocked(claim, work, reason + "; not found in the chat");
    }
  }

  /**
   * Reads the chat's history after the watermark into the mirror and looks for the reply there.
   * FOUND and FAILED have finished the claim; NOT_FOUND has cleared the doubt.
   */
  private Outcome lookUp(ReplyClaim claim, Work work, ChatsClient client)
      throws InterruptedException {
    try {
      lookup.readInto(work, client, work.watermark() == null ? 0 : work.watermark());
    } catch (YmChatException e) {
      readFailed(claim, work, work.attempts(), "could not read the chat to look for it: ", e);
      return Outcome.FAILED;
    }
    return lookup.find(claim, work);
  }

  /** Releases the claim after a failed read, until the backoff (or the 420 block) is over. */
  private void readFailed(
      ReplyClaim claim, Work work, int attempts, String what, YmChatException e) {
    Instant next = parts.clock().instant().plus(backoff(attempts));
    if (e instanceof RateLimitException) {
      next =
          parts
              .planner()
              .blockedUntil(work.businessId(), ApiOperation.GET_CHAT_HISTORY)
              .orElse(next);
    }
    records.stillInDoubt(claim, work, what + e.getMessage(), next);
  }

  private void failedOrBlocked(ReplyClaim claim, Work work, String reason) {
    if (work.attempts() >= settings.maxAttempts()) {
      records.block(
          claim,
          work,
          reason + " (attempt " + work.attempts() + " of " + settings.maxAttempts() + ")");
    } else {
      records.failed(
          claim, work, reason, parts.clock().instant().plus(backoff(work.attempts())), false);
    }
  }

  private Duration backoff(int attempts) {
    Duration d = settings.backoff().multipliedBy(1L << Math.min(10, Math.max(0, attempts - 1)));
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }
}
