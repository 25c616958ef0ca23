package dev.ymchat.sync.planner;

/** Who gets the next free call of a business first: sends, then push reads, and so on. */
public enum Priority {
  /** Delivering a reply (and the history reads that check a reply in doubt). */
  SEND,
  /** A read triggered by a push notification. */
  PUSH_READ,
  /** The reconcile sweep and the reads it asks for. */
  RECONCILE,
  /** The first-start backfill. */
  BACKFILL
}
