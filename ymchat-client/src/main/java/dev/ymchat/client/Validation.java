package dev.ymchat.client;

import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;

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

  /**
   * Checks a context that names an order or a return in a request: the API's {@code ChatContextDTO}
   * takes only {@code ORDER} and {@code RETURN}, and an id of at least 1. A {@code DIRECT} chat
   * (one a buyer started) has no order or return to name; find it with {@code contextTypes(DIRECT)}
   * instead.
   */
  static ChatContext requestContext(String name, ChatContext context) {
    if (context == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    ChatContextType.Known type = context.type().known();
    if (type != ChatContextType.Known.ORDER && type != ChatContextType.Known.RETURN) {
      throw new IllegalArgumentException(
          name
              + ".type must be ORDER or RETURN (a context names an order or a return), got "
              + context.type().value()
              + "; to find chats that buyers started, filter by contextTypes(DIRECT)");
    }
    id(name + ".id", context.id());
    return context;
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
