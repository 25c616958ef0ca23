package dev.ymchat.sandbox.market;

import dev.ymchat.client.Backoff;
import dev.ymchat.client.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends push notifications to a seller's webhook the way Market does: POSTs of JSON, retried with
 * exponential backoff until the receiver answers HTTP 200, strictly in order per ordering key (the
 * chat id; use {@code 0} for {@code PING}), with different keys delivered concurrently on a bounded
 * pool of workers, and optionally, as Market sometimes does, losing a share of the events (counted
 * in {@link #lost()}, never sent) and delivering a share twice: the copy follows a random delay
 * after the original was delivered, on its own, so it may arrive after newer events of its chat
 * ({@link WebhookFaults}).
 *
 * <p>{@link #publish(long, String)} never blocks on the network. An event whose attempts are
 * exhausted is dropped, counted in {@link #failed()} and logged at WARN with the endpoint's scheme,
 * host, port and path only (never credentials or query strings); the next event of the same key
 * then proceeds.
 *
 * <pre>{@code
 * try (WebhookDispatcher webhook = WebhookDispatcher.builder()
 *     .url(URI.create("http://127.0.0.1:8080/notification"))
 *     .build()) {
 *   webhook.publish(chatId, Notifications.chatCreated(businessId, chatId, OffsetDateTime.now()));
 * }
 * }</pre>
 */
public final class WebhookDispatcher implements AutoCloseable {

  /** The {@code User-Agent} header sent with every notification. */
  public static final String USER_AGENT = "ymchat-sandbox";

  /** The {@code Content-Type} header sent with every notification. */
  public static final String CONTENT_TYPE = "application/json; charset=UTF-8";

  /** The ordering key of {@code PING}, which belongs to no chat. */
  public static final long PING_KEY = 0;

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String safeUrl;
  private final int maxAttempts;
  private final ExecutorService ownedHttpExecutor;
  private final DeliveryLanes lanes;

  private WebhookDispatcher(Builder b) {
    this.safeUrl = safeUrl(b.url);
    this.maxAttempts = b.maxAttempts;
    WebhookFaults faults =
        b.faults != null
            ? b.faults
            : new WebhookFaults(
                b.lossRate,
                b.duplicateRate,
                WebhookFaults.DEFAULT_DUPLICATE_DELAY,
                b.seed == null ? new Random().nextLong() : b.seed);
    int id = INSTANCES.incrementAndGet();
    HttpClient httpClient;
    if (b.httpClient != null) {
      httpClient = b.httpClient;
      this.ownedHttpExecutor = null;
    } else {
      this.ownedHttpExecutor =
          Executors.newCachedThreadPool(DeliveryLanes.threads("ymchat-webhook-" + id + "-http-"));
      httpClient =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(b.requestTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .executor(ownedHttpExecutor)
              .build();
    }
    this.lanes =
        new DeliveryLanes(
            new WebhookPost(httpClient, b.url, b.requestTimeout, b.pingTimeout),
            Backoff.exponential(b.initialBackoff, b.maxBackoff),
            b.maxAttempts,
            safeUrl,
            faults,
            b.clock,
            b.workers,
            "ymchat-webhook-" + id + "-",
            b.sleeper);
  }

  /**
   * Starts a builder; only {@link Builder#url(URI)} is required.
   *
   * @return a new builder with Market-like defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Queues a notification for delivery without blocking; events with the same key are delivered in
   * the order they were published.
   *
   * @param orderingKey the chat id the event belongs to, or {@link #PING_KEY} for {@code PING}
   *     (whose attempts are cut off after the {@link Builder#pingTimeout PING timeout})
   * @param json the notification body, e.g. from {@link Notifications}
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalStateException if the dispatcher is closed
   */
  public void publish(long orderingKey, String json) {
    Objects.requireNonNull(json, "json must not be null");
    lanes.publish(orderingKey, json);
  }

  /**
   * Replaces the loss and duplication of notifications from now on; the decisions restart from the
   * new configuration's seed.
   *
   * @param faults the new configuration, {@link WebhookFaults#none()} to deliver everything once
   */
  public void setFaults(WebhookFaults faults) {
    lanes.setFaults(Objects.requireNonNull(faults, "faults must not be null"));
  }

  /**
   * The loss and duplication in force.
   *
   * @return the configuration
   */
  public WebhookFaults faults() {
    return lanes.faults();
  }

  /**
   * Counts notifications lost on purpose ({@link WebhookFaults#lossRate()}): never sent.
   *
   * @return the number of lost notifications so far
   */
  public long lost() {
    return lanes.count(c -> c.lost);
  }

  /**
   * Counts notifications chosen to be delivered twice ({@link WebhookFaults#duplicateRate()}).
   *
   * @return the number of duplicated notifications so far (each also counts in {@link #delivered()}
   *     twice once both copies are through)
   */
  public long duplicated() {
    return lanes.count(c -> c.duplicated);
  }

  /**
   * Counts deliveries answered with HTTP 200 (a duplicate counts separately).
   *
   * @return the number of successful deliveries so far
   */
  public long delivered() {
    return lanes.count(c -> c.delivered);
  }

  /**
   * Counts deliveries dropped after {@code maxAttempts} unsuccessful attempts.
   *
   * @return the number of deliveries given up so far
   */
  public long failed() {
    return lanes.count(c -> c.failed);
  }

  /**
   * Counts HTTP attempts, successful or not, including retries.
   *
   * @return the number of attempts made so far
   */
  public long attempts() {
    return lanes.count(c -> c.attempts);
  }

  /**
   * Counts deliveries queued or in flight.
   *
   * @return the number of deliveries not yet finished
   */
  public long pending() {
    return lanes.count(c -> c.outstanding);
  }

  /**
   * Counts deliveries that were still pending when the dispatcher was closed and were dropped.
   *
   * @return the number of deliveries discarded by {@link #close()}
   */
  public long discarded() {
    return lanes.count(c -> c.discarded);
  }

  /**
   * Waits until every published event has been delivered or given up.
   *
   * @param timeout how long to wait at most
   * @return true if nothing is pending, false if the timeout passed or the thread was interrupted
   *     (its interrupt flag is then set again)
   */
  public boolean awaitIdle(Duration timeout) {
    return lanes.awaitIdle(timeout);
  }

  /**
   * Returns the latest delivery attempts, oldest first (at most 256 are kept).
   *
   * @return a snapshot of the recent attempts
   */
  public List<DeliveryRecord> recentDeliveries() {
    return lanes.recent();
  }

  /**
   * Stops the workers promptly: attempts in flight are interrupted and events still queued or
   * waiting for a retry are dropped (counted in {@link #discarded()}), not delivered. Idempotent.
   */
  @Override
  public void close() {
    if (!lanes.close()) {
      return;
    }
    if (ownedHttpExecutor != null) {
      ownedHttpExecutor.shutdownNow();
    }
    lanes.awaitStopped();
  }

  @Override
  public String toString() {
    return "WebhookDispatcher[url=" + safeUrl + ", maxAttempts=" + maxAttempts + "]";
  }

  /**
   * The URL without user info, query or fragment, which could carry secrets.
   *
   * @param uri the URL
   * @return scheme, host, port and path only
   */
  public static String safeUrl(URI uri) {
    StringBuilder sb = new StringBuilder();
    sb.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    return sb.toString();
  }

  /**
   * One delivery attempt, for tests and the CLI.
   *
   * @param orderingKey the key the event was published with (the chat id, 0 for PING)
   * @param body the notification JSON that was sent
   * @param attempt which attempt of this delivery it was, starting at 1
   * @param statusCode the HTTP status received, or 0 when no response arrived
   * @param delivered whether the receiver answered HTTP 200
   * @param error what went wrong, empty when delivered
   * @param at when the attempt finished
   */
  public record DeliveryRecord(
      long orderingKey,
      String body,
      int attempt,
      int statusCode,
      boolean delivered,
      Optional<String> error,
      Instant at) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if a reference component is null
     */
    public DeliveryRecord {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Configures a {@link WebhookDispatcher}; defaults follow Market's behaviour. */
  public static final class Builder {
    private URI url;
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration pingTimeout = Duration.ofSeconds(1);
    private double duplicateRate;
    private double lossRate;
    private Long seed;
    private WebhookFaults faults;
    private int workers = 4;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Sets the seller's notification endpoint (required), e.g. {@code
     * http://127.0.0.1:8080/notification}.
     *
     * @param url an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http(s) with a host
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url must not be null");
      String scheme = url.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "webhook url must be an absolute http:// or https:// URL with a host, e.g."
                + " http://127.0.0.1:8080/notification; got scheme '"
                + scheme
                + "'");
      }
      this.url = url;
      return this;
    }

    /**
     * Sets how many times one delivery is tried before it is dropped (default 6).
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1, but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the wait before the first retry (default 200 ms); it doubles with every further retry up
     * to {@link #maxBackoff(Duration)}.
     *
     * @param initialBackoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * Sets the longest wait between two attempts (default 10 s).
     *
     * @param maxBackoff a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * Sets how long one attempt may take, connecting included (default 10 s, Market's own timeout).
     *
     * @param requestTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /**
     * Sets how long a {@code PING} attempt may take (default 1 s: Market requires the seller's
     * endpoint to answer a {@code PING} within one second, and counts a later answer as a failure).
     *
     * @param pingTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = positive("pingTimeout", pingTimeout);
      return this;
    }

    /**
     * Sets the probability that an event is delivered twice (default 0), to test a receiver's
     * deduplication. The copy follows the delivered original after a random delay of up to {@link
     * WebhookFaults#DEFAULT_DUPLICATE_DELAY}, unordered with the chat's other events.
     *
     * @param duplicateRate between 0 and 1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder duplicateRate(double duplicateRate) {
      if (!(duplicateRate >= 0.0 && duplicateRate <= 1.0)) {
        throw new IllegalArgumentException(
            "duplicateRate must be between 0 and 1 (a probability), but was " + duplicateRate);
      }
      this.duplicateRate = duplicateRate;
      return this;
    }

    /**
     * Sets the probability that an event is lost: counted in {@link WebhookDispatcher#lost()},
     * never sent (default 0), to test that a receiver catches up through the API.
     *
     * @param lossRate between 0 and 1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder lossRate(double lossRate) {
      if (!(lossRate >= 0.0 && lossRate <= 1.0)) {
        throw new IllegalArgumentException(
            "lossRate must be between 0 and 1 (a probability), but was " + lossRate);
      }
      this.lossRate = lossRate;
      return this;
    }

    /**
     * Sets loss, duplication, the duplicates' delay and the seed at once; it replaces {@link
     * #lossRate}, {@link #duplicateRate} and {@link #seed}.
     *
     * @param faults the configuration, e.g. {@code WebhookFaults.parse("loss=0.2,duplicate=0.1")}
     * @return this builder
     */
    public Builder faults(WebhookFaults faults) {
      this.faults = Objects.requireNonNull(faults, "faults must not be null");
      return this;
    }

    /**
     * Sets the seed of the loss and duplicate decisions, so the same seed and the same sequence of
     * {@code publish} calls lose and duplicate the same events (default: random).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets how many deliveries may run at once across different keys (default 4).
     *
     * @param workers at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, but was " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Uses the given client instead of creating one; the dispatcher then leaves its lifecycle to
     * the caller.
     *
     * @param httpClient the client to send with
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient must not be null");
      return this;
    }

    /**
     * Sets the clock that timestamps {@link DeliveryRecord}s (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Sets what waits out the retry backoffs and the duplicates' delays (default: {@link
     * Sleeper#system()}, real time); a test injects one whose time it advances by hand.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
      return this;
    }

    /**
     * Builds and starts the dispatcher.
     *
     * @return a running dispatcher; close it when done
     * @throws IllegalStateException if no URL was set
     */
    public WebhookDispatcher build() {
      if (url == null) {
        throw new IllegalStateException(
            "webhook url is not set: call url(URI) with the seller's notification endpoint, e.g."
                + " http://127.0.0.1:8080/notification");
      }
      return new WebhookDispatcher(this);
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, () -> name + " must not be null");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
