package dev.ymchat.client;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link ChatsQuery} and {@link HistoryQuery} share: the page size and the page token, and the
 * builder methods that set them (each query checks its own range of page sizes).
 */
abstract class PagedQuery {

  final Integer limit;
  final String pageToken;

  PagedQuery(Integer limit, String pageToken) {
    this.limit = limit;
    this.pageToken = pageToken;
  }

  /**
   * Returns the page size.
   *
   * @return the limit, or empty for the API's default (10 for getChats, 50 for getChatHistory)
   */
  public OptionalInt limit() {
    return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * Returns the page token.
   *
   * @return the token, or empty for the first page
   */
  public Optional<String> pageToken() {
    return Optional.ofNullable(pageToken);
  }

  /**
   * The paging part of a query's builder.
   *
   * @param <B> the builder itself, so that the setters chain
   */
  abstract static class PagingBuilder<B extends PagingBuilder<B>> {
    private final int minLimit;
    private final int maxLimit;
    Integer limit;
    String pageToken;

    PagingBuilder(int minLimit, int maxLimit) {
      this.minLimit = minLimit;
      this.maxLimit = maxLimit;
    }

    /**
     * Sets the page size.
     *
     * @param limit from the query's {@code MIN_LIMIT} to its {@code MAX_LIMIT}: 1 to 20 for
     *     getChats, 1 to 100 for getChatHistory
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public B limit(int limit) {
      this.limit = Validation.range("limit", limit, minLimit, maxLimit);
      return self();
    }

    /**
     * Sets the page token of a page to continue from.
     *
     * @param pageToken the {@code nextPageToken} of an earlier page, or {@code null} for the first
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public B pageToken(String pageToken) {
      this.pageToken = Validation.token(pageToken);
      return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }
}
