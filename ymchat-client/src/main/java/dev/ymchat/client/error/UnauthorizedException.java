package dev.ymchat.client.error;

/** Thrown when the request carried no valid credentials (HTTP 401). */
public class UnauthorizedException extends ApiException {

  private static final long serialVersionUID = 1L;

  UnauthorizedException(String message, Answer answer) {
    super(message, answer);
  }
}
