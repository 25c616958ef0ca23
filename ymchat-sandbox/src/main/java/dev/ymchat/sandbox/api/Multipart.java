package dev.ymchat.sandbox.api;

import dev.ymchat.sandbox.domain.SandboxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, strict multipart/form-data parser for the file upload (bodies are already in memory).
 */
final class Multipart {

  /**
   * One part of the form.
   *
   * @param name the form field name
   * @param fileName the file name, or null when the part is not a file
   * @param contentType the part's content type, or null
   * @param content the part's bytes
   */
  record Part(String name, String fileName, String contentType, byte[] content) {}

  private Multipart() {}

  /**
   * Extracts the boundary from a multipart content type.
   *
   * @throws SandboxException 400 when there is none
   */
  static String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = p.substring("boundary=".length()).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!value.isEmpty() && value.length() <= 70) {
          return value;
        }
      }
    }
    throw SandboxException.badRequest(
        "Content-Type multipart/form-data has no valid boundary parameter; let your HTTP library build the multipart body");
  }

  /**
   * Parses a whole multipart body.
   *
   * @throws SandboxException 400 when the body is not well-formed multipart
   */
  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw malformed("the boundary from Content-Type never occurs in the body");
    }
    List<Part> parts = new ArrayList<>();
    pos += delimiter.length;
    while (true) {
      if (startsWith(body, pos, "--")) {
        return parts;
      }
      if (!startsWith(body, pos, "\r\n")) {
        throw malformed("a boundary line is not followed by CRLF");
      }
      pos += 2;
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
      if (headerEnd < 0) {
        throw malformed("a part has no end of headers");
      }
      String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
      int contentStart = headerEnd + 4;
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        throw malformed("the closing boundary is missing");
      }
      byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
      parts.add(part(headers, content));
      if (parts.size() > 50) {
        throw malformed("more than 50 parts");
      }
      pos = contentEnd + next.length;
    }
  }

  private static Part part(String headers, byte[] content) {
    String name = null;
    String fileName = null;
    String fileNameStar = null;
    String contentType = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw malformed("a part header line has no name");
      }
      String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (header.equals("content-disposition")) {
        for (String param : splitParams(value)) {
          int eq = param.indexOf('=');
          if (eq < 0) {
            continue;
          }
          String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
          String raw = param.substring(eq + 1).trim();
          if (key.equals("name")) {
            name = unquote(raw);
          } else if (key.equals("filename")) {
            fileName = unquote(raw);
          } else if (key.equals("filename*")) {
            fileNameStar = decodeExtended(raw);
          }
        }
      } else if (header.equals("content-type")) {
        contentType = value;
      }
    }
    return new Part(name, fileNameStar != null ? fileNameStar : fileName, contentType, content);
  }

  /** Splits {@code form-data; name="a;b"; filename="x"} on semicolons outside quotes. */
  private static List<String> splitParams(String value) {
    List<String> params = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (ch == ';' && !quoted) {
        params.add(current.toString());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    params.add(current.toString());
    return params;
  }

  private static String unquote(String raw) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return raw;
  }

  /** RFC 5987: {@code UTF-8''%D0%A1%D1%87...}. */
  private static String decodeExtended(String raw) {
    int first = raw.indexOf('\'');
    int second = first < 0 ? -1 : raw.indexOf('\'', first + 1);
    if (second < 0 || !raw.substring(0, first).equalsIgnoreCase("UTF-8")) {
      throw malformed("filename* must be UTF-8''<percent-encoded name>");
    }
    try {
      return URLDecoder.decode(
          raw.substring(second + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("filename* has a bad percent escape");
    }
  }

  private static SandboxException malformed(String why) {
    return SandboxException.badRequest(
        "The multipart/form-data body is malformed: "
            + why
            + "; send the file as a multipart part named 'file'");
  }

  private static boolean startsWith(byte[] data, int pos, String text) {
    if (pos + text.length() > data.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (data[pos + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
