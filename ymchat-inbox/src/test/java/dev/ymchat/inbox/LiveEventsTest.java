package dev.ymchat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live stream over HTTP: a page names the moment it was drawn in its stream's address, so a
 * change that lands between drawing the page and connecting (or while the stream was down) is not
 * lost: the stream says "resync" at once. A current page gets no resync, only the change itself.
 */
class LiveEventsTest {

  private static final Pattern STREAM = Pattern.compile("sse-connect=\"([^\"]+)\"");

  @RegisterExtension static final Stack stack = new Stack();

  @Test
  void aChangeBetweenDrawingAndConnecting_isSentAsResync_onConnect() throws Exception {
    WebClient web = signedIn();
    String stream = streamOf(web.get("/").body());
    long chat = firstChat(web);
    String text = "Где мой заказ? " + System.nanoTime();
    stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, text);
    Stack.await(() -> web.get("/?view=all&status=all").body().contains(text), "the new message");

    try (Events events = Events.open(web, stream)) {
      assertThat(events.next(5)).isEqualTo("resync");
    }
  }

  @Test
  void aCurrentPage_getsNoResync_butTheChangeWhenItComes() throws Exception {
    WebClient web = signedIn();
    String stream = streamOf(web.get("/").body());
    try (Events events = Events.open(web, stream)) {
      assertThat(events.next(1)).as("no event for a current page").isNull();
      long chat = firstChat(web);
      stack.sandbox.market().buyerWrites(Stack.BUSINESS, chat, "Ещё вопрос " + System.nanoTime());
      assertThat(events.next(10)).isIn("list", "chat-" + Stack.BUSINESS + "-" + chat);
    }
  }

  @Test
  void theChatPage_namesItsMoment_too() {
    WebClient web = signedIn();
    long chat = firstChat(web);
    String page = web.get(Pages.chatHref(Stack.BUSINESS, chat)).body();
    assertThat(streamOf(page)).matches("/events\\?v=\\d+");
  }

  @Test
  void aStreamAddressWithoutItsMoment_getsResync() throws Exception {
    WebClient web = signedIn();
    try (Events events = Events.open(web, "/events?v=not-a-number")) {
      assertThat(events.next(5)).isEqualTo("resync");
    }
  }

  @Test
  void theStream_wantsAnEventStreamClient() {
    WebClient web = signedIn();
    HttpResponse<String> r = web.get("/events");
    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(r.body()).contains("text/event-stream");
  }

  private static WebClient signedIn() {
    WebClient web = new WebClient(stack.url());
    assertThat(web.login("alice", Stack.PASSWORD).statusCode()).isEqualTo(302);
    return web;
  }

  private static long firstChat(WebClient web) {
    Matcher m = Pattern.compile("data-chat=\"(\\d+)\"").matcher(web.get("/?view=all").body());
    assertThat(m.find()).as("a chat in alice's list").isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String streamOf(String html) {
    Matcher m = STREAM.matcher(html);
    assertThat(m.find()).as("the page's live stream").isTrue();
    return m.group(1).replace("&amp;", "&");
  }

  /** An open event stream; {@link #next} returns the next event's name. */
  private record Events(BlockingQueue<String> names, HttpResponse<Stream<String>> response)
      implements AutoCloseable {

    static Events open(WebClient web, String path) throws Exception {
      BlockingQueue<String> names = new LinkedBlockingQueue<>();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(web.base + path))
              .header("Accept", "text/event-stream")
              .build();
      CompletableFuture<HttpResponse<Stream<String>>> response =
          web.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
      HttpResponse<Stream<String>> r = response.get(10, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      Thread reader =
          new Thread(
              () -> {
                try (Stream<String> lines = r.body()) {
                  lines
                      .filter(l -> l.startsWith("event:"))
                      .forEach(l -> names.add(l.substring("event:".length()).trim()));
                } catch (RuntimeException e) {
                  // the stream was closed by the test
                }
              },
              "live-events-test");
      reader.setDaemon(true);
      reader.start();
      return new Events(names, r);
    }

    String next(int seconds) throws InterruptedException {
      return names.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      response.body().close();
    }
  }
}
