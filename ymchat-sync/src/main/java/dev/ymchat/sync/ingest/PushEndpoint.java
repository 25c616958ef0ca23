package dev.ymchat.sync.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ymchat.client.notify.ChatArbitrageFinishedNotification;
import dev.ymchat.client.notify.ChatArbitrageStartedNotification;
import dev.ymchat.client.notify.ChatCreatedNotification;
import dev.ymchat.client.notify.ChatMessageSentNotification;
import dev.ymchat.client.notify.Notification;
import dev.ymchat.client.notify.NotificationListener;
import dev.ymchat.client.notify.NotificationReceiver;
import dev.ymchat.client.notify.ReceiverResponse;
import dev.ymchat.sync.store.Database;
import dev.ymchat.sync.store.Mirror;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification endpoint ({@code POST /notification}) and the health page ({@code GET /health})
 * on the JDK's HTTP server. A notification is a hint: {@code CHAT_MESSAGE_SENT} and {@code
 * CHAT_CREATED} (and the dispute notifications) ask for one read of the chat, stored before the
 * answer so a crash loses nothing; what goes into the mirror is what that read returns. A {@code
 * PING} is answered by the receiver at once, without touching the database.
 */
public final class PushEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);

  /** The largest notification body read; Market's are a few hundred bytes. */
  static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Starts the endpoint.
   *
   * @param host the address to bind, such as 127.0.0.1
   * @param port the port, 0 for any free one
   * @param database the database
   * @param mirror the mirror's SQL
   * @param businesses the businesses served; notifications of others are answered and ignored
   * @param clock the clock
   * @param onHint called after a read was asked for (wakes the readers)
   * @param health the health JSON
   * @throws IOException when the port cannot be bound
   */
  public PushEndpoint(
      String host,
      int port,
      Database database,
      Mirror mirror,
      Set<Long> businesses,
      Clock clock,
      Runnable onHint,
      Supplier<byte[]> health)
      throws IOException {
    NotificationListener listener =
        new NotificationListener() {
          @Override
          public void onNotification(Notification notification) {
            // PING is answered by the receiver; unknown types are acknowledged and ignored
          }

          @Override
          public void onChatMessageSent(ChatMessageSentNotification n) {
            hint(n.businessId(), n.chatId(), n.messageId(), false);
          }

          @Override
          public void onChatCreated(ChatCreatedNotification n) {
            hint(n.businessId(), n.chatId(), 0, true);
          }

          @Override
          public void onChatArbitrageStarted(ChatArbitrageStartedNotification n) {
            hint(n.businessId(), n.chatId(), 0, true);
          }

          @Override
          public void onChatArbitrageFinished(ChatArbitrageFinishedNotification n) {
            hint(n.businessId(), n.chatId(), 0, true);
          }

          private void hint(long business, long chat, long messageId, boolean refresh) {
            if (!businesses.contains(business)) {
              LOG.info("Notification for business {}, which this sync does not serve", business);
              return;
            }
            boolean asked =
                database.inTransaction(
                    h -> {
                      if (messageId > 0 && mirror.hasMessage(h, business, chat, messageId)) {
                        return false;
                      }
                      mirror.requestRead(
                          h, business, chat, Mirror.PRIORITY_PUSH, refresh, clock.instant());
                      return true;
                    });
            if (asked) {
              onHint.run();
            }
          }
        };
    NotificationReceiver receiver =
        NotificationReceiver.builder()
            .name("ymchat-sync")
            .version("1.0")
            .listener(listener)
            .clock(clock)
            .build();
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "ymchat-sync-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/notification",
        exchange -> {
          try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.getResponseHeaders().add("Allow", "POST");
              send(exchange, 405, "{\"error\":\"use POST\"}");
              return;
            }
            byte[] body = readCapped(exchange.getRequestBody());
            if (body == null) {
              send(
                  exchange,
                  413,
                  "{\"error\":{\"type\":\"WRONG_EVENT_FORMAT\",\"message\":\"body over 64 KB\"}}");
              return;
            }
            ReceiverResponse answer = receiver.handle(body);
            exchange.getResponseHeaders().add("Content-Type", ReceiverResponse.CONTENT_TYPE);
            byte[] bytes = answer.bodyBytes();
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          } catch (RuntimeException e) {
            LOG.warn("Notification handling failed: {}", e.toString());
          }
        });
    server.createContext(
        "/health",
        exchange -> {
          try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
              exchange.getResponseHeaders().add("Allow", "GET");
              send(exchange, 405, "{\"error\":\"use GET\"}");
              return;
            }
            byte[] json;
            int status = 200;
            try {
              json = health.get();
            } catch (RuntimeException e) {
              status = 503;
              json =
                  ("{\"status\":\"DOWN\",\"error\":\"the database cannot be read\"}")
                      .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(json);
            }
          }
        });
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            send(exchange, 404, "{\"error\":\"not found: use POST /notification or GET /health\"}");
          }
        });
    server.start();
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? null : bytes;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Returns the bound port.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops taking notifications, letting the ones in progress finish (up to 2 s). */
  @Override
  public void close() {
    server.stop(2);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
