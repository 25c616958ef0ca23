package dev.ymchat.client.error;

/** Thrown when the business, chat, message or order does not exist (HTTP 404). */
public class NotFoundException extends ApiException {

  private static final long serialVersionUID = 1L;

  NotFoundException(String message, Answer answer) {
    super(message, answer);
  }
}
