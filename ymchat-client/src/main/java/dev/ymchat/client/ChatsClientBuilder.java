package dev.ymchat.client;

import dev.ymchat.client.internal.AuthTransport;
import dev.ymchat.client.internal.Credentials;
import dev.ymchat.client.internal.JdkHttpTransport;
import dev.ymchat.client.internal.LoggingTransport;
import dev.ymchat.client.internal.Origin;
import dev.ymchat.client.internal.RateLimitingTransport;
import dev.ymchat.client.internal.RedirectingTransport;
import dev.ymchat.client.internal.RetryingTransport;
import dev.ymchat.client.internal.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Builds a {@link ChatsClient}; {@link #toString()} never shows the credentials. */
public final class ChatsClientBuilder {

  private static final String USER_AGENT = "ymchat-client/0.1 (Java)";

  private String apiKey;
  private String oauthToken;
  private String baseUrl = ChatsClient.DEFAULT_BASE_URL;
  private PathStyle pathStyle = PathStyle.V2;
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private ClientRateLimits rateLimits;
  private Duration requestTimeout;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration downloadTimeout = Duration.ofMinutes(10);
  private long maxResponseSize = ChatsClient.DEFAULT_MAX_RESPONSE_SIZE;
  private long maxDownloadSize = ChatsClient.DEFAULT_MAX_DOWNLOAD_SIZE;
  private HttpClient httpClient;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();

  ChatsClientBuilder() {}

  /**
   * Authenticates with an API key ({@code Api-Key} header); exactly one of this and {@link
   * #oauthToken} is required.
   *
   * @param apiKey the key from the seller cabinet
   * @return this builder
   */
  public ChatsClientBuilder apiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /**
   * Authenticates with an OAuth token ({@code Authorization: Bearer}); exactly one of this and
   * {@link #apiKey} is required.
   *
   * @param oauthToken the token, scope {@code market:partner-api}
   * @return this builder
   */
  public ChatsClientBuilder oauthToken(String oauthToken) {
    this.oauthToken = oauthToken;
    return this;
  }

  /**
   * Sets the base URL, such as a sandbox's {@code http://127.0.0.1:8080}.
   *
   * @param baseUrl an absolute http or https URL
   * @return this builder
   */
  public ChatsClientBuilder baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
    return this;
  }

  /**
   * Sets the path family: {@link PathStyle#V2} (default) or {@link PathStyle#LEGACY}.
   *
   * @param pathStyle the style
   * @return this builder
   */
  public ChatsClientBuilder pathStyle(PathStyle pathStyle) {
    this.pathStyle = Objects.requireNonNull(pathStyle, "pathStyle");
    return this;
  }

  /**
   * Sets the retry policy; {@link RetryPolicy#none()} turns retries off.
   *
   * @param retryPolicy the policy
   * @return this builder
   */
  public ChatsClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /**
   * Turns on the client-side limiter; off by default.
   *
   * @param rateLimits the limits, or {@code null} to turn it off
   * @return this builder
   */
  public ChatsClientBuilder rateLimiter(ClientRateLimits rateLimits) {
    this.rateLimits = rateLimits;
    return this;
  }

  /**
   * Sets the timeout of each attempt, from sending to the last byte of the answer (default 30 s, or
   * the system property {@value ChatsClient#REQUEST_TIMEOUT_PROPERTY}); for downloads, the longest
   * wait for the headers and for each next bytes of the file.
   *
   * @param requestTimeout a positive duration
   * @return this builder
   */
  public ChatsClientBuilder requestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    return this;
  }

  /**
   * Sets the longest a download may take, redirects and the whole file included (default 10 min).
   *
   * @param downloadTimeout a positive duration
   * @return this builder
   */
  public ChatsClientBuilder downloadTimeout(Duration downloadTimeout) {
    this.downloadTimeout = downloadTimeout;
    return this;
  }

  /**
   * Sets the most bytes an API answer may have (default 8 MB); a longer one fails with {@link
   * dev.ymchat.client.error.InvalidResponseException} and is not read further.
   *
   * @param bytes 1 byte to 1 GB
   * @return this builder
   */
  public ChatsClientBuilder maxResponseSize(long bytes) {
    this.maxResponseSize = bytes;
    return this;
  }

  /**
   * Sets the most bytes a downloaded file may have (default 64 MB); the limit of a file whose
   * message declares its size is that size plus 10% and 64 KB, within this maximum.
   *
   * @param bytes at least 1
   * @return this builder
   */
  public ChatsClientBuilder maxDownloadSize(long bytes) {
    this.maxDownloadSize = bytes;
    return this;
  }

  /**
   * Sets the connect timeout of the client's own HTTP client (default 10 s).
   *
   * @param connectTimeout a positive duration
   * @return this builder
   */
  public ChatsClientBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * Uses this HTTP client instead of a new one (its connect timeout then applies); it must not
   * follow redirects ({@link HttpClient.Redirect#NEVER}), so credentials never go to another
   * origin.
   *
   * @param httpClient the client
   * @return this builder
   */
  public ChatsClientBuilder httpClient(HttpClient httpClient) {
    this.httpClient = httpClient;
    return this;
  }

  /**
   * Sets the clock of the retry budget, rate-limit windows and the limiter; for tests.
   *
   * @param clock the clock
   * @return this builder
   */
  public ChatsClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets how the client waits between attempts and for the limiter; for tests.
   *
   * @param sleeper the sleeper
   * @return this builder
   */
  public ChatsClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Builds the client, checking every setting.
   *
   * @return the client
   * @throws IllegalStateException naming a missing or bad setting
   */
  public ChatsClient build() {
    boolean hasKey = apiKey != null && !apiKey.isBlank();
    boolean hasToken = oauthToken != null && !oauthToken.isBlank();
    if (hasKey && hasToken) {
      throw new IllegalStateException(
          "both apiKey and oauthToken are set; set exactly one of them");
    }
    if (!hasKey && !hasToken) {
      throw new IllegalStateException(
          "no credentials: set apiKey(...) (sent as the Api-Key "
              + "header) or oauthToken(...) (sent as Authorization: Bearer)");
    }
    String secret = hasKey ? apiKey.trim() : oauthToken.trim();
    if (secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalStateException(
          (hasKey ? "apiKey" : "oauthToken")
              + " contains spaces, line breaks or non-ASCII characters; copy it again from the "
              + "seller cabinet");
    }
    Credentials credentials = hasKey ? Credentials.apiKey(secret) : Credentials.oauth(secret);
    URI base = parseBaseUrl(baseUrl);
    Duration requestTimeout =
        this.requestTimeout != null ? this.requestTimeout : defaultRequestTimeout();
    if (!positive(requestTimeout)) {
      throw new IllegalStateException("requestTimeout must be positive, got " + requestTimeout);
    }
    if (!positive(connectTimeout)) {
      throw new IllegalStateException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (!positive(downloadTimeout)) {
      throw new IllegalStateException("downloadTimeout must be positive, got " + downloadTimeout);
    }
    if (maxResponseSize < 1 || maxResponseSize > MAX_RESPONSE_SIZE_LIMIT) {
      throw new IllegalStateException(
          "maxResponseSize must be 1 byte to 1 GB, got "
              + maxResponseSize
              + "; the default is "
              + ChatsClient.DEFAULT_MAX_RESPONSE_SIZE);
    }
    if (maxDownloadSize < 1) {
      throw new IllegalStateException(
          "maxDownloadSize must be at least 1 byte, got " + maxDownloadSize);
    }
    if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalStateException(
          "the httpClient follows redirects ("
              + httpClient.followRedirects()
              + "), which would send the credentials to wherever an answer points; build it"
              + " with followRedirects(HttpClient.Redirect.NEVER): the client follows download"
              + " redirects itself");
    }
    HttpClient http =
        httpClient != null
            ? httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    Origin origin = Origin.of(base);
    // one chain for API calls and downloads; the credentials are added per hop, below the
    // redirects, so that a download's chain that left the origin never gets them again
    Transport transport = new JdkHttpTransport(http, USER_AGENT, maxResponseSize);
    transport = new LoggingTransport(transport);
    transport = new AuthTransport(transport, credentials, origin);
    transport = new RedirectingTransport(transport);
    if (rateLimits != null) {
      transport = new RateLimitingTransport(transport, rateLimits, clock, sleeper);
    }
    transport = new RetryingTransport(transport, retryPolicy, clock, sleeper);
    String description =
        "baseUrl="
            + base
            + ", pathStyle="
            + pathStyle
            + ", auth="
            + credentials
            + ", retryPolicy="
            + retryPolicy
            + ", rateLimiter="
            + (rateLimits == null ? "off" : rateLimits)
            + ", requestTimeout="
            + requestTimeout;
    ClientCore core =
        new ClientCore(
            base,
            pathStyle,
            transport,
            maxDownloadSize,
            downloadTimeout,
            requestTimeout,
            retryPolicy,
            description);
    return ChatsClient.create(core);
  }

  private static final long MAX_RESPONSE_SIZE_LIMIT = 1L << 30;

  private static Duration defaultRequestTimeout() {
    String value = System.getProperty(ChatsClient.REQUEST_TIMEOUT_PROPERTY);
    if (value == null || value.isBlank()) {
      return Duration.ofSeconds(30);
    }
    try {
      return Duration.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException(
          "the system property "
              + ChatsClient.REQUEST_TIMEOUT_PROPERTY
              + " must be an ISO-8601 duration such as PT30S, got '"
              + value
              + "'",
          e);
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isZero() && !d.isNegative();
  }

  private static URI parseBaseUrl(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "baseUrl is empty; leave it unset for "
              + ChatsClient.DEFAULT_BASE_URL
              + " or give an absolute URL such as http://127.0.0.1:8080");
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalStateException(
            "baseUrl must be an absolute http(s) URL without query, "
                + "such as "
                + ChatsClient.DEFAULT_BASE_URL
                + ", got "
                + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "baseUrl is not a valid URL: " + value + " (" + e.getReason() + ")", e);
    }
  }

  /** Describes the settings without the credentials. */
  @Override
  public String toString() {
    String auth =
        apiKey != null ? "Api-Key(redacted)" : oauthToken != null ? "OAuth(redacted)" : "none";
    return "ChatsClientBuilder{baseUrl="
        + baseUrl
        + ", pathStyle="
        + pathStyle
        + ", auth="
        + auth
        + ", retryPolicy="
        + retryPolicy
        + ", rateLimiter="
        + rateLimits
        + ", requestTimeout="
        + (requestTimeout == null ? "default" : requestTimeout)
        + ", connectTimeout="
        + connectTimeout
        + "}";
  }
}
