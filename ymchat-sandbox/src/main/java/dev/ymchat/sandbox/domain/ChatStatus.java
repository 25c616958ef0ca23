package dev.ymchat.sandbox.domain;

/** The status of a chat, named as the API names it. */
public enum ChatStatus {
  /** Created, no message yet. */
  NEW,
  /** The seller wrote last: the buyer is expected to answer. */
  WAITING_FOR_CUSTOMER,
  /** The buyer or Market's support wrote last: the seller is expected to answer. */
  WAITING_FOR_PARTNER,
  /** A dispute is open: the arbiter is expected to answer. */
  WAITING_FOR_ARBITER,
  /** Market is expected to answer (the API knows it; the sandbox never moves a chat there). */
  WAITING_FOR_MARKET,
  /** Closed: the chat accepts no new messages. */
  FINISHED
}
