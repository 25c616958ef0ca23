package dev.ymchat.client;

import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** One page of getChatHistory: messages oldest first, and what the chat is about. */
public final class HistoryPage implements Page<ChatMessage> {

  private final List<ChatMessage> items;
  private final String nextPageToken;
  private final ChatFullContext context;
  private final Long orderId;
  private final Function<String, HistoryPage> fetch;

  HistoryPage(
      List<ChatMessage> items,
      String nextPageToken,
      ChatFullContext context,
      Long orderId,
      Function<String, HistoryPage> fetch) {
    this.items = List.copyOf(items);
    this.nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
    this.context = context;
    this.orderId = orderId;
    this.fetch = fetch;
  }

  @Override
  public List<ChatMessage> items() {
    return items;
  }

  @Override
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  @Override
  public HistoryPage nextPage() {
    if (nextPageToken == null) {
      throw new NoSuchElementException(
          "this is the last page of the history; check hasNextPage() first");
    }
    return fetch.apply(nextPageToken);
  }

  /**
   * Returns what the chat is about.
   *
   * @return the context, or {@code null} from servers of the seed era
   */
  public ChatFullContext context() {
    return context;
  }

  /**
   * Returns the order id of the chat (deprecated by the API; use {@link #context()}).
   *
   * @return the order id, or empty
   */
  public OptionalLong orderId() {
    return orderId == null ? OptionalLong.empty() : OptionalLong.of(orderId);
  }

  @Override
  public String toString() {
    return "HistoryPage{" + items.size() + " messages, nextPageToken=" + nextPageToken + "}";
  }
}
