package dev.ymchat.sandbox.faults;

/**
 * How many decisions a {@link FaultInjector} has made, per kind of fault.
 *
 * @param decisions all decisions made
 * @param delayed decisions that added a latency above zero
 * @param error500 decisions to answer 500
 * @param error503 decisions to answer 503
 * @param rateLimited decisions to answer 420 (bursts included)
 * @param dropped decisions to drop the connection
 */
public record FaultStats(
    long decisions, long delayed, long error500, long error503, long rateLimited, long dropped) {

  /**
   * Counts the decisions that replaced the real answer.
   *
   * @return the sum of 500s, 503s, 420s and drops
   */
  public long faulted() {
    return error500 + error503 + rateLimited + dropped;
  }
}
