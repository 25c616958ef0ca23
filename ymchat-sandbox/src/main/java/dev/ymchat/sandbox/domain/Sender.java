package dev.ymchat.sandbox.domain;

/**
 * Who wrote a message. The sandbox has its own closed enum rather than the client's {@code
 * MessageSender}: that one is an open enum that keeps values it does not know, while the sandbox
 * only ever stores these four and switches over them exhaustively.
 */
public enum Sender {
  /** The seller. */
  PARTNER,
  /** The buyer. */
  CUSTOMER,
  /** Market's automatic notices. */
  MARKET,
  /** Market's support, the arbiter in disputes. */
  SUPPORT
}
