package dev.ymchat.client;

import java.util.OptionalLong;

/** The start and paging of a getChatHistory call. */
public final class HistoryQuery extends PagedQuery {

  /** The smallest page size getChatHistory accepts. */
  public static final int MIN_LIMIT = 1;

  /** The largest page size getChatHistory accepts. */
  public static final int MAX_LIMIT = 100;

  private final Long messageIdFrom;

  private HistoryQuery(Long messageIdFrom, Integer limit, String pageToken) {
    super(limit, pageToken);
    this.messageIdFrom = messageIdFrom;
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
  public static final class Builder extends PagingBuilder<Builder> {
    private Long messageIdFrom;

    private Builder() {
      super(MIN_LIMIT, MAX_LIMIT);
    }

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
     * Builds the query.
     *
     * @return the query
     */
    public HistoryQuery build() {
      return new HistoryQuery(messageIdFrom, limit, pageToken);
    }
  }
}
