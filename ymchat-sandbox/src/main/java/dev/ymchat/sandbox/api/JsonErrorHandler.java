package dev.ymchat.sandbox.api;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (malformed request lines, oversized headers, bad URIs, request bodies
 * that stop arriving) in the API's envelope instead of an HTML page, whatever the client accepts.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final String JSON = "application/json; charset=utf-8";

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer s && s > 0 ? s : response.getStatus();
    Object reason = request.getAttribute(ERROR_MESSAGE);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(ERROR_CACHE_CONTROL);
    byte[] body =
        ErrorEnvelope.bytes(
            code(status), message(status, reason == null ? null : reason.toString()));
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
