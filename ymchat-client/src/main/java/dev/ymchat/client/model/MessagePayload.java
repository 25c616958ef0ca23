package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file attached to a message ({@code ChatMessagePayloadDTO}).
 *
 * @param name the file name
 * @param url where the file can be downloaded; it may carry a secret key, so {@link #toString()}
 *     masks it
 * @param size the size in bytes
 */
public record MessagePayload(String name, String url, @JsonProperty(required = true) long size) {

  /**
   * Writes a file URL as a log line may show it: the key of a sandbox file URL masked ({@code
   * /sandbox/files/***}{@code /name}), and of any other URL every path segment that is not a plain
   * lower-case word and the whole query string ({@code /storage/***}{@code /***?***}).
   *
   * @param url the URL, may be {@code null}
   * @return the masked URL, or {@code ***} when it is not a valid URI
   */
  public static String maskUrl(String url) {
    return FileUrls.mask(url);
  }

  /** Describes the file with its URL masked: the key in a file URL is a secret. */
  @Override
  public String toString() {
    return "MessagePayload[name=" + name + ", url=" + maskUrl(url) + ", size=" + size + "]";
  }
}
