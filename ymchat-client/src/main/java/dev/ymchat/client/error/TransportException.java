package dev.ymchat.client.error;

import java.util.List;
import java.util.Map;

/**
 * Thrown when the request failed on the network: no HTTP answer was received. {@link #outcome()}
 * tells whether the server may have processed it.
 */
public class TransportException extends YmChatException {

  private static final long serialVersionUID = 1L;

  /** Whether the request may have reached the server. */
  public enum Outcome {
    /** The connection was never made: the server surely did not receive the request. */
    NOT_SENT,
    /**
     * The request may have been received and processed (the connection broke or timed out after
     * sending began); check before repeating a send.
     */
    UNKNOWN
  }

  private final Outcome outcome;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do, without secrets
   * @param outcome whether the request may have reached the server
   * @param cause the I/O failure
   */
  public TransportException(String message, Outcome outcome, Throwable cause) {
    super(message, 0, List.of(), Map.of(), null, null, cause);
    this.outcome = outcome;
  }

  /**
   * Tells whether the request may have reached the server.
   *
   * @return {@code NOT_SENT} when it surely did not, else {@code UNKNOWN}
   */
  public Outcome outcome() {
    return outcome;
  }
}
