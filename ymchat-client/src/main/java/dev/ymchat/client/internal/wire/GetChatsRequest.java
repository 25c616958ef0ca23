package dev.ymchat.client.internal.wire;

import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import java.util.List;

/**
 * The filters of getChats; a {@code null} filter is absent, a present one is never empty.
 *
 * @param orderIds order ids (deprecated), or {@code null}
 * @param contexts contexts, or {@code null}
 * @param contextTypes context types, or {@code null}
 * @param types chat types, or {@code null}
 * @param statuses chat statuses, or {@code null}
 */
public record GetChatsRequest(
    List<Long> orderIds,
    List<ChatContext> contexts,
    List<ChatContextType> contextTypes,
    List<ChatType> types,
    List<ChatStatus> statuses) {

  /** No filters: every chat. */
  public static final GetChatsRequest ALL = new GetChatsRequest(null, null, null, null, null);

  /**
   * Copies the filters.
   *
   * @param orderIds order ids (deprecated), or {@code null}
   * @param contexts contexts, or {@code null}
   * @param contextTypes context types, or {@code null}
   * @param types chat types, or {@code null}
   * @param statuses chat statuses, or {@code null}
   */
  public GetChatsRequest {
    orderIds = copy(orderIds);
    contexts = copy(contexts);
    contextTypes = copy(contextTypes);
    types = copy(types);
    statuses = copy(statuses);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
