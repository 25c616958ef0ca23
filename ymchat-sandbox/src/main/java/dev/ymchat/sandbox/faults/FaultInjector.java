package dev.ymchat.sandbox.faults;

import dev.ymchat.sandbox.wire.ErrorEnvelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Injects the faults of a {@link FaultConfig} into the sandbox's API answers: added latency, 500
 * and 503 error envelopes, forced 420s with the rate-limit headers, and dropped connections (before
 * the handler runs, or after it ran and before its answer is written).
 *
 * <p>Decisions come from a generator seeded with {@link FaultConfig#seed()}: two injectors with the
 * same configuration make the same decisions for the same number of {@link #next()} calls. {@code
 * next()} is thread-safe; under concurrent requests the sequence of decisions stays the same, but
 * which request gets which decision depends on arrival order.
 */
public final class FaultInjector {

  /** The value of {@code X-RateLimit-Resource-Limit} on an injected 420 (an hourly quota). */
  public static final int INJECTED_QUOTA = 1000;

  private static final String JSON = "application/json; charset=UTF-8";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /**
   * The request attribute that names the fault given to a request (a {@link FaultKind} name), set
   * for every decision other than {@link FaultKind#NONE}; latency alone is no fault.
   */
  public static final String ATTR_FAULT = "ymchat.faults.kind";

  /** The request attribute that marks a request whose connection is dropped after its handler. */
  private static final String ATTR_DROP_AFTER = "ymchat.faults.dropAfter";

  private final FaultConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private int burstRemaining;
  private long decisions;
  private long delayed;
  private long error500;
  private long error503;
  private long rateLimited;
  private long dropped;
  private long droppedAfter;

  /**
   * Creates an injector that sleeps for real and dates 420s with the system clock.
   *
   * @param config what to inject
   */
  public FaultInjector(FaultConfig config) {
    this(config, Clock.systemUTC(), Sleeper.REAL);
  }

  /**
   * Creates an injector with an injected clock (for {@code X-RateLimit-Resource-Until}) and sleeper
   * (for latency), so tests need not wait.
   *
   * @param config what to inject
   * @param clock the clock that dates 420 answers
   * @param sleeper what waits out the injected latency
   */
  public FaultInjector(FaultConfig config, Clock clock, Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
    this.random = new Random(config.seed());
  }

  /**
   * Returns the configuration this injector applies.
   *
   * @return the configuration
   */
  public FaultConfig config() {
    return config;
  }

  /**
   * Draws the next decision: a latency and at most one fault.
   *
   * @return the decision for the next request
   */
  public synchronized Decision next() {
    Duration latency = drawLatency();
    FaultKind kind;
    if (burstRemaining > 0) {
      burstRemaining--;
      kind = FaultKind.RATE_LIMIT;
    } else {
      double r = random.nextDouble();
      double edge = config.error500Rate();
      if (r < edge) {
        kind = FaultKind.ERROR_500;
      } else if (r < (edge += config.error503Rate())) {
        kind = FaultKind.ERROR_503;
      } else if (r < (edge += config.rateLimitRate())) {
        kind = FaultKind.RATE_LIMIT;
        burstRemaining = config.rateLimitBurst() - 1;
      } else if (r < (edge += config.dropRate())) {
        kind = FaultKind.DROP;
      } else if (r < edge + config.dropAfterRate()) {
        kind = FaultKind.DROP_AFTER;
      } else {
        kind = FaultKind.NONE;
      }
    }
    decisions++;
    if (!latency.isZero()) {
      delayed++;
    }
    switch (kind) {
      case ERROR_500:
        error500++;
        break;
      case ERROR_503:
        error503++;
        break;
      case RATE_LIMIT:
        rateLimited++;
        break;
      case DROP:
        dropped++;
        break;
      case DROP_AFTER:
        droppedAfter++;
        break;
      default:
        break;
    }
    return new Decision(kind, latency);
  }

  /**
   * Returns how many decisions of each kind were made so far.
   *
   * @return a snapshot of the counters
   */
  public synchronized FaultStats stats() {
    return new FaultStats(
        decisions, delayed, error500, error503, rateLimited, dropped, droppedAfter);
  }

  /**
   * Registers a before-handler on {@code routes} that applies one decision to every request whose
   * path {@code appliesToPath} accepts (the API paths; leave admin and health paths out), plus the
   * exception handler that writes the injected answers. An injected answer is raised as an
   * exception, so, as with any exception in Javalin, the remaining before-handlers and the endpoint
   * are skipped while after-handlers still run. Install it before handlers that should not see
   * faulted requests (e.g. authentication or the quota counter). A drop-after decision lets the
   * request through and is carried out by an after-handler registered here too: Javalin runs
   * after-handlers once the endpoint has finished and before it writes the answer, so the
   * endpoint's work is committed and its answer is never sent. Does nothing when the configuration
   * {@linkplain FaultConfig#isActive() is not active}.
   *
   * @param routes the routes of the Javalin app being configured ({@code config.routes})
   * @param appliesToPath tells which request paths (as {@code ctx.path()}) may get faults
   */
  public void install(RoutesConfig routes, Predicate<String> appliesToPath) {
    install(routes, appliesToPath, (ctx, kind) -> {});
  }

  /**
   * Installs the injector as {@link #install(RoutesConfig, Predicate)} does, and tells {@code
   * onFault} of every fault as soon as it is decided: before the latency, before a dropped
   * connection is closed, before the handler of a drop-after runs (the call counters count it
   * there, before the client can notice anything).
   *
   * @param routes the routes of the Javalin app being configured ({@code config.routes})
   * @param appliesToPath tells which request paths (as {@code ctx.path()}) may get faults
   * @param onFault hears of each request given a fault, with the fault
   */
  public void install(
      RoutesConfig routes,
      Predicate<String> appliesToPath,
      java.util.function.BiConsumer<Context, FaultKind> onFault) {
    Objects.requireNonNull(routes, "routes must not be null");
    Objects.requireNonNull(appliesToPath, "appliesToPath must not be null");
    Objects.requireNonNull(onFault, "onFault must not be null");
    if (!config.isActive()) {
      return;
    }
    routes.exception(InjectedAnswer.class, (e, ctx) -> e.writeTo(ctx));
    routes.before(ctx -> apply(ctx, appliesToPath, onFault));
    routes.after(FaultInjector::dropAfterHandler);
  }

  private static void dropAfterHandler(Context ctx) {
    if (ctx.attribute(ATTR_DROP_AFTER) == null) {
      return;
    }
    drop(ctx);
    // Nothing must be written to the aborted channel: the endpoint's answer is discarded.
    ctx.result(new byte[0]);
  }

  private void apply(
      Context ctx,
      Predicate<String> appliesToPath,
      java.util.function.BiConsumer<Context, FaultKind> onFault)
      throws InterruptedException {
    if (!appliesToPath.test(ctx.path())) {
      return;
    }
    Decision decision = next();
    if (decision.kind() != FaultKind.NONE) {
      ctx.attribute(ATTR_FAULT, decision.kind().name());
      onFault.accept(ctx, decision.kind());
    }
    if (!decision.latency().isZero()) {
      sleeper.sleep(decision.latency());
    }
    switch (decision.kind()) {
      case ERROR_500:
        throw new InjectedAnswer(
            500,
            ErrorEnvelope.text(
                "INTERNAL_ERROR",
                "Internal error (injected fault): the sandbox simulated a failure of Market;"
                    + " retry the request"),
            Map.of());
      case ERROR_503:
        throw new InjectedAnswer(
            503,
            ErrorEnvelope.text(
                "SERVICE_UNAVAILABLE",
                "Service unavailable (injected fault): the sandbox simulated an overloaded"
                    + " Market; retry later"),
            Map.of());
      case RATE_LIMIT:
        Instant until = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Resource-Limit", Integer.toString(INJECTED_QUOTA));
        headers.put("X-RateLimit-Resource-Remaining", "0");
        headers.put("X-RateLimit-Resource-Until", HTTP_DATE.format(until));
        throw new InjectedAnswer(
            420,
            ErrorEnvelope.text(
                "LIMIT_EXCEEDED",
                "Request limit exceeded (injected fault): wait until X-RateLimit-Resource-Until,"
                    + " then retry"),
            headers);
      case DROP:
        drop(ctx);
        throw new InjectedAnswer(0, "", Map.of());
      case DROP_AFTER:
        ctx.attribute(ATTR_DROP_AFTER, Boolean.TRUE);
        break;
      default:
        break;
    }
  }

  private static void drop(Context ctx) {
    ServletContextRequest base = ServletContextRequest.getServletContextRequest(ctx.req());
    if (base == null) {
      throw new IllegalStateException(
          "cannot drop the connection: the request is not served by Jetty");
    }
    // Closing the connection's end point closes the socket without writing anything; Jetty then
    // sees the response as gone. (Failing the channel instead would make Jetty answer 500.)
    base.getServletChannel()
        .getEndPoint()
        .close(new IOException("connection dropped (injected fault)"));
  }

  private Duration drawLatency() {
    Duration min = config.latencyMin();
    Duration max = config.latencyMax();
    if (max.equals(min)) {
      return min;
    }
    long span = max.toNanos() - min.toNanos();
    return min.plusNanos((long) (random.nextDouble() * (span + 1)));
  }

  /**
   * Carries an injected answer past the endpoint: Javalin skips the remaining before-handlers and
   * the endpoint once a handler throws, and the handler registered in {@link #install} writes it.
   */
  private static final class InjectedAnswer extends RuntimeException {
    private final int status;
    private final String body;
    private final Map<String, String> headers;

    /** Status 0 means the connection was already dropped and nothing is to be written. */
    InjectedAnswer(int status, String body, Map<String, String> headers) {
      super("injected fault " + status, null, false, false);
      this.status = status;
      this.body = body;
      this.headers = headers;
    }

    void writeTo(Context ctx) {
      if (status == 0) {
        return;
      }
      headers.forEach(ctx::header);
      ctx.status(status).contentType(JSON).result(body);
    }
  }

  /**
   * One decision of the injector.
   *
   * @param kind the fault to apply, {@link FaultKind#NONE} for none
   * @param latency the latency to add before answering, {@link Duration#ZERO} for none
   */
  public record Decision(FaultKind kind, Duration latency) {

    /**
     * Validates the decision.
     *
     * @throws NullPointerException if a component is null
     */
    public Decision {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(latency, "latency");
    }
  }

  /** Waits out an injected latency; replace it in tests to avoid real waiting. */
  @FunctionalInterface
  public interface Sleeper {

    /** Sleeps with {@link Thread#sleep(long, int)}. */
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    /**
     * Waits for the given time.
     *
     * @param duration how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
  }
}
