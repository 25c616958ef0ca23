package dev.ymchat.cli.command;

import java.util.Locale;
import java.util.Set;

/** Turns a file name chosen by someone else (a buyer's attachment) into a safe local file name. */
final class FileNames {

  private static final int MAX_LENGTH = 150;
  private static final Set<String> WINDOWS_DEVICES =
      Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3");

  private FileNames() {}

  /**
   * Keeps only the last path segment, replaces characters that are unsafe on common file systems,
   * refuses hidden and device names, and limits the length (keeping the extension).
   *
   * @param name the name as sent, possibly {@code null}
   * @param fallback the name to use when nothing usable remains
   * @return a name that stays inside the target directory
   */
  static String sanitize(String name, String fallback) {
    String base = name == null ? "" : name;
    int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    base = base.substring(slash + 1);
    StringBuilder sb = new StringBuilder(base.length());
    base.codePoints()
        .forEach(
            cp -> {
              boolean unsafe =
                  Character.isISOControl(cp)
                      || "<>:\"|?*".indexOf(cp) >= 0
                      || Character.getType(cp) == Character.FORMAT;
              sb.appendCodePoint(unsafe ? '_' : cp);
            });
    String safe = sb.toString().strip();
    // No hidden files and no "." or "..": a leading dot becomes an underscore.
    while (safe.startsWith(".")) {
      safe = "_" + safe.substring(1);
    }
    while (safe.endsWith(".") || safe.endsWith(" ")) {
      safe = safe.substring(0, safe.length() - 1);
    }
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '_')) {
      safe = fallback;
    }
    String stem = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
    if (WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
      safe = "_" + safe;
    }
    if (safe.length() > MAX_LENGTH) {
      int dot = safe.lastIndexOf('.');
      String ext = dot > 0 && safe.length() - dot <= 16 ? safe.substring(dot) : "";
      safe = safe.substring(0, MAX_LENGTH - ext.length()) + ext;
    }
    return safe;
  }

  /**
   * Makes a name unique among those already taken by appending {@code (2)}, {@code (3)}… before the
   * extension.
   *
   * @param name the safe name
   * @param taken the names already chosen, compared without case
   * @return a name not in {@code taken}
   */
  static String unique(String name, Set<String> taken) {
    if (!taken.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 2; ; i++) {
      String candidate = stem + " (" + i + ")" + ext;
      if (!taken.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
  }
}
