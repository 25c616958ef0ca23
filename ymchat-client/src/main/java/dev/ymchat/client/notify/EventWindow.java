package dev.ymchat.client.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The bounded memory of processed events: a least-recently-used map from event key to the time the
 * event was processed, plus the events being processed right now.
 *
 * <p>A delivery first {@link #claim claims} its key. A key already processed within the time to
 * live is a duplicate. A key another thread is processing makes the caller wait for that outcome:
 * after a success the caller sees a duplicate, after a failure it gets the claim and processes the
 * event itself. So an event is processed once, and a failed attempt never hides a retry.
 */
final class EventWindow {

  /** The right to process one event; hand it back through {@link #succeeded} or {@link #failed}. */
  static final class Claim {
    private final String key;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Claim(String key) {
      this.key = key;
    }
  }

  private final int maxSize;
  private final Duration ttl;
  private final Clock clock;
  // guarded by this
  private final LinkedHashMap<String, Instant> processed = new LinkedHashMap<>(64, 0.75f, true);
  // guarded by this
  private final Map<String, Claim> inFlight = new HashMap<>();

  EventWindow(int maxSize, Duration ttl, Clock clock) {
    this.maxSize = maxSize;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Claims an event, waiting while another thread processes the same one.
   *
   * @return the claim, or {@code null} when the event was already processed
   * @throws InterruptedException if interrupted while waiting for another thread
   */
  Claim claim(String key) throws InterruptedException {
    while (true) {
      Claim other;
      synchronized (this) {
        if (wasProcessed(key)) {
          return null;
        }
        other = inFlight.get(key);
        if (other == null) {
          Claim mine = new Claim(key);
          inFlight.put(key, mine);
          return mine;
        }
      }
      try {
        other.done.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("claims complete normally", e);
      }
    }
  }

  /** Remembers the event as processed and releases the waiting duplicates. */
  void succeeded(Claim claim) {
    synchronized (this) {
      processed.put(claim.key, clock.instant());
      Iterator<String> eldest = processed.keySet().iterator();
      while (processed.size() > maxSize && eldest.hasNext()) {
        eldest.next();
        eldest.remove();
      }
      inFlight.remove(claim.key);
    }
    claim.done.complete(null);
  }

  /** Forgets the attempt so that the next delivery of the event is processed. */
  void failed(Claim claim) {
    synchronized (this) {
      inFlight.remove(claim.key);
    }
    claim.done.complete(null);
  }

  /** Returns how many processed events are remembered. */
  synchronized int size() {
    return processed.size();
  }

  private boolean wasProcessed(String key) {
    Instant at = processed.get(key);
    if (at == null) {
      return false;
    }
    if (clock.instant().isAfter(at.plus(ttl))) {
      processed.remove(key);
      return false;
    }
    return true;
  }

  /**
   * The key under which a notification's event is de-duplicated: type, business, chat and the
   * event's own id and time.
   *
   * @return the key, or {@code null} for notifications without one (pings, unknown types)
   */
  static String keyOf(Notification notification) {
    if (notification instanceof ChatCreatedNotification) {
      ChatCreatedNotification n = (ChatCreatedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.createdAt().toInstant());
    }
    if (notification instanceof ChatMessageSentNotification) {
      ChatMessageSentNotification n = (ChatMessageSentNotification) notification;
      // the event's own time is part of the key: a forged early copy of the message id with
      // another time must not make the genuine notification look like a repeat
      return key(
          n.notificationType(),
          n.businessId(),
          n.chatId(),
          n.messageId() + "/" + n.sentAt().toInstant());
    }
    if (notification instanceof ChatArbitrageStartedNotification) {
      ChatArbitrageStartedNotification n = (ChatArbitrageStartedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.startedAt().toInstant());
    }
    if (notification instanceof ChatArbitrageFinishedNotification) {
      ChatArbitrageFinishedNotification n = (ChatArbitrageFinishedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.finishedAt().toInstant());
    }
    return null;
  }

  private static String key(String type, long businessId, long chatId, Object event) {
    return type + '/' + businessId + '/' + chatId + '/' + event;
  }
}
