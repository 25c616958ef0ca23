package dev.ymchat.client.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Handles the bodies Market POSTs to the seller's {@code /notification} endpoint, without any web
 * framework: give it the request body, write back the status and body it returns.
 *
 * <pre>{@code
 * NotificationReceiver receiver = NotificationReceiver.builder()
 *     .name("my-shop").version("1.0")
 *     .listener(n -> queue.add(n))
 *     .build();
 * ReceiverResponse answer = receiver.handle(requestBody);
 * // respond with answer.status(), answer.contentType(), answer.body()
 * }</pre>
 *
 * <p><b>A notification is a hint, not the truth.</b> Market signs nothing, so anyone who can reach
 * the endpoint can send a well-formed notification with any ids. A receiver must treat it only as a
 * reason to look: re-read the state through the API ({@code ChatsClient.chat}, {@code history},
 * {@code message}) with its own credentials and act on what the API says; never act on the body's
 * content, and never take its ids as proof that anything happened. Serve the endpoint over HTTPS
 * only, and restrict it to Market's published address ranges with {@link Builder#allowedSources},
 * passing each request's remote address to {@link #handle(byte[], InetAddress)}. Bodies over {@link
 * Builder#maxBodySize} (64 KB by default) are refused unread; read at most {@link #maxBodySize()} +
 * 1 bytes of a request before handing them over.
 *
 * <p>The answers follow Market's specification:
 *
 * <ul>
 *   <li>200 {@code {"version","name","time"}} when the listener handled the notification, with
 *       {@code time} the UTC instant processing started (millisecond precision);
 *   <li>400 {@code {"error":{"type":"WRONG_EVENT_FORMAT","message"}}} when the body is not JSON,
 *       has no {@code notificationType}, or lacks a required field or has one of the wrong type, or
 *       is longer than the size limit (then it is not parsed at all);
 *   <li>403 {@code {"error":{"type":"UNKNOWN","message"}}} when an allow-list of source networks is
 *       set and the request came from outside it; the listener never sees such a request;
 *   <li>500 {@code {"error":{"type":"UNKNOWN","message"}}} when the listener threw; the message is
 *       a fixed text that reveals nothing of the failure, which goes to the {@linkplain
 *       Builder#listenerErrorHandler error handler} instead.
 * </ul>
 *
 * <p><b>Duplicates.</b> Market may deliver one event more than once. Chat events are remembered by
 * type, business, chat, message id (for new messages) and the event's own time ({@code sentAt},
 * {@code createdAt}, {@code startedAt}, {@code finishedAt}) in a bounded least-recently-used
 * window, so a forged copy with another time cannot make the genuine event look like a repeat; a
 * repeat within the window is answered 200 and not handed to the listener again. It is answered 200
 * rather than 400 {@code DUPLICATED_EVENT}, which the specification also allows, because Market
 * treats any answer but 200 as a failed delivery and delivers again: the event was handled, so
 * success is the truthful answer and it stops the retries. A notification whose listener threw is
 * not remembered, so Market's retry is processed. Two deliveries of one event arriving at once are
 * handed to the listener once: the second waits for the first and then answers as above.
 *
 * <p>{@code PING} is never de-duplicated: it is always handed to the listener and always answered
 * 200, because it checks that the endpoint answers (within one second) and carries no event that a
 * retry could save. Notifications of other types ({@link UnknownNotification}) have no known event
 * key and are handed to the listener on every delivery.
 *
 * <p>Instances are thread-safe; one receiver serves all requests.
 */
public final class NotificationReceiver {

  /** How many processed events the duplicate window remembers unless set otherwise. */
  public static final int DEFAULT_DEDUP_WINDOW_SIZE = 10_000;

  /** How long the duplicate window remembers an event unless set otherwise. */
  public static final Duration DEFAULT_DEDUP_TTL = Duration.ofHours(24);

  /** The longest body, in bytes, accepted unless set otherwise: 64 KB. */
  public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;

  static final String REFUSED_SOURCE_MESSAGE = "Notifications are not accepted from this address.";

  static final String FAILURE_MESSAGE =
      "The notification could not be processed right now; please deliver it again later.";

