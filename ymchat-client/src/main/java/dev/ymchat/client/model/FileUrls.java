package dev.ymchat.client.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Writes a file URL without its secret: the key of a sandbox file URL ({@code
 * /sandbox/files/***}{@code /name}, as the sandbox's own access log shows it), and of any other URL
 * every path segment that is not a plain lower-case word, and the whole query string. The model
 * needs it for {@link MessagePayload#toString()}; the transport's log lines reach it through {@link
 * MessagePayload#maskUrl}.
 */
final class FileUrls {

  private static final String SANDBOX_FILES = "/sandbox/files/";
  private static final Pattern PLAIN_WORD = Pattern.compile("[a-z]{1,24}(?:[-_][a-z]{1,24}){0,3}");
  private static final int MAX_LENGTH = 300;

  private FileUrls() {}

  /** Masks a URL given as text; {@code ***} when it is not a valid URI. */
  static String mask(String url) {
    if (url == null) {
      return "null";
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return "***";
    }
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null && uri.getHost() != null) {
      out.append(uri.getScheme()).append("://").append(uri.getHost());
      if (uri.getPort() != -1) {
        out.append(':').append(uri.getPort());
      }
    } else if (uri.getScheme() != null || uri.getRawAuthority() != null) {
      // opaque or host-less: nothing of it is known to be safe
      return "***";
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.startsWith(SANDBOX_FILES) && path.indexOf('/', SANDBOX_FILES.length()) > 0) {
      out.append(SANDBOX_FILES)
          .append("***")
          .append(path.substring(path.indexOf('/', SANDBOX_FILES.length())));
    } else {
      String[] segments = path.split("/", -1);
      for (int i = 1; i < segments.length; i++) {
        String segment = segments[i];
        out.append('/')
            .append(segment.isEmpty() || PLAIN_WORD.matcher(segment).matches() ? segment : "***");
      }
    }
    if (uri.getRawQuery() != null) {
      out.append("?***");
    }
    String text = out.toString();
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
  }
}
