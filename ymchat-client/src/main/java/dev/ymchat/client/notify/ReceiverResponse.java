package dev.ymchat.client.notify;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The answer to give Market for one notification: the HTTP status and the JSON body.
 *
 * @param status 200, 400 or 500
 * @param body the JSON body, never {@code null}
 */
public record ReceiverResponse(int status, String body) {

  /** The content type of every body. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  /**
   * Checks the body.
   *
   * @param status the HTTP status
   * @param body the JSON body
   * @throws NullPointerException if {@code body} is {@code null}
   */
  public ReceiverResponse {
    Objects.requireNonNull(body, "body");
  }

  /**
   * Returns the value for the {@code Content-Type} header.
   *
   * @return {@value #CONTENT_TYPE}
   */
  public String contentType() {
    return CONTENT_TYPE;
  }

  /**
   * Returns the body encoded as UTF-8, ready to write to the HTTP response.
   *
   * @return the body bytes
   */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
