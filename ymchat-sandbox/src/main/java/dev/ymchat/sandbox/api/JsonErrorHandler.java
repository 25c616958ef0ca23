package dev.ymchat.sandbox.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (malformed request lines, oversized headers, bad URIs) in the API's
 * envelope instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
    return ByteBuffer.wrap(ErrorEnvelope.bytes(code(status), message(status, reason)));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json; charset=utf-8");
    response.getOutputStream().write(ErrorEnvelope.bytes(code(code), message(code, message)));
  }

  private static String code(int status) {
    if (status == 505) {
      return "HTTP_VERSION_NOT_SUPPORTED";
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
