package dev.ymchat.cli;

import java.util.Objects;

/**
 * A failure with advice that only the command knows, such as how to resume an interrupted export:
 * reported as the cause's one line followed by the hint, with the cause's exit code.
 */
public final class HintedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  /**
   * Wraps a failure.
   *
   * @param cause what failed
   * @param hint what to do, appended to the cause's line
   */
  public HintedFailure(Throwable cause, String hint) {
    super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
    this.hint = Objects.requireNonNull(hint, "hint");
  }

  /**
   * The advice.
   *
   * @return the hint, one sentence
   */
  public String hint() {
    return hint;
  }
}
