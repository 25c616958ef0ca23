package dev.ymchat.sync;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.sync.planner.Budget;
import dev.ymchat.sync.planner.QuotaPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The health of one business's mirror.
 *
 * @param businessId the business
 * @param backfill LISTING (listing chats), HISTORIES (reading histories) or DONE
 * @param chatsListed the chats the last finished listing pass saw
 * @param chatsMirrored the chats in the mirror
 * @param chatsWithHistory the chats whose history was read in full at least once
 * @param messagesMirrored the messages in the mirror
 * @param readsWanted the chats waiting for a read
 * @param lastSyncOkAt when a read or a listing pass last succeeded, or null
 * @param sinceLastSync the time since then, or null
 * @param newestMessageLag for the newest mirrored message, the time from its createdAt to its
 *     arrival in the mirror, or null
 * @param outboxDepth replies waiting for delivery
 * @param blockedReplies replies blocked
 * @param sentReplies replies sent
 * @param lastError the last failure of a read or pass, or null
 * @param quota the budget left per operation (by operation id), as last reported by the API
 */
public record BusinessStatus(
    long businessId,
    String backfill,
    long chatsListed,
    long chatsMirrored,
    long chatsWithHistory,
    long messagesMirrored,
    long readsWanted,
    Instant lastSyncOkAt,
    Duration sinceLastSync,
    Duration newestMessageLag,
    long outboxDepth,
    long blockedReplies,
    long sentReplies,
    String lastError,
    Map<String, Budget> quota) {

  /**
   * Copies the quota map.
   *
   * @param businessId the business
   * @param backfill the backfill state
   * @param chatsListed the chats listed
   * @param chatsMirrored the chats mirrored
   * @param chatsWithHistory the chats with a full history
   * @param messagesMirrored the messages mirrored
   * @param readsWanted the reads waiting
   * @param lastSyncOkAt the last success
   * @param sinceLastSync the time since
   * @param newestMessageLag the lag of the newest message
   * @param outboxDepth the replies waiting
   * @param blockedReplies the replies blocked
   * @param sentReplies the replies sent
   * @param lastError the last failure
   * @param quota the budgets
   */
  public BusinessStatus {
    quota = Map.copyOf(quota);
  }

  /**
   * Tells whether the first backfill is finished.
   *
   * @return true when done
   */
  public boolean backfillDone() {
    return "DONE".equals(backfill);
  }

  /**
   * Tells whether the backfill waits for a quota window, and until when. The sync leaves the last
   * fifth of getChatHistory's quota to push reads and sends, so a large shop's backfill reads about
   * four fifths of a window's worth of chats, then resumes when the window resets.
   *
   * @param now the time
   * @return when the window resets, or empty when the backfill is not held by the quota
   */
  public Optional<Instant> backfillHeldUntil(Instant now) {
    Budget history = quota.get(ApiOperation.GET_CHAT_HISTORY.operationId());
    if (backfillDone()
        || readsWanted == 0
        || history == null
        || QuotaPlanner.backfillMayUse(history.shareLeft(now))) {
      return Optional.empty();
    }
    return Optional.ofNullable(history.resetsAt());
  }

  /**
   * Returns the time since the last successful sync.
   *
   * @return the duration, or empty before the first
   */
  public Optional<Duration> sinceLastSuccess() {
    return Optional.ofNullable(sinceLastSync);
  }
}
