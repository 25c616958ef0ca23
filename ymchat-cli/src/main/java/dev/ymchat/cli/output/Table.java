package dev.ymchat.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for a person: columns as wide as their content, shrunk to the screen width by truncating
 * the flexible columns with an ellipsis.
 */
public final class Table {

  private static final int MIN_FLEX_WIDTH = 8;
  private static final String GAP = "  ";

  private final String[] headers;
  private final boolean[] flexible;
  private final List<String[]> rows = new ArrayList<>();

  private Table(String[] headers, boolean[] flexible) {
    this.headers = headers;
    this.flexible = flexible;
  }

  /**
   * Starts a table; a header ending with {@code ~} marks a column that may be truncated (the marker
   * is not shown). When none is marked, the last column is the flexible one.
   *
   * @param headers the column headers
   * @return an empty table
   */
  public static Table withColumns(String... headers) {
    String[] names = new String[headers.length];
    boolean[] flex = new boolean[headers.length];
    boolean any = false;
    for (int i = 0; i < headers.length; i++) {
      boolean marked = headers[i].endsWith("~");
      names[i] = marked ? headers[i].substring(0, headers[i].length() - 1) : headers[i];
      flex[i] = marked;
      any |= marked;
    }
    if (!any && headers.length > 0) {
      flex[headers.length - 1] = true;
    }
    return new Table(names, flex);
  }

  /**
   * Adds a row; {@code null} cells print empty, line breaks print as spaces.
   *
   * @param cells one value per column
   * @return this table
   * @throws IllegalArgumentException when the number of cells is wrong
   */
  public Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "a row needs " + headers.length + " cells, got " + cells.length);
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = cells[i] == null ? "" : Text.oneLine(cells[i].toString());
    }
    rows.add(row);
    return this;
  }

  /**
   * Whether the table has no rows.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /**
   * Prints the table fitted to a width.
   *
   * @param out where to print
   * @param maxWidth the screen width in characters
   */
  public void print(PrintWriter out, int maxWidth) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = Text.width(headers[i]);
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], Text.width(row[i]));
      }
    }
    shrink(widths, maxWidth);
    out.println(line(headers, widths));
    for (String[] row : rows) {
      out.println(line(row, widths));
    }
    out.flush();
  }

  private void shrink(int[] widths, int maxWidth) {
    int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
    // Take the excess from the widest flexible column first, one character at a time, so that
    // several long columns end up sharing the space.
    while (total > maxWidth) {
      int widest = -1;
      for (int i = 0; i < widths.length; i++) {
        if (flexible[i]
            && widths[i] > MIN_FLEX_WIDTH
            && (widest < 0 || widths[i] > widths[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return;
      }
      widths[widest]--;
      total--;
    }
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = Text.truncate(cells[i], widths[i]);
      line.append(cell);
      if (i < cells.length - 1) {
        line.append(" ".repeat(widths[i] - Text.width(cell))).append(GAP);
      }
    }
    return line.toString();
  }
}
