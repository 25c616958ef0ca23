package dev.ymchat.sandbox.domain;

/**
 * A failure the sandbox reports to its caller as an API error: an HTTP status, an error code and a
 * message that says what went wrong and what to do.
 */
public final class SandboxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * Creates an error.
   *
   * @param status the HTTP status the API answers with
   * @param code the error code of the API envelope, such as {@code NOT_FOUND}
   * @param message a message for a person, naming the field or resource at fault
   */
  public SandboxException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /**
   * The HTTP status.
   *
   * @return the HTTP status the API answers with
   */
  public int status() {
    return status;
  }

  /**
   * The error code of the envelope.
   *
   * @return the code, such as {@code BAD_REQUEST}
   */
  public String code() {
    return code;
  }

  /**
   * A 400 for bad input.
   *
   * @param message what is wrong and how to fix it
   * @return the exception
   */
  public static SandboxException badRequest(String message) {
    return new SandboxException(400, "BAD_REQUEST", message);
  }

  /**
   * A 404 for a missing resource.
   *
   * @param message which resource is missing
   * @return the exception
   */
  public static SandboxException notFound(String message) {
    return new SandboxException(404, "NOT_FOUND", message);
  }

  /**
   * The API's error for a change the chat rules refuse: 404 for a missing chat, order or return,
   * 400 for a request the rules never allow, 423 with the rule's name for a chat in the wrong
   * state.
   *
   * @param e the refusal
   * @return the exception
   */
  public static SandboxException of(ChatRuleException e) {
    return switch (e.violation()) {
      case NOT_FOUND -> notFound(e.getMessage());
      case NOT_ALLOWED -> badRequest(e.getMessage());
      case CHAT_FINISHED, DISPUTE_ALREADY_OPEN, NO_OPEN_DISPUTE ->
          new SandboxException(423, e.violation().name(), e.getMessage());
    };
  }
}
