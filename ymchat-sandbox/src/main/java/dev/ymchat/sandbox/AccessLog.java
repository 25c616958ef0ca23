package dev.ymchat.sandbox;

import dev.ymchat.sandbox.api.ChatsApi;
import io.javalin.http.Context;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request: method, path, status, time, business and operation; never a secret. */
final class AccessLog {

  private static final Logger ACCESS = LoggerFactory.getLogger("dev.ymchat.sandbox.access");

  private AccessLog() {}

  /**
   * Logs a finished request.
   *
   * @param ctx the request
   * @param millis how long it took
   */
  static void log(Context ctx, Float millis) {
    // Never the Api-Key or Authorization values: only what identifies the call.
    Object business = ctx.attribute(ChatsApi.ATTR_BUSINESS);
    Object operation = ctx.attribute(ChatsApi.ATTR_OPERATION);
    ACCESS.info(
        "method={} path={} status={} durationMs={} businessId={} operation={}",
        ctx.method().name(),
        sanitize(ctx.path()),
        ctx.statusCode(),
        String.format(Locale.ROOT, "%.1f", millis),
        business == null ? "-" : business,
        operation == null ? "-" : operation);
  }

  private static String sanitize(String path) {
    // Download keys are the secret of a file URL: keep them out of the log too.
    String clean =
        path.replaceAll("[\\p{Cntrl}\\s]", "?")
            .replaceAll("^/sandbox/files/[^/]+/", "/sandbox/files/***/");
    return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
  }
}
