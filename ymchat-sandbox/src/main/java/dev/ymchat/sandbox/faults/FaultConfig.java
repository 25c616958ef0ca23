package dev.ymchat.sandbox.faults;

import dev.ymchat.sandbox.config.Durations;
import dev.ymchat.sandbox.config.KeyValueSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Which faults the sandbox injects into API answers, and how often: added latency, a share of 500
 * and 503 answers, forced 420s (optionally in bursts) and dropped connections. Every decision comes
 * from a seeded generator, so the same configuration gives the same faults in the same order.
 *
 * <p>The rates are probabilities per request; a request gets at most one of 500, 503, 420, a drop
 * or a drop-after, so their sum must not exceed 1. Latency is independent of them and is added
 * first.
 *
 * <p>A <em>drop</em> closes the connection before the request reaches its handler, so nothing was
 * processed. A <em>drop-after</em> lets the handler run (a send is stored and committed), then
 * closes the connection before the answer is written: the client sees the same broken connection,
 * but the request took effect. That is the truly ambiguous case a reconciling send must handle.
 *
 * @param seed the seed of the decisions
 * @param latencyMin the least latency added to a request ({@link Duration#ZERO} for none)
 * @param latencyMax the most latency added to a request, at least {@code latencyMin}
 * @param error500Rate the share of requests answered 500 {@code INTERNAL_ERROR}, 0..1
 * @param error503Rate the share of requests answered 503 {@code SERVICE_UNAVAILABLE}, 0..1
 * @param rateLimitRate the share of requests that start a burst of forced 420s, 0..1
 * @param rateLimitBurst how many requests in a row get 420 once one does, at least 1
 * @param dropRate the share of requests whose connection is closed without an answer, before the
 *     handler runs, 0..1
 * @param dropAfterRate the share of requests that are processed by their handler and then have
 *     their connection closed before the answer is written, 0..1
 */
public record FaultConfig(
    long seed,
    Duration latencyMin,
    Duration latencyMax,
    double error500Rate,
    double error503Rate,
    double rateLimitRate,
    int rateLimitBurst,
    double dropRate,
    double dropAfterRate) {

  private static final KeyValueSpec SPEC =
      new KeyValueSpec("fault spec", "seed, latency, 500, 503, 420, burst, drop, dropAfter");

  /**
   * The faults given as a share of requests, in the order the components, the spec and the
   * injector's draw take them: one table for validation, parsing, writing and the builder.
   */
  private enum Share {
    ERROR_500("500", "error500Rate", FaultConfig::error500Rate),
    ERROR_503("503", "error503Rate", FaultConfig::error503Rate),
    RATE_LIMIT("420", "rateLimitRate", FaultConfig::rateLimitRate),
    DROP("drop", "dropRate", FaultConfig::dropRate),
    DROP_AFTER("dropAfter", "dropAfterRate", FaultConfig::dropAfterRate);

    private static final Share[] ALL = values();

    final String key;
    final String component;
    final ToDoubleFunction<FaultConfig> read;

    Share(String key, String component, ToDoubleFunction<FaultConfig> read) {
      this.key = key;
      this.component = component;
      this.read = read;
    }

    /** The share a spec key names (keys are case-insensitive), or null for another key. */
    static Share byKey(String key) {
      return Arrays.stream(ALL).filter(s -> s.key.equalsIgnoreCase(key)).findFirst().orElse(null);
    }
  }

  private static final FaultConfig NONE = builder().build();

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException if a rate is outside 0..1, the rates add up to more than 1,
   *     the latency range is negative or inverted, or the burst is below 1
   * @throws NullPointerException if a latency is null
   */
  public FaultConfig {
    Objects.requireNonNull(latencyMin, "latencyMin must not be null (use Duration.ZERO)");
    Objects.requireNonNull(latencyMax, "latencyMax must not be null (use Duration.ZERO)");
    if (latencyMin.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, but was " + latencyMin);
    }
    if (latencyMax.compareTo(latencyMin) < 0) {
      throw new IllegalArgumentException(
          "latency range is inverted: max "
              + latencyMax.toMillis()
              + "ms is below min "
              + latencyMin.toMillis()
              + "ms; write it as min-max, e.g. 5-50ms");
    }
    double[] rates = {error500Rate, error503Rate, rateLimitRate, dropRate, dropAfterRate};
    double sum = 0;
    for (Share share : Share.ALL) {
      double rate = rates[share.ordinal()];
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException(
            share.component
                + " ("
                + share.key
                + ") must be a probability between 0 and 1, but was "
                + rate);
      }
      sum += rate;
    }
    if (rateLimitBurst < 1) {
      throw new IllegalArgumentException(
          "rateLimitBurst (burst) must be at least 1 (1 = single 420s), but was " + rateLimitBurst);
    }
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "the fault rates "
              + Arrays.stream(Share.ALL).map(s -> s.key).collect(Collectors.joining("+"))
              + " add up to "
              + sum
              + ", but a request can get only one fault: lower them so they add up to at most 1");
    }
  }

  /**
   * Returns the configuration that injects nothing.
   *
   * @return a configuration with no latency and all rates 0
   */
  public static FaultConfig none() {
    return NONE;
  }

  /**
   * Starts a builder with no faults and seed 0.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether this configuration injects anything at all.
   *
   * @return true if any latency or any rate is set
   */
  public boolean isActive() {
    return !latencyMax.isZero()
        || Arrays.stream(Share.ALL).anyMatch(share -> share.read.applyAsDouble(this) > 0);
  }

  /**
   * Parses the CLI form, comma-separated {@code key=value} pairs, for example {@code
   * seed=42,latency=5-50ms,500=0.05,503=0.10,420=0.02,burst=5,drop=0.05,dropAfter=0.02}. Keys:
   * {@code seed} (integer), {@code latency} ({@code 20ms}, {@code 1s}, {@code 5-50ms}, {@code
   * 5ms-1s}; a bare number means milliseconds), {@code 500}, {@code 503}, {@code 420}, {@code
   * drop}, {@code dropAfter} (rates 0..1; key names are case-insensitive), {@code burst} (integer,
   * at least 1). Omitted keys keep the {@link #none()} values; an empty string or {@code none}
   * gives {@link #none()}.
   *
   * @param spec the text to parse
   * @return the configuration
   * @throws IllegalArgumentException naming the bad key or value and the expected form
   */
  public static FaultConfig parse(String spec) {
    Objects.requireNonNull(spec, "fault spec must not be null");
    String text = spec.trim();
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return none();
    }
    Builder b = builder();
    SPEC.forEach(
        text,
        "500=0.05",
        (key, value) -> {
          Share share = Share.byKey(key);
          if (share != null) {
            b.share(share, SPEC.share(share.key, value, "rate", "0.05"));
            return;
          }
          switch (key) {
            case "seed" -> b.seed(SPEC.integer(key, value, "42"));
            case "latency" -> parseLatency(value, b);
            case "burst" -> b.rateLimitBurst(parseBurst(value));
            default -> throw SPEC.unknownKey(key);
          }
        });
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad fault spec '" + text + "': " + e.getMessage(), e);
    }
  }

  /**
   * Writes this configuration in the form {@link #parse(String)} reads.
   *
   * @return e.g. {@code seed=42,latency=5-50ms,500=0.05,503=0.1,420=0.02,burst=5,drop=0.05}, with
   *     {@code dropAfter=…} appended when set
   */
  public String toSpec() {
    StringBuilder sb = new StringBuilder("seed=").append(seed);
    if (!latencyMax.isZero()) {
      sb.append(",latency=").append(Durations.format(latencyMin));
      if (!latencyMax.equals(latencyMin)) {
        sb.append('-').append(Durations.format(latencyMax));
      }
    }
    for (Share share : Share.ALL) {
      double rate = share.read.applyAsDouble(this);
      if (rate > 0) {
        sb.append(',')
            .append(share.key)
            .append('=')
            .append(BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString());
      }
      // The burst belongs to the 420s, so it is written next to them.
      if (share == Share.RATE_LIMIT && rateLimitBurst != 1) {
        sb.append(",burst=").append(rateLimitBurst);
      }
    }
    return sb.toString();
  }

  private static int parseBurst(String value) {
    int burst;
    try {
      burst = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "fault spec burst=" + value + ": '" + value + "' is not an integer, e.g. burst=5");
    }
    if (burst < 1) {
      throw new IllegalArgumentException(
          "fault spec burst=" + value + ": the burst must be at least 1, e.g. burst=5");
    }
    return burst;
  }

  private static void parseLatency(String value, Builder b) {
    String v = value.toLowerCase(Locale.ROOT);
    // "5-50ms": the unit of the max also applies to a min written without one.
    int dash = v.indexOf('-', 1);
    try {
      if (dash < 0) {
        b.latency(Durations.parse(v, "ms"));
      } else {
        String minText = v.substring(0, dash).trim();
        String maxText = v.substring(dash + 1).trim();
        String maxUnit = Durations.unit(maxText);
        b.latency(
            Durations.parse(minText, maxUnit == null ? "ms" : maxUnit),
            Durations.parse(maxText, "ms"));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "fault spec latency="
              + value
              + ": "
              + e.getMessage()
              + "; write a duration or a range such as latency=20ms, latency=1s or latency=5-50ms",
          e);
    }
  }

  /** Builds a {@link FaultConfig}; unset values inject nothing. */
  public static final class Builder {
    private long seed;
    private Duration latencyMin = Duration.ZERO;
    private Duration latencyMax = Duration.ZERO;
    private final double[] rates = new double[Share.ALL.length];
    private int rateLimitBurst = 1;

    private Builder() {}

    /**
     * Sets the seed of the decisions.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Adds the same latency to every API request.
     *
     * @param latency zero or positive
     * @return this builder
     */
    public Builder latency(Duration latency) {
      return latency(latency, latency);
    }

    /**
     * Adds a latency drawn uniformly between {@code min} and {@code max} to every API request.
     *
     * @param min the least latency, zero or positive
     * @param max the most latency, at least {@code min}
     * @return this builder
     */
    public Builder latency(Duration min, Duration max) {
      this.latencyMin = Objects.requireNonNull(min, "min latency must not be null");
      this.latencyMax = Objects.requireNonNull(max, "max latency must not be null");
      return this;
    }

    /**
     * Sets the share of requests answered 500.
     *
     * @param rate 0..1
     * @return this builder
     */
    public Builder error500Rate(double rate) {
      return share(Share.ERROR_500, rate);
    }

    /**
     * Sets the share of requests answered 503.
     *
     * @param rate 0..1
     * @return this builder
     */
    public Builder error503Rate(double rate) {
      return share(Share.ERROR_503, rate);
    }

    /**
     * Sets the share of requests that start a burst of forced 420 answers.
     *
     * @param rate 0..1
     * @return this builder
     */
    public Builder rateLimitRate(double rate) {
      return share(Share.RATE_LIMIT, rate);
    }

    /**
     * Sets how many requests in a row get 420 once one does (default 1).
     *
     * @param burst at least 1
     * @return this builder
     */
    public Builder rateLimitBurst(int burst) {
      this.rateLimitBurst = burst;
      return this;
    }

    /**
     * Sets the share of requests whose connection is closed without any answer.
     *
     * @param rate 0..1
     * @return this builder
     */
    public Builder dropRate(double rate) {
      return share(Share.DROP, rate);
    }

    /**
     * Sets the share of requests that are processed by their handler and then have their connection
     * closed before the answer is written (the ambiguous case: it took effect, but the client
     * cannot know).
     *
     * @param rate 0..1
     * @return this builder
     */
    public Builder dropAfterRate(double rate) {
      return share(Share.DROP_AFTER, rate);
    }

    private Builder share(Share share, double rate) {
      rates[share.ordinal()] = rate;
      return this;
    }

    /**
     * Builds the validated configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (see {@link FaultConfig})
     */
    public FaultConfig build() {
      return new FaultConfig(
          seed,
          latencyMin,
          latencyMax,
          rates[Share.ERROR_500.ordinal()],
          rates[Share.ERROR_503.ordinal()],
          rates[Share.RATE_LIMIT.ordinal()],
          rateLimitBurst,
          rates[Share.DROP.ordinal()],
          rates[Share.DROP_AFTER.ordinal()]);
    }
  }
}
