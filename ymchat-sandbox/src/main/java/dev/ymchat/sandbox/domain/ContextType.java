package dev.ymchat.sandbox.domain;

/** What a chat is about. */
public enum ContextType {
  /** An order. */
  ORDER,
  /** A return of an order. */
  RETURN,
  /** Nothing in particular: a buyer wrote to the shop first. */
  DIRECT
}
