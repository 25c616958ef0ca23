package dev.ymchat.client.error;

import dev.ymchat.client.model.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API answered with an error status (400, 401, 403, 404, 420, 423, 5xx); the subclasses name
 * the status class. {@link ClientRateLimitException}, a {@link RateLimitException} too, is the
 * client's own limiter refusing to send: its status is 0.
 */
public class ApiException extends YmChatException {

  private static final long serialVersionUID = 1L;

  /** The parts of an error answer, as the subclasses receive them. */
  record Answer(
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody) {}

  ApiException(String message, Answer answer) {
    super(
        message,
        answer.statusCode(),
        answer.errors(),
        answer.headers(),
        answer.rateLimit(),
        answer.rawBody(),
        null);
  }

  /**
   * Creates the exception of an error answer's status: {@link BadRequestException} for 400, {@link
   * UnauthorizedException} 401, {@link ForbiddenException} 403, {@link NotFoundException} 404,
   * {@link RateLimitException} 420 (and 429), {@link LockedException} 423, {@link ServerException}
   * 5xx, and a plain {@code ApiException} for any other status.
   *
   * @param message what went wrong and what to do, without secrets
   * @param statusCode the HTTP status
   * @param errors the API's errors, may be {@code null}
   * @param headers the response headers, may be {@code null}
   * @param rateLimit the parsed rate-limit headers, or {@code null}
   * @param rawBody the response body as text, or {@code null}
   * @return the exception
   */
  public static ApiException of(
      String message,
      int statusCode,
      List<ApiError> errors,
      Map<String, List<String>> headers,
      RateLimitInfo rateLimit,
      String rawBody) {
    Answer answer = new Answer(statusCode, errors, headers, rateLimit, rawBody);
    return switch (statusCode) {
      case 400 -> new BadRequestException(message, answer);
      case 401 -> new UnauthorizedException(message, answer);
      case 403 -> new ForbiddenException(message, answer);
      case 404 -> new NotFoundException(message, answer);
      case 420, 429 -> new RateLimitException(message, answer);
      case 423 -> new LockedException(message, answer);
      default ->
          statusCode >= 500 && statusCode <= 599
              ? new ServerException(message, answer)
              : new ApiException(message, answer);
    };
  }

  /**
   * Returns the API's code of the first error, such as {@code BAD_REQUEST} or {@code
   * LIMIT_EXCEEDED}.
   *
   * @return the code, or empty when the answer named none
   */
  public Optional<String> errorCode() {
    return errors().stream().map(ApiError::code).filter(c -> c != null && !c.isBlank()).findFirst();
  }
}
