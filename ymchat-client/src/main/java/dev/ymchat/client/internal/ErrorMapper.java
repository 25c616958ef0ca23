package dev.ymchat.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.error.ApiException;
import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.RateLimitInfo;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.ApiError;
import dev.ymchat.client.model.ModelJson;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns error answers and I/O failures into the client's exceptions, with readable messages. */
public final class ErrorMapper {

  /** How much of a raw body goes into an exception message. */
  public static final int MESSAGE_BODY_LIMIT = 2048;

  /** How much of a raw body an exception keeps. */
  public static final int KEPT_BODY_LIMIT = 64 * 1024;

  private static final ObjectMapper MAPPER = ModelJson.newMapper();

  private static final DateTimeFormatter UNTIL_FORMAT =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z", java.util.Locale.ENGLISH);

  private ErrorMapper() {}

  /**
   * Maps an answer that is not 2xx to the exception of its status.
   *
   * @param operation the operation name for the message, such as {@code getChats}
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body, may be empty
   * @return the exception to throw
   */
  public static YmChatException fromResponse(
      String operation, int status, Map<String, List<String>> headers, byte[] body) {
    RateLimitInfo rateLimit = rateLimit(headers);
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    List<ApiError> errors = parseErrors(text);
    StringBuilder message = new StringBuilder(operation).append(" failed: HTTP ").append(status);
    if (!errors.isEmpty()) {
      for (int i = 0; i < errors.size(); i++) {
        ApiError e = errors.get(i);
        message.append(i == 0 ? " " : "; ").append(e.code());
        if (e.message() != null && !e.message().isBlank()) {
          message.append(": ").append(e.message());
        }
      }
    } else if (!text.isBlank()) {
      message.append(", body: ").append(truncate(text.strip(), MESSAGE_BODY_LIMIT));
    } else {
      message.append(" with an empty body");
    }
    if (status == 420 && rateLimit != null && rateLimit.until() != null) {
      message
          .append(" (retry after ")
          .append(
              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  rateLimit.until().atZone(java.time.ZoneOffset.UTC)))
          .append(')');
    }
    message.append(". ").append(hint(status));
    String msg = message.toString();
    String raw = text.isEmpty() ? null : truncate(text, KEPT_BODY_LIMIT);
    return ApiException.of(msg, status, errors, headers, rateLimit, raw);
  }

  /**
   * Builds the exception for a 2xx answer the client could not read.
   *
   * @param operation the operation name
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the response body
   * @param problem what is wrong with it
   * @param cause the parse failure, or {@code null}
   * @return the exception to throw
   */
  public static InvalidResponseException invalid(
      String operation,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      String problem,
      Throwable cause) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    String shown =
        text.isBlank() ? "an empty body" : "body: " + truncate(text.strip(), MESSAGE_BODY_LIMIT);
    String msg =
        operation
            + " failed: HTTP "
            + status
            + " answer is not the API's JSON ("
            + problem
            + "), "
            + shown
            + ". Check that the base URL points at the Partner API.";
    return new InvalidResponseException(
        InvalidResponseException.Problem.NOT_API_JSON,
        msg,
        status,
        headers,
        rateLimit(headers),
        text.isEmpty() ? null : truncate(text, KEPT_BODY_LIMIT),
        cause);
  }

  /**
   * Maps an I/O failure to a {@link TransportException}, deciding whether the request may have
   * reached the server: only a refused or timed-out connection counts as not sent.
   *
   * @param operation the operation name
   * @param failure the failure, possibly wrapped
   * @return the exception to throw
   */
  public static TransportException transport(String operation, Throwable failure) {
    Throwable cause = unwrap(failure);
    boolean notSent = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        notSent = true;
        break;
      }
    }
    String what =
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (notSent) {
      return new TransportException(
          operation
              + " failed: could not connect ("
              + what
              + "); the request was not sent. "
              + "Check the base URL and the network.",
          TransportException.Outcome.NOT_SENT,
          cause);
    }
    String stage =
        cause instanceof HttpTimeoutException
            ? "timed out waiting for the answer"
            : "the connection failed after sending began";
    return new TransportException(
        operation
            + " failed: "
            + stage
            + " ("
            + what
            + "); the server may have processed "
            + "the request. For a send, check the chat history before sending again.",
        TransportException.Outcome.UNKNOWN,
        cause);
  }

  /**
   * Maps a failure of an exchange: one of the client's own exceptions (such as a body limit's)
   * found among the causes is returned as it is, anything else is an I/O failure for {@link
   * #transport}.
   *
   * @param operation the operation name
   * @param failure the failure, possibly wrapped by the JDK
   * @return the exception to throw
   */
  public static YmChatException failure(String operation, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof YmChatException) {
        return (YmChatException) t;
      }
    }
    return transport(operation, failure);
  }

  /**
   * Writes a duration for a person: {@code 30 s}, {@code 1.5 s}, {@code 250 ms}, {@code 5 min}.
   *
   * @param duration the duration
   * @return the text
   */
  public static String human(java.time.Duration duration) {
    long ms = duration.toMillis();
    if (ms >= 60_000 && ms % 60_000 == 0) {
      return ms / 60_000 + " min";
    }
    if (ms >= 1000 && ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    if (ms >= 1000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return ms + " ms";
  }

  /**
   * Parses {@code X-RateLimit-Resource-Limit}, {@code -Remaining} and {@code -Until}.
   *
   * @param headers the response headers
   * @return the values, or {@code null} when none of the headers is present
   */
  public static RateLimitInfo rateLimit(Map<String, List<String>> headers) {
    String limit = first(headers, "X-RateLimit-Resource-Limit");
    String remaining = first(headers, "X-RateLimit-Resource-Remaining");
    String until = first(headers, "X-RateLimit-Resource-Until");
    if (limit == null && remaining == null && until == null) {
      return null;
    }
    return new RateLimitInfo(parseLong(limit), parseLong(remaining), parseDate(until));
  }

  /**
   * Returns the first value of a header, ignoring the case of its name.
   *
   * @param headers the headers
   * @param name the header name
   * @return the value, or {@code null}
   */
  public static String first(Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
   *
   * @param failure the failure
   * @return the innermost meaningful failure
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Cuts a text to a length, marking the cut.
   *
   * @param text the text
   * @param max the maximum length
   * @return the text, or its start followed by a note of how much was cut
   */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "… (" + (text.length() - max) + " more chars)";
  }

  private static List<ApiError> parseErrors(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      JsonNode errors = root == null ? null : root.get("errors");
      if (errors == null || !errors.isArray()) {
        return List.of();
      }
      List<ApiError> list = new ArrayList<>();
      for (JsonNode e : errors) {
        list.add(new ApiError(textOf(e.get("code")), textOf(e.get("message"))));
      }
      return list;
    } catch (java.io.IOException | RuntimeException notJson) {
      return List.of();
    }
  }

  private static String textOf(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Long parseLong(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    // The weekday is dropped before parsing: the API's own documented example
    // ("Thu, 10 Jul 2018", a Tuesday) would fail a strict RFC 1123 parse.
    String text = value.trim();
    int comma = text.indexOf(',');
    if (comma >= 0) {
      text = text.substring(comma + 1).trim();
    }
    try {
      return ZonedDateTime.parse(text, UNTIL_FORMAT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String hint(int status) {
    switch (status) {
      case 400:
        return "Fix the request data named in the error.";
      case 401:
        return "Pass credentials: an API key (Api-Key header) or an OAuth token.";
      case 403:
        return "Check that the API key or token is valid, belongs to this business and has a scope "
            + "that allows this operation (read-only keys cannot send).";
      case 404:
        return "Check the business, chat, message or order id.";
      case 420:
      case 429:
        return "The request limit was exceeded; slow down and retry after the window resets.";
      case 423:
        return "The chat does not accept this action now (for example it is finished); "
            + "check the chat's status.";
      default:
        if (status >= 500) {
          return "The service failed or is overloaded; retry later.";
        }
        return "Unexpected status; check the base URL and the API version.";
    }
  }
}
