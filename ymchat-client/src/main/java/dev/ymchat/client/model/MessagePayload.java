package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ymchat.client.internal.LogUrls;

/**
 * A file attached to a message ({@code ChatMessagePayloadDTO}).
 *
 * @param name the file name
 * @param url where the file can be downloaded; it may carry a secret key, so {@link #toString()}
 *     masks it
 * @param size the size in bytes
 */
public record MessagePayload(String name, String url, @JsonProperty(required = true) long size) {

  /** Describes the file with its URL masked: the key in a file URL is a secret. */
  @Override
  public String toString() {
    return "MessagePayload[name=" + name + ", url=" + LogUrls.mask(url) + ", size=" + size + "]";
  }
}
