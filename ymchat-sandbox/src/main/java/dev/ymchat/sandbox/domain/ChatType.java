package dev.ymchat.sandbox.domain;

/** Whether a chat is an ordinary conversation or a dispute Market's arbiter takes part in. */
public enum ChatType {
  /** An ordinary conversation. */
  CHAT,
  /** A dispute (arbitrage). */
  ARBITRAGE
}
