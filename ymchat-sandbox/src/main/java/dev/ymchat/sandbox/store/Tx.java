package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** An open write transaction: its handle, id allocation and the events to fire after commit. */
public final class Tx {

  private final Handle handle;
  private final List<Consumer<ChatEventListener>> events = new ArrayList<>();

  Tx(Handle handle) {
    this.handle = handle;
  }

  /**
   * The transaction's handle.
   *
   * @return the handle, inside the transaction
   */
  public Handle handle() {
    return handle;
  }

  /**
   * Reserves a block of ids from a named counter.
   *
   * @param counter the counter
   * @param count how many ids
   * @return the first id of the block
   */
  public long allocate(IdCounter counter, int count) {
    return counter.allocate(handle, count);
  }

  /**
   * Queues an event to fire once the transaction has committed.
   *
   * @param event the call to make on the listener
   */
  public void afterCommit(Consumer<ChatEventListener> event) {
    events.add(event);
  }

  List<Consumer<ChatEventListener>> events() {
    return List.copyOf(events);
  }
}
