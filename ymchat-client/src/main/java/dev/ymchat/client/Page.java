package dev.ymchat.client;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, with a way to the next one.
 *
 * @param <T> the type of the items
 */
public interface Page<T> {

  /**
   * Returns the items of this page.
   *
   * @return the items, never {@code null}
   */
  List<T> items();

  /**
   * Returns the token of the next page.
   *
   * @return the token, or empty on the last page
   */
  Optional<String> nextPageToken();

  /**
   * Tells whether there is a next page.
   *
   * @return {@code true} when {@link #nextPageToken()} is present
   */
  default boolean hasNextPage() {
    return nextPageToken().isPresent();
  }

  /**
   * Fetches the next page with the same query.
   *
   * @return the next page
   * @throws java.util.NoSuchElementException on the last page
   * @throws dev.ymchat.client.error.YmChatException when the request fails
   */
  Page<T> nextPage();

  /**
   * Returns a lazy iteration over the items of this page and all later ones; a next page is fetched
   * only when the iteration reaches it.
   *
   * @return the auto-pager
   */
  default AutoPager<T> autoPager() {
    return new AutoPager<>(this);
  }
}
