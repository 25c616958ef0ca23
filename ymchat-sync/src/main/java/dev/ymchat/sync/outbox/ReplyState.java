package dev.ymchat.sync.outbox;

/** Where a reply of the outbox stands. */
public enum ReplyState {
  /** Waiting for delivery (possibly for an earlier reply of its chat, or for a retry time). */
  QUEUED,
  /** In the chat. */
  SENT,
  /** Stopped after too many failures or a refusal; retry, edit or cancel it. */
  BLOCKED,
  /** Cancelled; it will not be sent. */
  CANCELLED
}
