package dev.ymchat.sandbox.market;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One POST of a notification to the seller's endpoint, its failure told without secrets. */
final class WebhookPost {

  /**
   * What one attempt got.
   *
   * @param status the HTTP status, or 0 when no response arrived
   * @param error what went wrong, or null when the receiver answered 200
   */
  record Outcome(int status, String error) {
    boolean delivered() {
      return error == null;
    }
  }

  private final HttpClient httpClient;
  private final URI url;
  private final String safeUrl;
  private final Duration requestTimeout;
  private final Duration pingTimeout;

  WebhookPost(HttpClient httpClient, URI url, Duration requestTimeout, Duration pingTimeout) {
    this.httpClient = httpClient;
    this.url = url;
    this.safeUrl = WebhookDispatcher.safeUrl(url);
    this.requestTimeout = requestTimeout;
    this.pingTimeout = pingTimeout;
  }

  /**
   * Sends the notification once.
   *
   * @param json the body
   * @param ping whether it is a {@code PING}, which has its own, shorter timeout
   * @return the outcome
   * @throws InterruptedException when the sending thread is interrupted (the dispatcher closes)
   */
  Outcome send(String json, boolean ping) throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(ping ? pingTimeout : requestTimeout)
              .header("Content-Type", WebhookDispatcher.CONTENT_TYPE)
              .header("User-Agent", WebhookDispatcher.USER_AGENT)
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response =
          httpClient.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new Outcome(status, status == 200 ? null : "HTTP " + status);
    } catch (HttpTimeoutException e) {
      return new Outcome(
          0,
          ping
              ? "HttpTimeoutException: PING not answered within "
                  + pingTimeout.toMillis()
                  + " ms (Market requires an answer within 1 s)"
              : describe(e));
    } catch (IOException | RuntimeException e) {
      // A broken custom HttpClient must not kill the lane: treat it like a failed attempt.
      return new Outcome(0, describe(e));
    }
  }

  private String describe(Exception e) {
    String message = e.getMessage();
    String name = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return name;
    }
    // Exception texts may quote the URL; its user info or query could hold the seller's secret.
    return name + ": " + message.replace(url.toString(), safeUrl);
  }
}
