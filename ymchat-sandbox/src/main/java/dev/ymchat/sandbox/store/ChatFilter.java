package dev.ymchat.sandbox.store;

import java.util.Set;

/**
 * The filters of getChats; a null set means "no filter", an empty set is never passed.
 *
 * @param orderIds chats of these orders (ORDER and RETURN chats)
 * @param orderContexts ORDER contexts by order id
 * @param returnContexts RETURN contexts by return id
 * @param contextTypes chats with these context types
 * @param types chats with these types
 * @param statuses chats with these statuses
 */
public record ChatFilter(
    Set<Long> orderIds,
    Set<Long> orderContexts,
    Set<Long> returnContexts,
    Set<String> contextTypes,
    Set<String> types,
    Set<String> statuses) {

  /** No filtering at all. */
  public static final ChatFilter NONE = new ChatFilter(null, null, null, null, null, null);
}
