package dev.ymchat.sandbox.stats;

/** How an API call the sandbox received ended, as {@link CallStats} counts it. */
public enum CallOutcome {
  /** Answered 2xx. */
  SUCCESS("2xx"),
  /** Answered 4xx other than 420: refused input, credentials, a missing chat. */
  CLIENT_ERROR("4xx"),
  /** Answered 420: the hourly quota or the parallel cap. */
  RATE_LIMITED("420"),
  /** Answered 5xx by the sandbox itself (503 while shutting down, for instance). */
  SERVER_ERROR("5xx"),
  /** Given an injected fault (500, 503, 420, a dropped connection) instead of its real answer. */
  FAULT("fault");

  private final String label;

  CallOutcome(String label) {
    this.label = label;
  }

  /**
   * The name of the outcome in {@code GET /sandbox/stats}.
   *
   * @return {@code 2xx}, {@code 4xx}, {@code 420}, {@code 5xx} or {@code fault}
   */
  public String label() {
    return label;
  }

  /**
   * The outcome of an answer that was not an injected fault.
   *
   * @param status the HTTP status sent
   * @return the outcome
   */
  public static CallOutcome of(int status) {
    if (status == 420) {
      return RATE_LIMITED;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return status >= 400 ? CLIENT_ERROR : SUCCESS;
  }
}
