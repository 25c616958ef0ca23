package dev.ymchat.client;

import dev.ymchat.client.internal.wire.GetChatsRequest;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The filters and paging of a getChats call; every filter is optional but never empty. */
public final class ChatsQuery extends PagedQuery {

  /** The smallest page size getChats accepts. */
  public static final int MIN_LIMIT = 1;

  /** The largest page size getChats accepts. */
  public static final int MAX_LIMIT = 20;

  private final GetChatsRequest filters;

  private ChatsQuery(GetChatsRequest filters, Integer limit, String pageToken) {
    super(limit, pageToken);
    this.filters = filters;
  }

  /**
   * Returns the query without filters: every chat, the API's default page size.
   *
   * @return the query
   */
  public static ChatsQuery all() {
    return new ChatsQuery(GetChatsRequest.ALL, null, null);
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
   * Returns the filters as the request body carries them.
   *
   * @return the filters
   */
  GetChatsRequest filters() {
    return filters;
  }

  /**
   * Returns this query for another page.
   *
   * @param token the page token
   * @return the query with the same filters and limit
   */
  ChatsQuery withPageToken(String token) {
    return new ChatsQuery(filters, limit, token);
  }

  @Override
  public String toString() {
    return "ChatsQuery{" + filters + ", limit=" + limit + ", pageToken=" + pageToken + "}";
  }

  /** Builds a {@link ChatsQuery}. */
  public static final class Builder extends PagingBuilder<Builder> {
    private List<Long> orderIds;
    private List<ChatContext> contexts;
    private List<ChatContextType> contextTypes;
    private List<ChatType> types;
    private List<ChatStatus> statuses;

    private Builder() {
      super(MIN_LIMIT, MAX_LIMIT);
    }

    /**
     * Keeps chats with one of these statuses.
     *
     * @param statuses one or more statuses
     * @return this builder
     * @throws IllegalArgumentException when empty or containing {@code null}
     */
    public Builder statuses(ChatStatus... statuses) {
      this.statuses = nonEmpty("statuses", statuses);
      return this;
    }

    /**
     * Keeps chats of one of these types.
     *
     * @param types one or more types
     * @return this builder
     * @throws IllegalArgumentException when empty or containing {@code null}
     */
    public Builder types(ChatType... types) {
      this.types = nonEmpty("types", types);
      return this;
    }

    /**
     * Keeps chats about one of these kinds of context.
     *
     * @param contextTypes one or more context types
     * @return this builder
     * @throws IllegalArgumentException when empty or containing {@code null}
     */
    public Builder contextTypes(ChatContextType... contextTypes) {
      this.contextTypes = nonEmpty("contextTypes", contextTypes);
      return this;
    }

    /**
     * Keeps chats about these orders or returns.
     *
     * @param contexts one or more contexts of type {@code ORDER} or {@code RETURN}, ids at least 1
     * @return this builder
     * @throws IllegalArgumentException when empty, containing {@code null}, another type (such as
     *     {@code DIRECT}: filter those by {@link #contextTypes}) or an id below 1
     */
    public Builder contexts(ChatContext... contexts) {
      List<ChatContext> list = nonEmpty("contexts", contexts);
      for (ChatContext c : list) {
        Validation.requestContext("contexts[]", c);
      }
      this.contexts = list;
      return this;
    }

    /**
     * Keeps chats about these orders (deprecated by the API; prefer {@link #contexts}).
     *
     * @param orderIds one or more order ids, at least 1
     * @return this builder
     * @throws IllegalArgumentException when empty or an id is below 1
     */
    public Builder orderIds(long... orderIds) {
      if (orderIds == null || orderIds.length == 0) {
        throw new IllegalArgumentException(
            "orderIds must hold at least one id when given; leave the filter out to match all");
      }
      List<Long> list = new ArrayList<>();
      for (long id : orderIds) {
        list.add(Validation.id("orderIds[]", id));
      }
      this.orderIds = list;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public ChatsQuery build() {
      return new ChatsQuery(
          new GetChatsRequest(orderIds, contexts, contextTypes, types, statuses), limit, pageToken);
    }

    private static <T> List<T> nonEmpty(String name, T[] values) {
      if (values == null || values.length == 0) {
        throw new IllegalArgumentException(
            name + " must hold at least one value when given; leave the filter out to match all");
      }
      if (Arrays.stream(values).anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException(
            name + " must not contain null, got " + Arrays.toString(values));
      }
      return List.of(values);
    }
  }
}
