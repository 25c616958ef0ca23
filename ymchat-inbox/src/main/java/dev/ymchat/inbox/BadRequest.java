package dev.ymchat.inbox;

/** A request the inbox refuses, with a message for the operator (shown as a 4xx page). */
final class BadRequest extends RuntimeException {

  private final int status;

  BadRequest(String message) {
    this(400, message);
  }

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
