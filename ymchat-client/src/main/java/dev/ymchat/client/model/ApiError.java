package dev.ymchat.client.model;

/**
 * One entry of the {@code errors} array of an error answer ({@code ApiErrorDTO}).
 *
 * @param code the error code, such as {@code BAD_REQUEST} or {@code LIMIT_EXCEEDED}
 * @param message the human-readable description, or {@code null}
 */
public record ApiError(String code, String message) {}
