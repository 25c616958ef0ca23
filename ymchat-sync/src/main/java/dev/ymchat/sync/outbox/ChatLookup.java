package dev.ymchat.sync.outbox;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RequestOptions;
import dev.ymchat.sync.planner.Priority;
import dev.ymchat.sync.store.Claims.ReplyClaim;
import dev.ymchat.sync.store.Mirror;
import dev.ymchat.sync.store.ReplyLinks;
import dev.ymchat.sync.worker.WorkerParts;
import java.util.Optional;

/**
 * Reads of a reply's chat on the delivery path: the catch-up that fixes the watermark before the
 * first attempt, and the lookup of a reply in doubt in the chat's history after its watermark (the
 * API has no idempotency key, so the history is the only witness of a send whose answer was lost).
 */
final class ChatLookup {

  static final RequestOptions ONE_ATTEMPT = RequestOptions.builder().maxAttempts(1).build();

  /** What a lookup found. */
  enum Outcome {
    /** The reply is in the chat; it is marked sent. */
    FOUND,
    /** The reply is not in the chat after its watermark; its doubt is cleared. */
    NOT_FOUND,
    /** The chat could not be read or the claim was lost; the claim is finished. */
    FAILED
  }

  private final WorkerParts parts;
  private final ReplyRecords records;

  ChatLookup(WorkerParts parts, ReplyRecords records) {
    this.parts = parts;
    this.records = records;
  }

  /** The newest message id the mirror knows in the reply's chat, 0 when none. */
  long mirroredNewest(Work work) {
    return parts
        .database()
        .withHandle(h -> parts.mirror().cursor(h, work.businessId(), work.chatId()))
        .map(Mirror.Cursor::lastMessageId)
        .orElse(0L);
  }

  /**
   * Reads a chat's history from a message id to the end into the mirror (at send priority).
   *
   * @return the newest message id read, 0 when none
   * @throws dev.ymchat.client.error.YmChatException when a read fails
   */
  long readInto(Work work, ChatsClient client, long from) throws InterruptedException {
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
          parts
              .planner()
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
      parts.recorded(
          (h, now, events) ->
              parts
                  .mirror()
                  .ingestMessages(h, work.businessId(), work.chatId(), page.items(), now, events));
      for (var m : page.items()) {
        newest = Math.max(newest, m.messageId());
      }
      if (page.nextPageToken().isEmpty()) {
        return newest;
      }
      token = page.nextPageToken().get();
    }
  }

  /**
   * Looks in the mirror (already read past the watermark) for the reply: an unlinked message of the
   * seller after the watermark with the reply's content, once earlier replies took theirs.
   */
  Outcome find(ReplyClaim claim, Work work) {
    return parts.recorded(
        (h, now, events) -> {
          parts.mirror().lockChat(h, work.businessId(), work.chatId());
          ReplyLinks.linkReplies(h, work.businessId(), work.chatId(), events);
          Optional<Long> message =
              ReplyLinks.findDelivered(h, work.businessId(), work.chatId(), work.asSent());
          Outcome outcome;
          if (message.isPresent()) {
            boolean sent =
                records.sent(h, claim, work, message.get(), "found in the chat", now, events);
            outcome = sent ? Outcome.FOUND : Outcome.FAILED;
          } else {
            outcome = records.clearDoubt(h, claim, now) ? Outcome.NOT_FOUND : Outcome.FAILED;
          }
          return outcome;
        });
  }
}
