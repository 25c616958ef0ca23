package dev.ymchat.sandbox.store;

import org.jdbi.v3.core.Handle;

/**
 * The sandbox's id counters, one row each in {@code id_counter}; ids are handed out inside the
 * write transaction, so they grow in commit order.
 */
public enum IdCounter {
  /** Chats. */
  CHAT("chat"),
  /** Messages. */
  MESSAGE("message"),
  /** Orders. */
  ORDER("order"),
  /** Returns. */
  RETURN("return"),
  /** Buyers. */
  BUYER("buyer"),
  /** Stored files. */
  FILE("file"),
  /** Campaigns (shops). */
  CAMPAIGN("campaign"),
  /** Businesses. */
  BUSINESS("business");

  private final String row;

  IdCounter(String row) {
    this.row = row;
  }

  long allocate(Handle handle, int count) {
    long first =
        handle
            .createQuery("SELECT next_value FROM id_counter WHERE name = :name")
            .bind("name", row)
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> new IllegalStateException("no id counter " + row));
    handle
        .createUpdate("UPDATE id_counter SET next_value = :next WHERE name = :name")
        .bind("next", first + count)
        .bind("name", row)
        .execute();
    return first;
  }
}
