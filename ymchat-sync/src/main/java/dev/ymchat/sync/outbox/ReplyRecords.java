package dev.ymchat.sync.outbox;

import dev.ymchat.sync.events.EventLog;
import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Claims.ReplyClaim;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.store.ReplyLinks;
import dev.ymchat.sync.worker.WorkerParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state changes of a claimed reply, each one transaction with its event, and each fenced by the
 * claim token (a worker whose lease was taken over changes nothing).
 */
final class ReplyRecords {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyRecords.class);

  private final WorkerParts parts;
  private final Duration lease;
  private final DeliveryMetrics metrics;

  ReplyRecords(WorkerParts parts, Duration lease, DeliveryMetrics metrics) {
    this.parts = parts;
    this.lease = lease;
    this.metrics = metrics;
  }

  /** Records an attempt (one more, in doubt, with its watermark); false when the claim was lost. */
  boolean startAttempt(ReplyClaim claim, Work work) {
    Instant now = parts.clock().instant();
    return parts
        .database()
        .inTransaction(
            h -> {
              if (!parts.claims().renewReply(h, claim, lease)) {
                return false;
              }
              int updated =
                  h.createUpdate(
                          "UPDATE outbox SET attempts = attempts + 1, in_doubt = TRUE,"
                              + " watermark_message_id = :watermark, updated_at = :now"
                              + " WHERE reply_id = :id AND claim_token = :token"
                              + " AND reply_state = 'QUEUED'")
                      .bind("watermark", work.watermark())
                      .bind("now", Times.db(now))
                      .bind("id", claim.replyId())
                      .bind("token", claim.token())
                      .execute();
              if (updated != 1) {
                return false;
              }
              EventLog.append(
                  h, event(work, EventType.REPLY_ATTEMPT, "attempt " + (work.attempts() + 1)), now);
              return true;
            });
  }

  /** Marks a reply sent after a clean answer and links it to its message in the mirror. */
  void markSent(ReplyClaim claim, Work work) {
    parts.recorded((h, now, events) -> sent(h, claim, work, null, null, now, events));
  }

  /**
   * Marks a reply sent in the caller's transaction (the chat locked), linked to {@code messageId}
   * when known, else by the in-order linking; false when the claim was lost.
   */
  boolean sent(
      Handle h,
      ReplyClaim claim,
      Work work,
      Long messageId,
      String how,
      Instant now,
      List<NewEvent> events) {
    parts.mirror().lockChat(h, work.businessId(), work.chatId());
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
    events.add(event(work, EventType.REPLY_SENT, how));
    if (messageId != null) {
      ReplyLinks.link(h, work.businessId(), work.chatId(), work.replyId(), messageId);
      events.add(
          new NewEvent(
              work.businessId(),
              work.chatId(),
              EventType.REPLY_LINKED,
              messageId,
              work.replyId(),
              null));
    } else {
      ReplyLinks.linkReplies(h, work.businessId(), work.chatId(), events);
      // the API pushes nothing for the seller's own messages: the chat (its new status) and its
      // history are read as for a buyer's push, so the reply is mirrored and linked in a moment,
      // not at the next sweep
      parts
          .mirror()
          .requestRead(h, work.businessId(), work.chatId(), Mirror.PRIORITY_PUSH, true, now);
    }
    if (work.queuedAt() != null) {
      metrics.sent(Duration.between(work.queuedAt(), now));
    }
    return true;
  }

  /** Clears the doubt after a lookup that did not find the reply; false when the claim was lost. */
  boolean clearDoubt(Handle h, ReplyClaim claim, Instant now) {
    return h.createUpdate(
                "UPDATE outbox SET in_doubt = FALSE, updated_at = :now WHERE reply_id = :id"
                    + " AND claim_token = :token")
            .bind("now", Times.db(now))
            .bind("id", claim.replyId())
            .bind("token", claim.token())
            .execute()
        == 1;
  }

  /**
   * Records a failed attempt and releases the claim until {@code next}; the doubt is cleared (the
   * reply is known not to have gone out), and a 420 does not count as an attempt.
   */
  void failed(ReplyClaim claim, Work work, String reason, Instant next, boolean uncountAttempt) {
    finish(
        claim,
        work,
        "in_doubt = FALSE, attempts = attempts - :uncount, next_attempt_at = :next",
        Map.of("uncount", uncountAttempt ? 1 : 0, "next", Times.db(next)),
        EventType.REPLY_FAILED,
        reason);
    metrics.failed();
  }

  /** Releases the claim until {@code next} with the reply still in doubt (the lookup failed). */
  void stillInDoubt(ReplyClaim claim, Work work, String reason, Instant next) {
    finish(
        claim,
        work,
        "next_attempt_at = :next",
        Map.of("next", Times.db(next)),
        EventType.REPLY_FAILED,
        reason);
  }

  /** Blocks a reply with its reason: it waits for a person to retry, edit or cancel it. */
  void block(ReplyClaim claim, Work work, String reason) {
    finish(
        claim,
        work,
        "reply_state = 'BLOCKED', in_doubt = FALSE",
        Map.of(),
        EventType.REPLY_BLOCKED,
        reason);
    metrics.blocked();
    LOG.warn("Reply {} is BLOCKED: {}", work.replyId(), reason);
  }

  /** Updates the reply, records the error, releases the claim and appends the event, in one go. */
  private void finish(
      ReplyClaim claim,
      Work work,
      String set,
      Map<String, Object> binds,
      EventType type,
      String reason) {
    Instant now = parts.clock().instant();
    parts
        .database()
        .inTransaction(
            h -> {
              int updated =
                  h.createUpdate(
                          "UPDATE outbox SET "
                              + set
                              + ", last_error = :reason, updated_at = :now, claim_token = NULL,"
                              + " claim_until = NULL WHERE reply_id = :id AND claim_token = :token")
                      .bindMap(binds)
                      .bind("reason", clip(reason))
                      .bind("now", Times.db(now))
                      .bind("id", claim.replyId())
                      .bind("token", claim.token())
                      .execute();
              if (updated == 1) {
                EventLog.append(h, event(work, type, clip(reason)), now);
              }
              return null;
            });
  }

  private static NewEvent event(Work work, EventType type, String detail) {
    return new NewEvent(work.businessId(), work.chatId(), type, 0, work.replyId(), detail);
  }

  private static String clip(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}
