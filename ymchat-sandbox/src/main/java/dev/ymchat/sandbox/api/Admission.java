package dev.ymchat.sandbox.api;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.limits.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Lets an authenticated request in: reads its body under the deadline (holding no parallel slot),
 * charges the business's hourly quota, then takes one of its parallel slots, which {@link
 * #release(Context)} gives back once the answer is known (refunding the quota on a server error).
 */
final class Admission {

  /** Request attribute: the body, read once before the request takes a parallel slot. */
  private static final String ATTR_BODY = "ymchat.body";

  /** Request attribute: the operation whose slot the request holds. */
  private static final String ATTR_SLOT = "ymchat.slot";

  private final RateLimiter limiter;
  private final BodyReader bodies;

  Admission(RateLimiter limiter, BodyReader bodies) {
    this.limiter = limiter;
    this.bodies = bodies;
  }

  /**
   * Reads the body, charges the quota and takes a slot, in that order.
   *
   * @throws SandboxException 420 over the quota or the parallel limit; the body's own error (408,
   *     413) after the quota is charged, as Market counts such calls too
   */
  void admit(Context ctx, long businessId, ApiOperation operation) {
    // The body first, before the request takes one of the business's parallel slots: a body that
    // is slow to arrive holds no slot, and one that never arrives ends at the read deadline.
    SandboxException bodyError = null;
    if (ctx.method() == HandlerType.POST) {
      try {
        ctx.attribute(ATTR_BODY, read(ctx, operation));
      } catch (SandboxException e) {
        if (e.status() >= 500) {
          throw e;
        }
        bodyError = e;
      }
    }
    String key = Long.toString(businessId);
    RateLimiter.QuotaDecision decision = limiter.acquireQuota(key, operation);
    ctx.header("X-RateLimit-Resource-Limit", Integer.toString(decision.limit()));
    ctx.header("X-RateLimit-Resource-Remaining", Integer.toString(decision.remaining()));
    ctx.header("X-RateLimit-Resource-Until", decision.untilHeader());
    if (!decision.allowed()) {
      throw new SandboxException(
          420,
          "LIMIT_EXCEEDED",
          "Hit rate limit of "
              + decision.limit()
              + " requests per hour for "
              + operation.operationId()
              + " of businessId "
              + businessId
              + "; wait until "
              + decision.untilHeader());
    }
    if (bodyError != null) {
      throw bodyError;
    }
    if (!limiter.tryAcquireSlot(key)) {
      throw new SandboxException(
          420,
          "LIMIT_EXCEEDED",
          "Hit rate limit of "
              + limiter.maxParallel()
              + " parallel requests for businessId "
              + businessId
              + "; wait for a running request to finish");
    }
    ctx.attribute(ATTR_SLOT, new Slot(key, operation));
  }

  /**
   * Gives back the request's slot, if it holds one, and refunds its quota when it ended in a server
   * error (after-handler: runs once the status is final, whatever was thrown).
   */
  void release(Context ctx) {
    Slot slot = ctx.attribute(ATTR_SLOT);
    if (slot == null) {
      return;
    }
    ctx.attribute(ATTR_SLOT, null);
    limiter.releaseSlot(slot.key());
    if (ctx.statusCode() >= 500) {
      limiter.refundQuota(slot.key(), slot.operation());
    }
  }

  /**
   * The body read by {@link #admit}.
   *
   * @return the bytes, empty for a GET
   */
  static byte[] body(Context ctx) {
    byte[] body = ctx.attribute(ATTR_BODY);
    return body == null ? new byte[0] : body;
  }

  private byte[] read(Context ctx, ApiOperation operation) {
    return operation == ApiOperation.SEND_FILE
        ? bodies.read(ctx, Http.MAX_MULTIPART_BODY, "a file may be at most 5 MB")
        : bodies.read(ctx, Http.MAX_JSON_BODY, "the API accepts at most 512 KB");
  }

  private record Slot(String key, ApiOperation operation) {}
}
