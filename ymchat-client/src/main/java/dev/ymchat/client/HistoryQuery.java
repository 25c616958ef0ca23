package dev.ymchat.client;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The start and paging of a getChatHistory call. */
public final class HistoryQuery {

  /** The smallest page size getChatHistory accepts. */
  public static final int MIN_LIMIT = 1;

  /** The largest page size getChatHistory accepts. */
  public static final int MAX_LIMIT = 100;

  private final Long messageIdFrom;
  private final Integer limit;
  private final String pageToken;

  private HistoryQuery(Long messageIdFrom, Integer limit, String pageToken) {
    this.messageIdFrom = messageIdFrom;
    this.limit = limit;
    this.pageToken = pageToken;
  }

  /**
   * Returns the query of the whole history with the API's default page size.
   *
   * @return the query
   */
  public static HistoryQuery all() {
    return new HistoryQuery(null, null, null);
  }

  /**
   * Starts building a query.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the id of the first message to return.
   *
   * @return the id, or empty for the whole history
   */
  public OptionalLong messageIdFrom() {
    return messageIdFrom == null ? OptionalLong.empty() : OptionalLong.of(messageIdFrom);
  }

  /**
   * Returns the page size.
   *
   * @return the limit, or empty for the API's default (50)
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
   * Returns this query for another page, keeping messageIdFrom and limit.
   *
   * @param token the page token
   * @return the new query
   */
  HistoryQuery withPageToken(String token) {
    return new HistoryQuery(messageIdFrom, limit, token);
  }

  @Override
  public String toString() {
    return "HistoryQuery{messageIdFrom="
        + messageIdFrom
        + ", limit="
        + limit
        + ", pageToken="
        + pageToken
        + "}";
  }

  /** Builds a {@link HistoryQuery}. */
  public static final class Builder {
    private Long messageIdFrom;
    private Integer limit;
    private String pageToken;

    private Builder() {}

    /**
     * Returns that message and all later ones.
     *
     * @param messageIdFrom a message id, at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder messageIdFrom(long messageIdFrom) {
      this.messageIdFrom = Validation.id("messageIdFrom", messageIdFrom);
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param limit 1 to 100
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder limit(int limit) {
      this.limit = Validation.range("limit", limit, MIN_LIMIT, MAX_LIMIT);
      return this;
    }

    /**
     * Sets the page token of a page to continue from.
     *
     * @param pageToken the {@code nextPageToken} of an earlier page, or {@code null} for the first
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder pageToken(String pageToken) {
      this.pageToken = Validation.token(pageToken);
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public HistoryQuery build() {
      return new HistoryQuery(messageIdFrom, limit, pageToken);
    }
  }
}
