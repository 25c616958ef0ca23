package dev.ymchat.sandbox;

import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.wire.ErrorEnvelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into Market's error envelope: the sandbox's own {@link
 * SandboxException}s, Javalin's 404 and 405 (whose allowed methods come from Javalin's own route
 * table), and anything unexpected as a 500 that names no internals.
 */
final class ErrorMapping {

  /** Request attribute: an error envelope was already written, later handlers keep it. */
  static final String ATTR_ENVELOPED = "ymchat.enveloped";

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  private ErrorMapping() {}

  /**
   * Registers the exception and error handlers.
   *
   * @param routes the routes of the Javalin app being configured
   * @param closing whether the sandbox is stopping: a failure then is a 503, not a bug
   */
  static void install(RoutesConfig routes, BooleanSupplier closing) {
    routes.exception(
        SandboxException.class, (e, ctx) -> envelope(ctx, e.status(), e.code(), e.getMessage()));
    routes.exception(HttpResponseException.class, ErrorMapping::httpResponse);
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (closing.getAsBoolean()) {
            // Stopped under the request (its connection or database going away): not a bug of the
            // request, and a client can retry it against a running sandbox.
            LOG.debug("{} {} failed while stopping: {}", ctx.method(), ctx.path(), e.toString());
            envelope(ctx, 503, "SERVICE_UNAVAILABLE", ErrorEnvelope.SHUTTING_DOWN);
            return;
          }
          LOG.error("unexpected failure serving {} {}", ctx.method(), ctx.path(), e);
          envelope(
              ctx,
              500,
              "INTERNAL_ERROR",
              "The sandbox failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); this is a sandbox bug, please report it with the request that caused it");
        });
    routes.error(404, ErrorMapping::notFound);
  }

  private static void httpResponse(HttpResponseException e, Context ctx) {
    if (e instanceof MethodNotAllowedResponse) {
      wrongMethod(ctx, e);
    } else if (e.getStatus() == 404) {
      notFound(ctx);
    } else {
      boolean server = e.getStatus() >= 500;
      envelope(
          ctx,
          server ? 500 : e.getStatus(),
          server ? "INTERNAL_ERROR" : "BAD_REQUEST",
          "The request could not be handled ("
              + e.getMessage()
              + "); check the method, path and body");
    }
  }

  private static void wrongMethod(Context ctx, HttpResponseException e) {
    // Javalin lists the methods its routes take on this path (one detail, comma-separated).
    Set<String> allowed = new TreeSet<>();
    for (String value : e.getDetails().values()) {
      for (String method : value.split(",")) {
        if (!method.isBlank()) {
          allowed.add(method.trim());
        }
      }
    }
    ctx.header("Allow", String.join(", ", allowed));
    envelope(
        ctx,
        405,
        "METHOD_NOT_ALLOWED",
        "Method "
            + ctx.method().name()
            + " is not allowed on this path; use "
            + String.join(" or ", allowed));
  }

  private static void notFound(Context ctx) {
    if (ctx.attribute(ATTR_ENVELOPED) != null) {
      return;
    }
    envelope(
        ctx,
        404,
        "NOT_FOUND",
        "No API method at this path; the chat methods live under /v2/businesses/{businessId}/…"
            + " (or /businesses/{businessId}/…)");
  }

  /**
   * Writes an error envelope as the answer.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param code Market's error code
   * @param message what went wrong and what to do
   */
  static void envelope(Context ctx, int status, String code, String message) {
    ctx.attribute(ATTR_ENVELOPED, Boolean.TRUE);
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(ErrorEnvelope.bytes(code, message));
  }
}
