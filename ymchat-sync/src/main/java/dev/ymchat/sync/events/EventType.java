package dev.ymchat.sync.events;

/** What changed in the mirror or the outbox. */
public enum EventType {
  /** A chat entered the mirror. */
  CHAT_CREATED,
  /** A chat's status changed; the detail holds {@code OLD->NEW}. */
  STATUS_CHANGED,
  /** A chat became a dispute (type ARBITRAGE). */
  DISPUTE_OPENED,
  /** A dispute ended (an ARBITRAGE chat became FINISHED). */
  DISPUTE_FINISHED,
  /** A chat's other fields (context, customer, updatedAt) changed. */
  CHAT_UPDATED,
  /** A buyer's (CUSTOMER) message entered the mirror. */
  BUYER_MESSAGE_RECEIVED,
  /** A MARKET or SUPPORT message entered the mirror; the detail holds the sender. */
  MESSAGE_RECEIVED,
  /** A seller's (PARTNER) message entered the mirror; {@code replyId} is set once it is linked. */
  PARTNER_MESSAGE_MIRRORED,
  /** A reply was put in the outbox. */
  REPLY_QUEUED,
  /** A delivery attempt of a reply started. */
  REPLY_ATTEMPT,
  /** A reply reached the chat. */
  REPLY_SENT,
  /** A delivery attempt failed; the reply will be tried again. The detail holds the reason. */
  REPLY_FAILED,
  /** A reply stopped after too many failures or a refusal; the detail holds the reason. */
  REPLY_BLOCKED,
  /** A blocked reply was put back in the queue. */
  REPLY_RETRIED,
  /** A reply's text was changed. */
  REPLY_EDITED,
  /** A reply was cancelled. */
  REPLY_CANCELLED,
  /** A sent reply was linked to its message in the mirror ({@code messageId}). */
  REPLY_LINKED,
  /** The first backfill of a business finished. */
  BACKFILL_FINISHED
}
