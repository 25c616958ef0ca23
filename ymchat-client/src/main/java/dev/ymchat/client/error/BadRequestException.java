package dev.ymchat.client.error;

/** Thrown when the request had bad data (HTTP 400). */
public class BadRequestException extends ApiException {

  private static final long serialVersionUID = 1L;

  BadRequestException(String message, Answer answer) {
    super(message, answer);
  }
}
