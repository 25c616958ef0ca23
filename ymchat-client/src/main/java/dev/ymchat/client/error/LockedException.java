package dev.ymchat.client.error;

/** Thrown when the method cannot be applied to the resource now (HTTP 423). */
public class LockedException extends ApiException {

  private static final long serialVersionUID = 1L;

  LockedException(String message, Answer answer) {
    super(message, answer);
  }
}
