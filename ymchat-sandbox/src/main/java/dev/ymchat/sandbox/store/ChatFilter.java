package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
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
    Set<ContextType> contextTypes,
    Set<ChatType> types,
    Set<ChatStatus> statuses) {

  /** No filtering at all. */
  public static final ChatFilter NONE = new ChatFilter(null, null, null, null, null, null);
}
