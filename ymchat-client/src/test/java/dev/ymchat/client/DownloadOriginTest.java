package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.internal.AuthTransport;
import dev.ymchat.client.internal.Credentials;
import dev.ymchat.client.internal.HttpCall;
import dev.ymchat.client.internal.HttpResult;
import dev.ymchat.client.internal.Origin;
import dev.ymchat.client.model.MessagePayload;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials go only to the API's own origin (scheme, host and port of the base URL), and
 * never again once a redirect chain has left it: two local servers on 127.0.0.1, the API's and
 * another on another port, record which requests carried them.
 */
class DownloadOriginTest {

  private final Stub api = new Stub();
  private final Stub other = new Stub();

  @AfterEach
  void close() {
    api.close();
    other.close();
  }

  private static MockResponse file(String content) {
    return new MockResponse.Builder().code(200).body(content).build();
  }

  private static MockResponse redirect(String location) {
    return new MockResponse.Builder().code(302).addHeader("Location", location).build();
  }

  private static String read(ChatsClient client, String url) throws Exception {
    try (InputStream in = client.openDownload(new MessagePayload("a.pdf", url, 0))) {
      return new String(in.readAllBytes());
    }
  }

  private static boolean carriesCredentials(RecordedRequest r) {
    return r.getHeaders().get("Api-Key") != null || r.getHeaders().get("Authorization") != null;
  }

  @Test
  void fileOnTheSameHostButAnotherPort_getsNoCredentials() throws Exception {
    other.enqueue(file("other port"));
    try (ChatsClient client = api.client().build()) {
      assertThat(read(client, other.baseUrl() + "/files/1")).isEqualTo("other port");
    }
    assertThat(carriesCredentials(other.take())).isFalse();
    assertThat(api.requestCount()).isZero();
  }

  @Test
  void fileOverHttp_whenTheBaseIsHttps_getsNoCredentials_evenOnTheSameHostAndPort()
      throws Exception {
    api.enqueue(file("clear text"));
    // the base says https on the stub's port; the file URL is plain http to that very port
    String httpsBase = "https://127.0.0.1:" + api.server.getPort();
    try (ChatsClient client = api.client().baseUrl(httpsBase).build()) {
      assertThat(read(client, api.baseUrl() + "/files/1")).isEqualTo("clear text");
    }
    assertThat(carriesCredentials(api.take())).isFalse();
  }