  private static final int MAX_NAME_LENGTH = 100;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final String version;
  private final NotificationListener listener;
  private final Clock clock;
  private final BiConsumer<? super Notification, ? super Exception> errorHandler;
  private final EventWindow window;
  private final int maxBodySize;
  private final List<SourceNetwork> allowedSources;

  private NotificationReceiver(Builder builder, List<SourceNetwork> allowedSources) {
    this.name = builder.name;
    this.version = builder.version;
    this.listener = builder.listener;
    this.clock = builder.clock;
    this.errorHandler = builder.errorHandler;
    this.window =
        builder.dedupWindowSize == 0
            ? null
            : new EventWindow(builder.dedupWindowSize, builder.dedupTtl, builder.clock);
    this.maxBodySize = builder.maxBodySize;
    this.allowedSources = List.copyOf(allowedSources);
  }

  /**
   * Starts a receiver configuration.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Handles one notification body.
   *
   * @param body the request body as text
   * @return the answer to send to Market
   * @throws IllegalStateException when an allow-list of sources is set: use {@link #handle(String,
   *     InetAddress)}
   */
  public ReceiverResponse handle(String body) {
    requireNoAllowList();
    return handleText(body);
  }

  /**
   * Handles one notification body given as bytes.
   *
   * @param body the request body as bytes (UTF-8)
   * @return the answer to send to Market
   * @throws IllegalStateException when an allow-list of sources is set: use {@link #handle(byte[],
   *     InetAddress)}
   */
  public ReceiverResponse handle(byte[] body) {
    requireNoAllowList();
    return handleBytes(body);
  }

  /**
   * Handles one notification body from a known source: a source outside the {@linkplain
   * Builder#allowedSources allow-list} is answered 403 and never reaches the listener.
   *
   * @param body the request body as text
   * @param source the remote address of the request, as the HTTP server saw it
   * @return the answer to send
   * @throws NullPointerException if {@code source} is {@code null}
   */
  public ReceiverResponse handle(String body, InetAddress source) {
    return isAllowedSource(source) ? handleText(body) : refused();
  }

  /**
   * Handles one notification body given as bytes from a known source, see {@link #handle(String,
   * InetAddress)}.
   *
   * @param body the request body as bytes (UTF-8)
   * @param source the remote address of the request, as the HTTP server saw it
   * @return the answer to send
   * @throws NullPointerException if {@code source} is {@code null}
   */
  public ReceiverResponse handle(byte[] body, InetAddress source) {
    return isAllowedSource(source) ? handleBytes(body) : refused();
  }

