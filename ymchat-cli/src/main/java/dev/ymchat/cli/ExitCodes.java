package dev.ymchat.cli;

/** The exit codes of {@code ymchat}, one per class of failure so scripts can react. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Any failure without a more specific code. */
  public static final int GENERIC = 1;

  /** Bad command line or missing configuration (picocli's own default for usage errors). */
  public static final int USAGE = 2;

  /** The API refused the credentials (401, 403). */
  public static final int AUTH = 3;

  /** No such business, chat, message or order (404). */
  public static final int NOT_FOUND = 4;

  /** A request limit was hit (420). */
  public static final int RATE_LIMITED = 5;

  /** The API failed (5xx) or answered something that is not its JSON. */
  public static final int SERVER = 6;

  /** The API could not be reached (I/O). */
  public static final int NETWORK = 7;

  /** The input was refused before or by the API (validation, 400). */
  public static final int INVALID_INPUT = 8;

  /**
   * Stopped by Ctrl-C: the shell's own code for a process ended by SIGINT (128 + 2), which {@code
   * watch} also returns when its wait is interrupted in-process.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
