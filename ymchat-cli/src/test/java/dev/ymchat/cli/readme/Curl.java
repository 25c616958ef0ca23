package dev.ymchat.cli.readme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The few {@code curl} options a README's sandbox example may use, run with the JDK's client
 * against the README's sandbox: {@code -s}, {@code -S}, {@code -sS}, {@code -f}/{@code --fail},
 * {@code -i}, {@code -X METHOD}, {@code -H 'Name: value'}, {@code -d}/{@code --data}/{@code
 * --data-raw BODY} and one URL on {@code 127.0.0.1:8080} or {@code localhost:8080}, which is
 * pointed at the sandbox. Anything else is refused. The example fails on an HTTP status of 400 or
 * more, as {@code curl -f} would (exit 22), unless its comment states that exit code.
 */
final class Curl {

  /** curl's exit code for an HTTP error with {@code -f}. */
  static final int HTTP_ERROR = 22;

  private static final Pattern SANDBOX_URL =
      Pattern.compile("^http://(127\\.0\\.0\\.1|localhost):8080(?=/|$)");

  private Curl() {}

  /**
   * Runs the command.
   *
   * @param words {@code curl} and its arguments, expanded
   * @param sandboxUrl the README's sandbox
   * @return 0, or {@value #HTTP_ERROR} for a status of 400 or more
   * @throws ShellLine.SyntaxException for an option or URL outside the subset
   * @throws IOException when the request fails
   * @throws InterruptedException when interrupted
   */
  static int run(List<String> words, String sandboxUrl) throws IOException, InterruptedException {
    String method = null;
    String body = null;
    String url = null;
    HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      switch (word) {
        case "-s", "-S", "-sS", "-Ss", "-f", "--fail", "-i", "--silent", "--show-error" -> {}
        case "-X", "--request" -> method = value(words, ++i, word);
        case "-H", "--header" -> {
          String header = value(words, ++i, word);
          int colon = header.indexOf(':');
          if (colon <= 0) {
            throw new ShellLine.SyntaxException("curl -H '" + header + "': not 'Name: value'");
          }
          request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        case "-d", "--data", "--data-raw" -> {
          body = value(words, ++i, word);
          if (body.startsWith("@") && !word.equals("--data-raw")) {
            throw new ShellLine.SyntaxException("curl " + word + " @file: files are not read");
          }
        }
        default -> {
          if (word.startsWith("-") || url != null) {
            throw new ShellLine.SyntaxException("curl " + word + ": not understood here");
          }
          url = word;
        }
      }
    }
    if (url == null) {
      throw new ShellLine.SyntaxException("curl without a URL");
    }
    if (!SANDBOX_URL.matcher(url).find()) {
      throw new ShellLine.SyntaxException(
          "curl " + url + ": only the sandbox at http://127.0.0.1:8080 is reached from a test");
    }
    request.uri(URI.create(SANDBOX_URL.matcher(url).replaceFirst(sandboxUrl)));
    if (method == null) {
      method = body == null ? "GET" : "POST";
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      // curl -d sends this unless told otherwise
      request.setHeader("Content-Type", "application/x-www-form-urlencoded");
      for (int i = 1; i < words.size() - 1; i++) {
        if (words.get(i).equals("-H")
            && words.get(i + 1).toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
          String header = words.get(i + 1);
          request.setHeader("Content-Type", header.substring(header.indexOf(':') + 1).strip());
        }
      }
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() >= 400 ? HTTP_ERROR : 0;
  }

  private static String value(List<String> words, int i, String option) {
    if (i >= words.size()) {
      throw new ShellLine.SyntaxException("curl " + option + " without a value");
    }
    return words.get(i);
  }
}
