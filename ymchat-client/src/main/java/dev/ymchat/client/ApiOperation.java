package dev.ymchat.client;

/**
 * The operations of the chats API, as named by their {@code operationId}, with Market's documented
 * hourly quota of each (quotas change without notice: the client's limiter and the sandbox let them
 * be overridden).
 */
public enum ApiOperation {
  /** createChat: opens (or returns the existing) chat for an order or return. */
  CREATE_CHAT("createChat", true, 1000),
  /** getChats: lists chats (5 000 per hour since 2026; the seed documented 10 000). */
  GET_CHATS("getChats", true, 5000),
  /** getChat: one chat by id. */
  GET_CHAT("getChat", true, 1000),
  /** getChatHistory: messages of a chat. */
  GET_CHAT_HISTORY("getChatHistory", true, 10000),
  /** getChatMessage: one message by id. */
  GET_CHAT_MESSAGE("getChatMessage", true, 1000),
  /** sendMessageToChat: sends a text; not idempotent. */
  SEND_MESSAGE("sendMessageToChat", false, 1000),
  /** sendFileToChat: sends a file; not idempotent. */
  SEND_FILE("sendFileToChat", false, 1000);

  private final String operationId;
  private final boolean retrySafe;
  private final int defaultHourlyQuota;

  ApiOperation(String operationId, boolean retrySafe, int defaultHourlyQuota) {
    this.operationId = operationId;
    this.retrySafe = retrySafe;
    this.defaultHourlyQuota = defaultHourlyQuota;
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

  /**
   * Market's documented hourly quota of this operation, per business.
   *
   * @return requests per hour
   */
  public int defaultHourlyQuota() {
    return defaultHourlyQuota;
  }
}
