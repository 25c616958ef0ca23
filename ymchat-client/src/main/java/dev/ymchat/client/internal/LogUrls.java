package dev.ymchat.client.internal;

import dev.ymchat.client.model.MessagePayload;
import java.net.URI;

/**
 * Writes a URL for a log line or a message without its secret, by the rule of {@link
 * MessagePayload#maskUrl} (the model needs the same rule for its {@code toString}, and the model
 * does not import the transport).
 */
public final class LogUrls {

  private LogUrls() {}

  /**
   * Masks a URL.
   *
   * @param uri the URL, may be {@code null}
   * @return such as {@code https://storage.example:443/files/***}{@code /***?***}
   */
  public static String mask(URI uri) {
    return uri == null ? "null" : MessagePayload.maskUrl(uri.toString());
  }

  /**
   * Masks a URL given as text, see {@link #mask(URI)}.
   *
   * @param url the URL
   * @return the masked URL, or {@code ***} when it is not a valid URI
   */
  public static String mask(String url) {
    return MessagePayload.maskUrl(url);
  }
}
