package dev.ymchat.sandbox.wire;

import dev.ymchat.client.model.Chat;
import java.util.List;

/**
 * The result of getChats ({@code GetChatsInfoDTO}).
 *
 * @param chats the chats of this page, never {@code null}
 * @param paging the paging information, or {@code null} on the last page (then omitted)
 */
public record ChatsResult(List<Chat> chats, Paging paging) {

  /**
   * Copies the chats.
   *
   * @param chats the chats of this page
   * @param paging the paging information
   */
  public ChatsResult {
    chats = chats == null ? List.of() : List.copyOf(chats);
  }
}
