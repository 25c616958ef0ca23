package dev.ymchat.client.internal.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.ymchat.client.model.OpenEnum;
import java.util.List;
import java.util.Map;

/** The status field of every API answer. */
public final class ApiResponseStatus extends OpenEnum<ApiResponseStatus.Known> {

  /** The values this library knows, plus {@code UNKNOWN} for newer ones. */
  public enum Known {
    /** {@code OK}. */
    OK,
    /** {@code ERROR}. */
    ERROR,
    /**
     * A value newer than this library; the raw value is kept in {@link ApiResponseStatus#value()}.
     */
    UNKNOWN
  }

  /** {@code OK}. */
  public static final ApiResponseStatus OK = new ApiResponseStatus("OK");

  /** {@code ERROR}. */
  public static final ApiResponseStatus ERROR = new ApiResponseStatus("ERROR");

  private static final Map<String, ApiResponseStatus> KNOWN = index(List.of(OK, ERROR));

  private ApiResponseStatus(String value) {
    super(value, Known.class);
  }

  /**
   * Returns the value for a wire string, known or not.
   *
   * @param value the wire value
   * @return the predefined constant, or a new value that keeps the raw string
   */
  @JsonCreator
  public static ApiResponseStatus of(String value) {
    ApiResponseStatus constant = KNOWN.get(value);
    return constant != null ? constant : new ApiResponseStatus(value);
  }
}
