package dev.ymchat.sandbox.faults;

/** What an injected fault does to one API request. */
public enum FaultKind {
  /** The request reaches the real handler (latency may still have been added). */
  NONE,
  /** HTTP 500 with the error code {@code INTERNAL_ERROR}. */
  ERROR_500,
  /** HTTP 503 with the error code {@code SERVICE_UNAVAILABLE}. */
  ERROR_503,
  /** HTTP 420 with the error code {@code LIMIT_EXCEEDED} and the rate-limit headers. */
  RATE_LIMIT,
  /** The connection is closed without any HTTP answer, before the handler runs. */
  DROP,
  /**
   * The handler runs (the request takes effect), then the connection is closed before the answer is
   * written.
   */
  DROP_AFTER
}
