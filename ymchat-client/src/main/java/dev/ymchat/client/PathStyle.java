package dev.ymchat.client;

/** Which path family the client calls. */
public enum PathStyle {
  /** The current paths, {@code /v2/businesses/…}; the page token travels as {@code pageToken}. */
  V2,
  /**
   * The seed-era paths, {@code /businesses/…}; the page token travels as {@code page_token}.
   * getChat and getChatMessage exist only under {@code /v2} and use it in either style; createChat
   * for an order sends the seed's body {@code {"orderId":…}} (a return context is sent as is).
   */
  LEGACY
}
