package dev.ymchat.client.error;

/**
 * Thrown when the credentials are wrong or have no access to the business or operation (HTTP 403).
 */
public class ForbiddenException extends ApiException {

  private static final long serialVersionUID = 1L;

  ForbiddenException(String message, Answer answer) {
    super(message, answer);
  }
}
