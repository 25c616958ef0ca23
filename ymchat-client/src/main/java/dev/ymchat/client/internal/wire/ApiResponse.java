package dev.ymchat.client.internal.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ymchat.client.model.ApiError;
import java.util.List;

/**
 * The envelope of every API answer: {@code {"status":"OK","result":…}} or {@code
 * {"status":"ERROR","errors":[…]}}.
 *
 * @param status OK or ERROR
 * @param result the result, or {@code null} for empty answers and errors
 * @param errors the errors, never {@code null}; omitted from the JSON when empty, as the API does
 * @param <T> the type of the result
 */
public record ApiResponse<T>(
    ApiResponseStatus status,
    T result,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ApiError> errors) {

  /**
   * Copies the errors.
   *
   * @param status OK or ERROR
   * @param result the result
   * @param errors the errors
   */
  public ApiResponse {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * A successful answer.
   *
   * @param result the result, or {@code null} for an empty answer
   * @param <T> the type of the result
   * @return the envelope
   */
  public static <T> ApiResponse<T> ok(T result) {
    return new ApiResponse<>(ApiResponseStatus.OK, result, List.of());
  }

  /**
   * An error answer.
   *
   * @param errors the errors
   * @return the envelope
   */
  public static ApiResponse<Void> error(List<ApiError> errors) {
    return new ApiResponse<>(ApiResponseStatus.ERROR, null, errors);
  }
}