  @Test
  void redirectChainThatLeavesTheOriginAndComesBack_sendsCredentialsOnlyBeforeLeaving()
      throws Exception {
    api.enqueue(redirect(other.baseUrl() + "/cdn/1"));
    other.enqueue(redirect(api.baseUrl() + "/files/1/final"));
    api.enqueue(file("back home"));
    try (ChatsClient client = api.client().build()) {
      assertThat(read(client, "/files/1")).isEqualTo("back home");
    }
    RecordedRequest first = api.take();
    RecordedRequest second = other.take();
    RecordedRequest third = api.take();
    assertThat(first.getTarget()).isEqualTo("/files/1");
    assertThat(first.getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(second.getTarget()).isEqualTo("/cdn/1");
    assertThat(carriesCredentials(second)).isFalse();
    assertThat(third.getTarget()).isEqualTo("/files/1/final");
    assertThat(carriesCredentials(third)).isFalse();
  }

  @Test
  void fileOffTheOriginThatRedirectsToTheApi_neverGetsCredentials() throws Exception {
    other.enqueue(redirect(api.baseUrl() + "/files/2"));
    api.enqueue(file("via storage"));
    try (ChatsClient client = api.client().build()) {
      assertThat(read(client, other.baseUrl() + "/storage/2")).isEqualTo("via storage");
    }
    assertThat(carriesCredentials(other.take())).isFalse();
    assertThat(carriesCredentials(api.take())).isFalse();
  }

  @Test
  void redirectsWithinTheOrigin_keepTheCredentials() throws Exception {
    api.enqueue(redirect("/files/3/moved"));
    api.enqueue(file("moved"));
    try (ChatsClient client = api.client().build()) {
      assertThat(read(client, "/files/3")).isEqualTo("moved");
    }
    assertThat(api.take().getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
    assertThat(api.take().getHeaders().get("Api-Key")).isEqualTo(Stub.KEY);
  }

  @Test
  void redirectToANonHttpScheme_isRefusedWithoutFollowing() {
    api.enqueue(redirect("file:///etc/passwd"));
    try (ChatsClient client = api.client().build()) {
      InvalidResponseException e =
          catchThrowableOfType(InvalidResponseException.class, () -> read(client, "/files/4"));
      assertThat(e.getMessage()).contains("which is not an http(s) URL");
    }
  }

  @Test
  void fileUrlWithANonHttpScheme_isRefusedBeforeSending() {
    try (ChatsClient client = api.client().build()) {
      IllegalArgumentException e =
          catchThrowableOfType(
              IllegalArgumentException.class,
              () -> client.openDownload(new MessagePayload("a", "ftp://127.0.0.1/SECRET", 1)));
      assertThat(e.getMessage()).contains("must be an http(s) URL").doesNotContain("SECRET");
    }
  }

  @Test
  void origin_normalisesDefaultPortsAndCase_andComparesSchemeHostAndPort() {
    Origin https = Origin.of(URI.create("https://API.partner.market.yandex.ru"));
    assertThat(https.matches(URI.create("https://api.partner.market.yandex.ru:443/x"))).isTrue();
    assertThat(https.matches(URI.create("HTTPS://api.Partner.market.yandex.ru/v2"))).isTrue();
    assertThat(https.matches(URI.create("http://api.partner.market.yandex.ru/x"))).isFalse();
    assertThat(https.matches(URI.create("http://api.partner.market.yandex.ru:443/x"))).isFalse();
    assertThat(https.matches(URI.create("https://api.partner.market.yandex.ru:8443/x"))).isFalse();
    assertThat(https.matches(URI.create("https://api.partner.market.yandex.ru.evil/x"))).isFalse();
    assertThat(https.matches(URI.create("/relative"))).isFalse();
    assertThat(https.matches(null)).isFalse();
    Origin http = Origin.of(URI.create("http://127.0.0.1"));
    assertThat(http.matches(URI.create("http://127.0.0.1:80/a"))).isTrue();
    assertThat(http.matches(URI.create("http://127.0.0.1:8080/a"))).isFalse();
    assertThat(http.matches(URI.create("ftp://127.0.0.1/a"))).isFalse();
  }

  @Test
  void authTransport_addsTheCredentialsOnlyToCallsOfTheOrigin() {
    List<HttpCall> seen = new ArrayList<>();
    AuthTransport auth =
        new AuthTransport(
            call -> {
              seen.add(call);
              return CompletableFuture.completedFuture(new HttpResult(200, Map.of(), new byte[0]));
            },
            Credentials.apiKey(Stub.KEY),
            Origin.of(URI.create("https://api.example:443")));
    for (String uri :
        List.of("https://api.example/v2/x", "http://api.example/v2/x", "https://api.example:1/x")) {
      auth.execute(
          HttpCall.of(
              ApiOperation.GET_CHATS,
              1,
              "POST",
              URI.create(uri),
              null,
              Duration.ofSeconds(1),
              null));
    }
    assertThat(seen)
        .extracting(c -> c.headers().get("Api-Key"))
        .containsExactly(Stub.KEY, null, null);
  }

  @Test
  void anHttpClientThatFollowsRedirects_isRefused() {
    IllegalStateException e =
        catchThrowableOfType(
            IllegalStateException.class,
            () ->
                ChatsClient.builder()
                    .apiKey(Stub.KEY)
                    .httpClient(
                        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build())
                    .build());
    assertThat(e.getMessage()).contains("followRedirects(HttpClient.Redirect.NEVER)");
  }
}
