package dev.ymchat.client.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.BiConsumer;

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
 * <p>The answers follow Market's specification:
 *
 * <ul>
 *   <li>200 {@code {"version","name","time"}} when the listener handled the notification, with
 *       {@code time} the UTC instant processing started (millisecond precision);
 *   <li>400 {@code {"error":{"type":"WRONG_EVENT_FORMAT","message"}}} when the body is not JSON,
 *       has no {@code notificationType}, or lacks a required field or has one of the wrong type;
 *   <li>500 {@code {"error":{"type":"UNKNOWN","message"}}} when the listener threw; the message is
 *       a fixed text that reveals nothing of the failure, which goes to the {@linkplain
 *       Builder#listenerErrorHandler error handler} instead.
 * </ul>
 *
 * <p><b>Duplicates.</b> Market may deliver one event more than once. Chat events are remembered by
 * type, business, chat and message id (or event time) in a bounded least-recently-used window; a
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

  private NotificationReceiver(Builder builder) {
    this.name = builder.name;
    this.version = builder.version;
    this.listener = builder.listener;
    this.clock = builder.clock;
    this.errorHandler = builder.errorHandler;
    this.window =
        builder.dedupWindowSize == 0
            ? null
            : new EventWindow(builder.dedupWindowSize, builder.dedupTtl, builder.clock);
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
   */
  public ReceiverResponse handle(String body) {
    Notification notification;
    try {
      notification = NotificationJson.parse(body);
    } catch (NotificationFormatException e) {
      return error(400, "WRONG_EVENT_FORMAT", e.getMessage());
    }
    return handle(notification);
  }

  /**
   * Handles one notification body given as bytes.
   *
   * @param body the request body as bytes (UTF-8)
   * @return the answer to send to Market
   */
  public ReceiverResponse handle(byte[] body) {
    Notification notification;
    try {
      notification = NotificationJson.parse(body);
    } catch (NotificationFormatException e) {
      return error(400, "WRONG_EVENT_FORMAT", e.getMessage());
    }
    return handle(notification);
  }

  /**
   * Handles a notification that is already parsed, with the same de-duplication and answers as for
   * a body.
   *
   * @param notification the notification
   * @return the answer to send to Market
   * @throws NullPointerException if {@code notification} is {@code null}
   */
  public ReceiverResponse handle(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    // the spec's "time" is when processing started, so read the clock before the listener runs
    Instant started = clock.instant();
    if (notification instanceof PingNotification) {
      deliver(notification);
      return ok(started);
    }
    String key = eventKey(notification);
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

  static String eventKey(Notification notification) {
    if (notification instanceof ChatCreatedNotification) {
      ChatCreatedNotification n = (ChatCreatedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.createdAt().toInstant());
    }
    if (notification instanceof ChatMessageSentNotification) {
      ChatMessageSentNotification n = (ChatMessageSentNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.messageId());
    }
    if (notification instanceof ChatArbitrageStartedNotification) {
      ChatArbitrageStartedNotification n = (ChatArbitrageStartedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.startedAt().toInstant());
    }
    if (notification instanceof ChatArbitrageFinishedNotification) {
      ChatArbitrageFinishedNotification n = (ChatArbitrageFinishedNotification) notification;
      return key(n.notificationType(), n.businessId(), n.chatId(), n.finishedAt().toInstant());
    }
    return null;
  }

  private static String key(String type, long businessId, long chatId, Object event) {
    return type + '/' + businessId + '/' + chatId + '/' + event;
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

    private Builder() {}

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
      return new NotificationReceiver(this);
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
