package dev.ymchat.client.internal;

import java.net.http.HttpRequest;

/** A request body that can be produced again for every attempt. */
public interface BodySource {

  /**
   * Returns a fresh publisher of the body.
   *
   * @return the publisher
   */
  HttpRequest.BodyPublisher publisher();

  /**
   * Returns the media type of the body.
   *
   * @return the {@code Content-Type} value
   */
  String contentType();

  /**
   * A JSON body.
   *
   * @param json the UTF-8 JSON bytes
   * @return the body
   */
  static BodySource json(byte[] json) {
    byte[] copy = json.clone();
    return new BodySource() {
      @Override
      public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofByteArray(copy);
      }

      @Override
      public String contentType() {
        return "application/json; charset=utf-8";
      }
    };
  }
}
