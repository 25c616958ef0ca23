package dev.ymchat.sandbox.api;

import dev.ymchat.sandbox.wire.ErrorEnvelope;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (malformed request lines, oversized headers, bad URIs, request bodies
 * that stop arriving) in the API's envelope instead of an HTML page, whatever the client accepts.
 *
 * <p>While the sandbox stops, a request that Jetty read on a kept-alive connection after the drain
 * reaches a server whose handlers are being stopped; Jetty reports that as a server error. Such a
 * request was never processed, so it is answered 503 (retry against a running sandbox), never 500,
 * and the connection is closed.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final String JSON = "application/json; charset=utf-8";

  private final BooleanSupplier stopping;

  /**
   * Creates the handler.
   *
   * @param stopping whether the sandbox is stopping: server errors are then answered 503
   */
  public JsonErrorHandler(BooleanSupplier stopping) {
    this.stopping = Objects.requireNonNull(stopping, "stopping");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer s && s > 0 ? s : response.getStatus();
    Object reason = request.getAttribute(ERROR_MESSAGE);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    byte[] body;
    if (status >= 500 && stopping.getAsBoolean()) {
      response.setStatus(503);
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      body = ErrorEnvelope.bytes("SERVICE_UNAVAILABLE", ErrorEnvelope.SHUTTING_DOWN);
    } else {
      body =
          ErrorEnvelope.bytes(
              code(status), message(status, reason == null ? null : reason.toString()));
    }
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static String code(int status) {
    if (status == 505) {
      return "HTTP_VERSION_NOT_SUPPORTED";
    }
    if (status == 408) {
      return "REQUEST_TIMEOUT";
    }
    return status >= 500 ? "INTERNAL_ERROR" : status == 404 ? "NOT_FOUND" : "BAD_REQUEST";
  }

  private static String message(int status, String reason) {
    String why = reason == null || reason.isBlank() ? "HTTP " + status : reason;
    return "The HTTP request could not be processed ("
        + JsonInput.clip(why)
        + "); check the request line, the headers and the URL encoding";
  }
}
