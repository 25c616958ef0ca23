package dev.ymchat.sandbox.faults;

/**
 * How many decisions a {@link FaultInjector} has made, per kind of fault.
 *
 * @param decisions all decisions made
 * @param delayed decisions that added a latency above zero
 * @param error500 decisions to answer 500
 * @param error503 decisions to answer 503
 * @param rateLimited decisions to answer 420 (bursts included)
 * @param dropped decisions to drop the connection before the handler runs
 * @param droppedAfter decisions to drop the connection after the handler ran
 */
public record FaultStats(
    long decisions,
    long delayed,
    long error500,
    long error503,
    long rateLimited,
    long dropped,
    long droppedAfter) {

  /**
   * Creates statistics without drop-afters (the form before {@code droppedAfter} existed).
   *
   * @param decisions all decisions made
   * @param delayed decisions that added a latency above zero
   * @param error500 decisions to answer 500
   * @param error503 decisions to answer 503
   * @param rateLimited decisions to answer 420
   * @param dropped decisions to drop the connection before the handler runs
   */
  public FaultStats(
      long decisions, long delayed, long error500, long error503, long rateLimited, long dropped) {
    this(decisions, delayed, error500, error503, rateLimited, dropped, 0);
  }

  /**
   * Counts the decisions that replaced the real answer.
   *
   * @return the sum of 500s, 503s, 420s, drops and drop-afters
   */
  public long faulted() {
    return error500 + error503 + rateLimited + dropped + droppedAfter;
  }
}
