package dev.ymchat.client.error;

/** Thrown when the service failed or is overloaded (HTTP 5xx). */
public class ServerException extends ApiException {

  private static final long serialVersionUID = 1L;

  ServerException(String message, Answer answer) {
    super(message, answer);
  }
}
