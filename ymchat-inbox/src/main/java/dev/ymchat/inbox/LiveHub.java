package dev.ymchat.inbox;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pages' server-sent events: each subscriber gets "list" when a chat of its businesses
 * changes and "chat-BUSINESS-CHAT" when that conversation changes; a comment every 15 s keeps idle
 * connections open and finds the dead ones.
 *
 * <p>Each business has a version that moves with every change. A page carries the sum over its
 * operator's businesses from when it was drawn; a stream that connects with an older sum starts
 * with "resync", so a change between drawing and connecting, or while a stream was down, still
 * reaches the page.
 */
final class LiveHub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

  /** A connected page. */
  record Subscriber(SseClient client, String login, Set<Long> businesses) {}

  private final int maxSubscribers;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ymchat-inbox-sse-heartbeat");
            t.setDaemon(true);
            return t;
          });

  LiveHub(int maxSubscribers, long heartbeatMillis) {
    this.maxSubscribers = maxSubscribers;
    heartbeat.scheduleAtFixedRate(
        () -> broadcast(null, "heartbeat"),
        heartbeatMillis,
        heartbeatMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a page drawn at {@code drawnAt} (see {@link #version}); refused (closed at once) when the
   * hub is full.
   */
  boolean subscribe(SseClient client, String login, Set<Long> businesses, long drawnAt) {
    if (subscribers.size() >= maxSubscribers) {
      return false;
    }
    Subscriber s = new Subscriber(client, login, businesses);
    subscribers.add(s);
    client.onClose(() -> subscribers.remove(s));
    write(s, c -> c.sendComment("connected"));
    // compared after joining: a change from now on is sent anyway, one before is seen here
    if (version(businesses) != drawnAt) {
      send(s, "resync");
    }
    return true;
  }

  /** The sum of the businesses' versions: it moves whenever one of their chats changes. */
  long version(Set<Long> businesses) {
    long sum = 0;
    for (Long b : businesses) {
      AtomicLong v = versions.get(b);
      sum += v == null ? 0 : v.get();
    }
    return sum;
  }

  int size() {
    return subscribers.size();
  }

  /** Tells the pages of the chats' businesses what changed. */
  void changed(List<Projector.Change> changes) {
    for (Projector.Change c : changes) {
      // the version moves before the events go out (see subscribe)
      versions.computeIfAbsent(c.businessId(), b -> new AtomicLong()).incrementAndGet();
      String event = "chat-" + c.businessId() + "-" + c.chatId();
      for (Subscriber s : subscribers) {
        if (s.businesses().contains(c.businessId())) {
          send(s, event);
          if (c.row()) {
            send(s, "list");
          }
        }
      }
    }
  }

  /** Tells the pages of one business that its list changed (operators' actions). */
  void listChanged(long business, long chat) {
    changed(List.of(new Projector.Change(business, chat, true)));
  }

  private void broadcast(Long business, String comment) {
    for (Subscriber s : subscribers) {
      if (business == null || s.businesses().contains(business)) {
        write(s, c -> c.sendComment(comment));
      }
    }
  }

  private void send(Subscriber s, String event) {
    write(s, c -> c.sendEvent(event, "1"));
  }

  /** Writes to one stream (one writer at a time); a stream that went away is dropped. */
  private void write(Subscriber s, java.util.function.Consumer<SseClient> action) {
    SseClient client = s.client();
    synchronized (client) {
      if (client.terminated()) {
        subscribers.remove(s);
        return;
      }
      try {
        action.accept(client);
      } catch (RuntimeException e) {
        LOG.debug("a live page went away: {}", e.toString());
        subscribers.remove(s);
      }
      if (client.terminated()) {
        subscribers.remove(s);
      }
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    for (Subscriber s : subscribers) {
      try {
        s.client().close();
      } catch (RuntimeException e) {
        // closing anyway
      }
    }
    subscribers.clear();
  }
}
