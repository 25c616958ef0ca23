package dev.ymchat.cli.output;

/** Small helpers for text shown to a person. */
public final class Text {

  /** The ellipsis that marks truncated text. */
  public static final String ELLIPSIS = "…";

  private Text() {}

  /**
   * Replaces line breaks and tabs by spaces so a value stays on one table line.
   *
   * @param text the text
   * @return the text on one line
   */
  public static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      }
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return sb.toString();
  }

  /**
   * The number of characters (code points) a person sees.
   *
   * @param text the text
   * @return its width
   */
  public static int width(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * Cuts text to a width, ending it with {@value #ELLIPSIS} when cut.
   *
   * @param text the text
   * @param width the maximum width, at least 1
   * @return the text, at most {@code width} wide
   */
  public static String truncate(String text, int width) {
    if (width(text) <= width) {
      return text;
    }
    if (width <= 1) {
      return ELLIPSIS;
    }
    int end = text.offsetByCodePoints(0, width - 1);
    return text.substring(0, end) + ELLIPSIS;
  }
}
