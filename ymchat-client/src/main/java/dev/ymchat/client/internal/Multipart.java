package dev.ymchat.client.internal;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * A multipart/form-data body (RFC 7578) with one file part; the file content is streamed, never
 * copied into the body.
 */
public final class Multipart implements BodySource {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String boundary;
  private final byte[] head;
  private final byte[] tail;
  private final Supplier<HttpRequest.BodyPublisher> content;

  /**
   * Creates the body.
   *
   * @param partName the form field name, such as {@code file}
   * @param fileName the file name; any characters, sent as UTF-8
   * @param contentType the media type of the file
   * @param content a fresh publisher of the file content for each attempt
   */
  public Multipart(
      String partName,
      String fileName,
      String contentType,
      Supplier<HttpRequest.BodyPublisher> content) {
    StringBuilder b = new StringBuilder("ymchat-");
    for (int i = 0; i < 24; i++) {
      b.append(HEX[RANDOM.nextInt(16)]);
    }
    this.boundary = b.toString();
    String disposition =
        "form-data; name=\""
            + quote(partName)
            + "\"; filename=\""
            + quote(fileName)
            + "\"; filename*=UTF-8''"
            + percentEncode(fileName);
    this.head =
        ("--"
                + boundary
                + "\r\n"
                + "Content-Disposition: "
                + disposition
                + "\r\n"
                + "Content-Type: "
                + contentType
                + "\r\n"
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    this.content = content;
  }

  /**
   * Returns the boundary.
   *
   * @return the boundary string
   */
  public String boundary() {
    return boundary;
  }

  @Override
  public HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.concat(
        HttpRequest.BodyPublishers.ofByteArray(head),
        content.get(),
        HttpRequest.BodyPublishers.ofByteArray(tail));
  }

  @Override
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * Escapes a quoted-string parameter the way browsers do (RFC 7578, section 4.2): {@code "} as
   * {@code %22}, CR as {@code %0D} and LF as {@code %0A}; other characters stay as UTF-8.
   *
   * @param value the raw value
   * @return the value safe inside quotes
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("%22");
          break;
        case '\r':
          out.append("%0D");
          break;
        case '\n':
          out.append("%0A");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Percent-encodes a value for an RFC 5987 extended parameter ({@code filename*=UTF-8''…}).
   *
   * @param value the raw value
   * @return the encoded value: attr-chars as they are, every other UTF-8 byte as {@code %XX}
   */
  public static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte raw : value.getBytes(StandardCharsets.UTF_8)) {
      int c = raw & 0xff;
      boolean attrChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(HEX[c >> 4]))
            .append(Character.toUpperCase(HEX[c & 0xf]));
      }
    }
    return out.toString();
  }
}
