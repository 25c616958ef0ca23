package dev.ymchat.client;

import dev.ymchat.client.model.Chat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/** One page of getChats. */
public final class ChatsPage implements Page<Chat> {

  private final List<Chat> items;
  private final String nextPageToken;
  private final Function<String, ChatsPage> fetch;

  ChatsPage(List<Chat> items, String nextPageToken, Function<String, ChatsPage> fetch) {
    this.items = List.copyOf(items);
    this.nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
    this.fetch = fetch;
  }

  @Override
  public List<Chat> items() {
    return items;
  }

  @Override
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  @Override
  public ChatsPage nextPage() {
    if (nextPageToken == null) {
      throw new NoSuchElementException("this is the last page of chats; check hasNextPage() first");
    }
    return fetch.apply(nextPageToken);
  }

  @Override
  public String toString() {
    return "ChatsPage{" + items.size() + " chats, nextPageToken=" + nextPageToken + "}";
  }
}
