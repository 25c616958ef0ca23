package dev.ymchat.sync.events;

/** Receives the events of a running sync, in order, each once per listener (at least once). */
@FunctionalInterface
public interface SyncEventListener {

  /**
   * Called for each event after it committed, in order, on the sync's event thread.
   *
   * @param event the event
   */
  void onEvent(SyncEvent event);
}
