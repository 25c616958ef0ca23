package dev.ymchat.cli.command;

import java.util.Locale;
import java.util.Set;

/** Turns a file name chosen by someone else (a buyer's attachment) into a safe local file name. */
final class FileNames {

  /**
   * The longest name, in UTF-8 bytes, that common file systems take (ext4, XFS, APFS, NTFS count
   * 255 bytes or UTF-16 units; bytes is the stricter): 160 Cyrillic letters are 320 bytes.
   */
  static final int MAX_BYTES = 255;

  /** An extension longer than this is part of the name, not kept when cutting. */
  private static final int MAX_EXTENSION = 16;

  private static final Set<String> WINDOWS_DEVICES =
      Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3");

  private FileNames() {}

  /**
   * Keeps only the last path segment, replaces characters that are unsafe on common file systems,
   * refuses hidden and device names, and limits the length to {@value #MAX_BYTES} UTF-8 bytes, cut
   * at a code point and keeping the extension.
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
    if (utf8Length(safe) > MAX_BYTES) {
      int dot = safe.lastIndexOf('.');
      String ext = dot > 0 && safe.length() - dot <= MAX_EXTENSION ? safe.substring(dot) : "";
      safe = fit(safe.substring(0, safe.length() - ext.length()), ext);
    }
    return safe;
  }

  /**
   * The stem, cut at a code point if needed, then the suffix: at most {@value #MAX_BYTES} bytes.
   */
  private static String fit(String stem, String suffix) {
    int room = MAX_BYTES - utf8Length(suffix);
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < stem.length(); ) {
      int cp = stem.codePointAt(i);
      int bytes = utf8Length(cp);
      if (used + bytes > room) {
        break;
      }
      kept.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    String cut = kept.toString();
    // A cut may leave a trailing dot or space, which Windows drops silently.
    while (cut.endsWith(".") || cut.endsWith(" ")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return (cut.isEmpty() ? "_" : cut) + suffix;
  }

  /**
   * The length of a name on disk.
   *
   * @param name the name
   * @return its length in UTF-8 bytes
   */
  static int utf8Length(String name) {
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      bytes += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return bytes;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /**
   * Makes a name unique among those already taken by appending {@code (2)}, {@code (3)}… before the
   * extension, cutting the name so that it stays within {@value #MAX_BYTES} UTF-8 bytes.
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
    boolean hasExt = dot > 0 && name.length() - dot <= MAX_EXTENSION;
    String stem = hasExt ? name.substring(0, dot) : name;
    String ext = hasExt ? name.substring(dot) : "";
    for (int i = 2; ; i++) {
      String candidate = fit(stem, " (" + i + ")" + ext);
      if (!taken.contains(candidate.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
  }
}
