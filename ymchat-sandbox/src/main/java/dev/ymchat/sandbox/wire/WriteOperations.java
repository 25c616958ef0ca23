package dev.ymchat.sandbox.wire;

import dev.ymchat.client.ApiOperation;
import java.util.Set;

/** Which operations change chats, so that a read-only key may not call them. */
public final class WriteOperations {

  private static final Set<ApiOperation> WRITES =
      Set.of(ApiOperation.CREATE_CHAT, ApiOperation.SEND_MESSAGE, ApiOperation.SEND_FILE);

  private WriteOperations() {}

  /**
   * Tells whether an operation changes chats.
   *
   * @param operation the operation
   * @return true for createChat, sendMessageToChat and sendFileToChat
   */
  public static boolean contains(ApiOperation operation) {
    return WRITES.contains(operation);
  }
}
