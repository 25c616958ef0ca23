package dev.ymchat.cli;

/** A failure the CLI itself detects, with the line to print and the exit code to return. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the failure.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong and what to do, one line
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates the failure with a cause.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong and what to do, one line
   * @param cause the underlying failure
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * The exit code.
   *
   * @return one of {@link ExitCodes}
   */
  public int exitCode() {
    return exitCode;
  }
}
