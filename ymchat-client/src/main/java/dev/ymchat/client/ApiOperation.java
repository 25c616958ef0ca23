package dev.ymchat.client;

/** The operations of the chats API, as named by their {@code operationId}. */
public enum ApiOperation {
  /** createChat: opens (or returns the existing) chat for an order or return. */
  CREATE_CHAT("createChat", true),
  /** getChats: lists chats. */
  GET_CHATS("getChats", true),
  /** getChat: one chat by id. */
  GET_CHAT("getChat", true),
  /** getChatHistory: messages of a chat. */
  GET_CHAT_HISTORY("getChatHistory", true),
  /** getChatMessage: one message by id. */
  GET_CHAT_MESSAGE("getChatMessage", true),
  /** sendMessageToChat: sends a text; not idempotent. */
  SEND_MESSAGE("sendMessageToChat", false),
  /** sendFileToChat: sends a file; not idempotent. */
  SEND_FILE("sendFileToChat", false);

  private final String operationId;
  private final boolean retrySafe;

  ApiOperation(String operationId, boolean retrySafe) {
    this.operationId = operationId;
    this.retrySafe = retrySafe;
  }

  /**
   * Returns the API's name of the operation.
   *
   * @return the operationId, such as {@code getChats}
   */
  public String operationId() {
    return operationId;
  }

  /**
   * Tells whether repeating the operation after an ambiguous failure cannot do harm: reads, and
   * createChat (which returns the existing chat for a context).
   *
   * @return {@code true} for operations that may be repeated freely
   */
  public boolean isRetrySafe() {
    return retrySafe;
  }
}
