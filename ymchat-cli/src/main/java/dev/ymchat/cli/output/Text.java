package dev.ymchat.cli.output;

/** Small helpers for text shown to a person. */
public final class Text {

  /** The ellipsis that marks truncated text. */
  public static final String ELLIPSIS = "…";

  private Text() {}

  /** Shown in place of a character that could change how a terminal shows the text. */
  public static final char REPLACEMENT = '\uFFFD';

  /**
   * Puts a value on one table line that shows what it says: line breaks and tabs become spaces,
   * other control characters and the bidirectional controls become {@value #REPLACEMENT} (see
   * {@link #isUnsafe(int)}).
   *
   * @param text the text, possibly written by a buyer
   * @return the text on one line, safe to print
   */
  public static String oneLine(String text) {
    return neutralise(text, false);
  }

  /**
   * Like {@link #oneLine(String)}, but keeps line breaks ({@code \n}; {@code \r\n} becomes {@code
   * \n}), for multi-line text such as a message shown on its own.
   *
   * @param text the text, possibly written by a buyer
   * @return the text, safe to print
   */
  public static String safe(String text) {
    return neutralise(text, true);
  }

  /**
   * Whether a character must not reach a terminal as it is: C0 and C1 control characters (ESC
   * starts terminal escape sequences), the bidirectional embeddings, overrides and isolates
   * (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), which can make a text read
   * differently from what it is (CVE-2021-42574), and the line and paragraph separators.
   *
   * @param cp a code point
   * @return {@code true} when it is replaced on output
   */
  public static boolean isUnsafe(int cp) {
    return Character.isISOControl(cp)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C
        || cp == 0x2028
        || cp == 0x2029;
  }

  private static String neutralise(String text, boolean keepNewlines) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\r' && i < text.length() && text.charAt(i) == '\n') {
        continue; // the \n that follows stands for both
      }
      if (cp == '\n' || cp == '\r' || cp == '\t') {
        sb.append(keepNewlines && cp != '\t' ? '\n' : ' ');
      } else if (isUnsafe(cp)) {
        sb.append(REPLACEMENT);
      } else {
        sb.appendCodePoint(cp);
      }
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
