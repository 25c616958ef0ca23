package dev.ymchat.cli.command;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows every chat of a business incrementally: one getChats pass per poll, and a history read
 * only for the chats whose {@code updatedAt} changed, starting at the last message already seen.
 * Each new message reaches the sink exactly once.
 */
final class ChatWatcher {

  /** Receives each new message once. */
  @FunctionalInterface
  interface Sink {
    void message(Chat chat, ChatMessage message);
  }

  private static final int CHATS_PER_PAGE = 20;
  private static final int MESSAGES_PER_PAGE = 100;

  /** What is known of a chat between polls. */
  private static final class Seen {
    OffsetDateTime updatedAt;

    /** The last message printed or known; {@code null} until the history was first read. */
    Long lastMessageId;

    /** For a chat never read: messages created after this are new. */
    OffsetDateTime baseline;
  }

  private final ChatsClient client;
  private final long businessId;
  private final boolean sinceStart;
  private final Sink sink;
  private final Map<Long, Seen> seen = new HashMap<>();
  private boolean baselineDone;
  private int historyReads;
  private int lastPollChatsRequests;
  private int lastPollHistoryRequests;

  ChatWatcher(ChatsClient client, long businessId, boolean sinceStart, Sink sink) {
    this.client = client;
    this.businessId = businessId;
    this.sinceStart = sinceStart;
    this.sink = sink;
  }

  /** How many history requests were made (tests check that unchanged chats cost nothing). */
  int historyReads() {
    return historyReads;
  }

  /** How many getChats requests the last poll made. */
  int lastPollChatsRequests() {
    return lastPollChatsRequests;
  }

  /** How many getChatHistory requests the last poll made. */
  int lastPollHistoryRequests() {
    return lastPollHistoryRequests;
  }

  /**
   * Runs one poll: the first establishes the baseline (printing everything only with since-start).
   */
  void poll() {
    lastPollChatsRequests = 0;
    lastPollHistoryRequests = 0;
    boolean first = !baselineDone;
    ChatsPage page = client.chats(businessId, ChatsQuery.builder().limit(CHATS_PER_PAGE).build());
    lastPollChatsRequests++;
    while (true) {
      for (Chat chat : page.items()) {
        onChat(chat, first);
      }
      if (!page.hasNextPage()) {
        break;
      }
      page = page.nextPage();
      lastPollChatsRequests++;
    }
    baselineDone = true;
  }

  private void onChat(Chat chat, boolean first) {
    Seen known = seen.get(chat.chatId());
    if (known == null) {
      known = new Seen();
      seen.put(chat.chatId(), known);
      if (first && !sinceStart) {
        // Old messages are not news: remember where the chat stands and read it only when it
        // changes.
        known.baseline = chat.updatedAt();
        known.updatedAt = chat.updatedAt();
        return;
      }
      // With since-start, or a chat that appeared after the first poll: everything in it is new.
      readNew(chat, known);
    } else if (!sameInstant(known.updatedAt, chat.updatedAt())) {
      readNew(chat, known);
    }
  }

  private void readNew(Chat chat, Seen known) {
    HistoryQuery.Builder query = HistoryQuery.builder().limit(MESSAGES_PER_PAGE);
    Long from = known.lastMessageId;
    if (from != null) {
      query.messageIdFrom(from);
    }
    historyReads++;
    HistoryPage page = client.history(businessId, chat.chatId(), query.build());
    lastPollHistoryRequests++;
    while (true) {
      for (ChatMessage message : page.items()) {
        if (from != null && message.messageId() == from) {
          continue; // the echo of the last message seen
        }
        boolean isNew =
            known.baseline == null
                || message.createdAt() == null
                || message.createdAt().isAfter(known.baseline);
        if (isNew) {
          sink.message(chat, message);
        }
        known.lastMessageId = message.messageId();
      }
      if (!page.hasNextPage()) {
        break;
      }
      page = page.nextPage();
      lastPollHistoryRequests++;
    }
    known.updatedAt = chat.updatedAt();
    if (known.lastMessageId != null) {
      known.baseline = null;
    }
  }

  private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.toInstant().equals(b.toInstant());
  }
}
