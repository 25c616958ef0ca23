package dev.ymchat.client.error;

/**
 * Thrown when a request limit was exceeded: the API answered 420 (an hourly quota or the cap of 4
 * parallel requests per business), or, as {@link ClientRateLimitException}, the client's own
 * limiter refused to send.
 */
public class RateLimitException extends ApiException {

  private static final long serialVersionUID = 1L;

  RateLimitException(String message, Answer answer) {
    super(message, answer);
  }
}
