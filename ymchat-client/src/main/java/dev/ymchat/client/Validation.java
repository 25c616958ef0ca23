package dev.ymchat.client;

/** Checks of inputs before anything is sent; each message names the parameter, value and range. */
final class Validation {

  /** The longest message the API accepts, in Unicode code points. */
  static final int MAX_MESSAGE_LENGTH = 4096;

  /** The largest file the API accepts: 5 MB. */
  static final long MAX_FILE_SIZE = 5L * 1024 * 1024;

  private Validation() {}

  static long id(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          name + " must be at least 1 (an id of the API), got " + value);
    }
    return value;
  }

  static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static String token(String token) {
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException(
          "pageToken must be a nextPageToken of an earlier page or null, got a blank string");
    }
    return token;
  }

  /** Counts Unicode code points, so an emoji is one character, as a person counts it. */
  static String message(String text) {
    if (text == null) {
      throw new IllegalArgumentException(
          "message must be 1 to " + MAX_MESSAGE_LENGTH + " characters, got null");
    }
    int length = text.codePointCount(0, text.length());
    if (length < 1 || length > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "message must be 1 to "
              + MAX_MESSAGE_LENGTH
              + " characters (Unicode code points), got "
              + length);
    }
    return text;
  }
}
