package dev.ymchat.sandbox.limits;

/** The chat operations of the Partner API with their documented hourly quotas. */
public enum ApiOperation {
  /** createChat. */
  CREATE_CHAT("createChat", 1000),
  /** getChats (5 000 per hour since 2026; the seed documented 10 000). */
  GET_CHATS("getChats", 5000),
  /** getChatHistory. */
  GET_CHAT_HISTORY("getChatHistory", 10000),
  /** sendMessageToChat. */
  SEND_MESSAGE("sendMessageToChat", 1000),
  /** sendFileToChat. */
  SEND_FILE("sendFileToChat", 1000),
  /** getChat. */
  GET_CHAT("getChat", 1000),
  /** getChatMessage. */
  GET_CHAT_MESSAGE("getChatMessage", 1000);

  private final String operationId;
  private final int defaultHourlyQuota;

  ApiOperation(String operationId, int defaultHourlyQuota) {
    this.operationId = operationId;
    this.defaultHourlyQuota = defaultHourlyQuota;
  }

  /**
   * The operationId of the OpenAPI description.
   *
   * @return such as {@code getChatHistory}
   */
  public String operationId() {
    return operationId;
  }

  /**
   * Market's documented quota per business and hour.
   *
   * @return requests per hour
   */
  public int defaultHourlyQuota() {
    return defaultHourlyQuota;
  }

  /**
   * Whether the operation changes data (refused to read-only credentials).
   *
   * @return true for createChat, sendMessageToChat and sendFileToChat
   */
  public boolean writes() {
    return this == CREATE_CHAT || this == SEND_MESSAGE || this == SEND_FILE;
  }
}