  /**
   * Tells whether a request from this address may be handled: always without an allow-list, else
   * only from one of its networks.
   *
   * @param source the remote address of the request
   * @return {@code true} when the source is allowed
   * @throws NullPointerException if {@code source} is {@code null}
   */
  public boolean isAllowedSource(InetAddress source) {
    Objects.requireNonNull(source, "source");
    if (allowedSources.isEmpty()) {
      return true;
    }
    for (SourceNetwork network : allowedSources) {
      if (network.contains(source)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the longest body this receiver accepts; an HTTP server should read at most one byte
   * more than this before handing the body over.
   *
   * @return the limit in bytes
   */
  public int maxBodySize() {
    return maxBodySize;
  }

  private ReceiverResponse handleText(String body) {
    boolean tooLarge =
        body != null && body.length() > maxBodySize / 3 && utf8Length(body) > maxBodySize;
    return handleBody(tooLarge, () -> NotificationJson.parse(body));
  }

  private ReceiverResponse handleBytes(byte[] body) {
    return handleBody(
        body != null && body.length > maxBodySize, () -> NotificationJson.parse(body));
  }

  /** The one path of a body: size, then parse, then {@link #handleParsed}. */
  private ReceiverResponse handleBody(boolean tooLarge, Supplier<Notification> parse) {
    if (tooLarge) {
      return tooLarge();
    }
    Notification notification;
    try {
      notification = parse.get();
    } catch (NotificationFormatException e) {
      return error(400, "WRONG_EVENT_FORMAT", e.getMessage());
    }
    return handleParsed(notification);
  }

  private ReceiverResponse tooLarge() {
    return error(
        400,
        "WRONG_EVENT_FORMAT",
        "The notification is longer than " + maxBodySize + " bytes, the limit of this receiver.");
  }

  private ReceiverResponse refused() {
    return error(403, "UNKNOWN", REFUSED_SOURCE_MESSAGE);
  }

  private void requireNoAllowList() {
    if (!allowedSources.isEmpty()) {
      throw new IllegalStateException(
          "this NotificationReceiver has an allow-list of source networks "
              + allowedSources
              + ": call handle(body, remoteAddress) with the request's remote address");
    }
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Handles a notification that is already parsed, with the same de-duplication and answers as for
   * a body.
   *
   * @param notification the notification
   * @return the answer to send to Market
   * @throws NullPointerException if {@code notification} is {@code null}
   * @throws IllegalStateException when an allow-list of sources is set: check the source with
   *     {@link #isAllowedSource} and pass the body to {@link #handle(byte[], InetAddress)}
   */
  public ReceiverResponse handle(Notification notification) {
    requireNoAllowList();
    return handleParsed(notification);
  }

  private ReceiverResponse handleParsed(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    // the spec's "time" is when processing started, so read the clock before the listener runs
    Instant started = clock.instant();
    if (notification instanceof PingNotification) {
      deliver(notification);
      return ok(started);
    }
    String key = EventWindow.keyOf(notification);
    if (key == null || window == null) {
      return deliver(notification) ? ok(started) : failure();
    }
    EventWindow.Claim claim;
    try {
      claim = window.claim(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure();
    }
    if (claim == null) {
      return ok(started);
    }
    boolean delivered = false;
    try {
      delivered = deliver(notification);
    } finally {
      if (delivered) {
        window.succeeded(claim);
      } else {
        window.failed(claim);
      }
    }
    return delivered ? ok(started) : failure();
  }

  /** Returns how many processed events the duplicate window remembers now. */
  int rememberedEvents() {
    return window == null ? 0 : window.size();
  }

  private boolean deliver(Notification notification) {
    try {
      listener.dispatch(notification);
      return true;
    } catch (Exception e) {
      try {
        errorHandler.accept(notification, e);
      } catch (RuntimeException ignored) {
        // a failing error handler must not change the answer Market gets
      }
      return false;
    }
  }

  private ReceiverResponse ok(Instant started) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", version);
    body.put("name", name);
    body.put("time", DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.MILLIS)));
    return new ReceiverResponse(200, write(body));
  }

  private static ReceiverResponse failure() {
    return error(500, "UNKNOWN", FAILURE_MESSAGE);
  }

  private static ReceiverResponse error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("type", type);
    error.put("message", message);
    return new ReceiverResponse(status, write(body));
  }

  private static String write(ObjectNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // a tree of strings always serializes
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "NotificationReceiver[name=" + name + ", version=" + version + "]";
  }

  /**
   * Configures a {@link NotificationReceiver}; {@code name}, {@code version} and the listener are
   * required.
   */
  public static final class Builder {
    private String name;
    private String version;
    private NotificationListener listener;
    private Clock clock = Clock.systemUTC();
    private int dedupWindowSize = DEFAULT_DEDUP_WINDOW_SIZE;
    private Duration dedupTtl = DEFAULT_DEDUP_TTL;
    private BiConsumer<? super Notification, ? super Exception> errorHandler = (n, e) -> {};
    private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private List<String> allowedSources = List.of();

    private Builder() {}

    /**
     * Sets the longest body accepted, in bytes; a longer one is answered 400 {@code
     * WRONG_EVENT_FORMAT} without being parsed. {@value NotificationReceiver#DEFAULT_MAX_BODY_SIZE}
     * by default; Market's chat notifications are a few hundred bytes.
     *
     * @param bytes 1 to 16 MB
     * @return this builder
     */
    public Builder maxBodySize(int bytes) {
      this.maxBodySize = bytes;
      return this;
    }

    /**
     * Accepts notifications only from these networks, in CIDR form ({@code 5.45.192.0/18}, {@code
     * 2a02:6b8::/32}; a bare address is a network of one), such as Market's published ranges. The
     * host server then passes each request's remote address to {@link
     * NotificationReceiver#handle(byte[], InetAddress)}; a request from elsewhere is answered 403.
     * Empty (the default) accepts every source.
     *
     * @param networks the networks, literal addresses only
     * @return this builder
     */
    public Builder allowedSources(List<String> networks) {
      this.allowedSources = networks == null ? null : new ArrayList<>(networks);
      return this;
    }

    /**
     * Sets the integration name sent back in every 200 answer.
     *
     * @param name 1 to 100 characters, such as {@code my-shop}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the integration version sent back in every 200 answer.
     *
     * @param version 1 to 100 characters, such as {@code 1.0}
     * @return this builder
     */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /**
     * Sets who gets the accepted notifications.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(NotificationListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Sets the clock for the {@code time} of 200 answers and the duplicate window; the system UTC
     * clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets how many processed events the duplicate window remembers; the least recently seen is
     * forgotten first. {@value NotificationReceiver#DEFAULT_DEDUP_WINDOW_SIZE} by default; 0 turns
     * de-duplication off.
     *
     * @param size the number of events, at least 0
     * @return this builder
     */
    public Builder dedupWindowSize(int size) {
      this.dedupWindowSize = size;
      return this;
    }

    /**
     * Sets how long the duplicate window remembers a processed event; 24 hours by default.
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder dedupTtl(Duration ttl) {
      this.dedupTtl = ttl;
      return this;
    }

    /**
     * Sets what to do with an exception the listener threw, such as logging it; the receiver has
     * already decided its answer, and an exception from the handler itself is ignored. Does nothing
     * by default.
     *
     * @param handler gets the notification and the listener's exception
     * @return this builder
     */
    public Builder listenerErrorHandler(
        BiConsumer<? super Notification, ? super Exception> handler) {
      this.errorHandler = handler;
      return this;
    }

    /**
     * Creates the receiver.
     *
     * @return the receiver
     * @throws IllegalStateException if a required setting is missing or a setting is out of range;
     *     the message names it
     */
    public NotificationReceiver build() {
      requireText("name", name, "my-shop");
      requireText("version", version, "1.0");
      if (listener == null) {
        throw new IllegalStateException(
            "NotificationReceiver needs a listener: call .listener(notification -> ...)"
                + " with the code that handles notifications.");
      }
      if (clock == null) {
        throw new IllegalStateException(
            "The clock is null: call .clock(Clock.systemUTC()) or leave the default.");
      }
      if (dedupWindowSize < 0) {
        throw new IllegalStateException(
            "dedupWindowSize is "
                + dedupWindowSize
                + ": use 0 to turn de-duplication off or a positive number of events.");
      }
      if (dedupTtl == null || dedupTtl.isNegative() || dedupTtl.isZero()) {
        throw new IllegalStateException(
            "dedupTtl must be a positive duration, such as Duration.ofHours(24), got "
                + dedupTtl
                + ".");
      }
      if (errorHandler == null) {
        throw new IllegalStateException(
            "The listener error handler is null: pass (notification, error) -> {} to ignore"
                + " errors.");
      }
      if (maxBodySize < 1 || maxBodySize > 16 * 1024 * 1024) {
        throw new IllegalStateException(
            "maxBodySize is "
                + maxBodySize
                + ": use 1 to 16 MB (16777216 bytes); the default is "
                + DEFAULT_MAX_BODY_SIZE
                + ".");
      }
      if (allowedSources == null) {
        throw new IllegalStateException(
            "allowedSources is null: pass List.of() to accept every source.");
      }
      List<SourceNetwork> networks = new ArrayList<>();
      for (String network : allowedSources) {
        try {
          networks.add(SourceNetwork.parse(network));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("allowedSources: " + e.getMessage() + ".", e);
        }
      }
      return new NotificationReceiver(this, networks);
    }

    private static void requireText(String setting, String value, String example) {
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(
            "NotificationReceiver needs a "
                + setting
                + ": call ."
                + setting
                + "(\""
                + example
                + "\"); Market receives it in every 200 answer.");
      }
      if (value.length() > MAX_NAME_LENGTH) {
        throw new IllegalStateException(
            "The "
                + setting
                + " is "
                + value.length()
                + " characters long; Market accepts 1 to "
                + MAX_NAME_LENGTH
                + ".");
      }
    }
  }
}
