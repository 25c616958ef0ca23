package dev.ymchat.sandbox.wire;

/**
 * One entry of the {@code errors} array of an error answer ({@code ApiErrorDTO}).
 *
 * @param code the error code, such as {@code BAD_REQUEST} or {@code LIMIT_EXCEEDED}
 * @param message what was wrong and what to do, or {@code null} (then omitted)
 */
public record ApiError(String code, String message) {}
