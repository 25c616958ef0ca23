package dev.ymchat.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings a program reads from the environment, the same variables as the {@code ymchat}
 * command line: {@code YM_API_KEY} or {@code YM_OAUTH_TOKEN} (the key wins when both are set),
 * {@code YM_BUSINESS_ID} and {@code YM_BASE_URL}. Blank values count as unset; {@link #toString()}
 * never shows the credentials.
 *
 * <pre>{@code
 * YmEnvironment env = YmEnvironment.system();
 * try (ChatsClient client = env.newClient()) {
 *   ChatsPage page = client.chats(env.requireBusinessId());
 * }
 * }</pre>
 */
public final class YmEnvironment {

  /** The variable that holds the API key. */
  public static final String API_KEY = "YM_API_KEY";

  /** The variable that holds the OAuth token. */
  public static final String OAUTH_TOKEN = "YM_OAUTH_TOKEN";

  /** The variable that holds the business (cabinet) id. */
  public static final String BUSINESS_ID = "YM_BUSINESS_ID";

  /** The variable that holds the base URL of the API (such as a sandbox's). */
  public static final String BASE_URL = "YM_BASE_URL";

  private final String apiKey;
  private final String oauthToken;
  private final String businessId;
  private final String baseUrl;

  private YmEnvironment(Map<String, String> env) {
    this.apiKey = value(env, API_KEY);
    this.oauthToken = value(env, OAUTH_TOKEN);
    this.businessId = value(env, BUSINESS_ID);
    this.baseUrl = value(env, BASE_URL);
  }

  /**
   * Reads the process environment ({@link System#getenv()}).
   *
   * @return the settings
   */
  public static YmEnvironment system() {
    return new YmEnvironment(System.getenv());
  }

  /**
   * Reads the given variables.
   *
   * @param env the variables, such as a test's map
   * @return the settings
   */
  public static YmEnvironment of(Map<String, String> env) {
    return new YmEnvironment(Objects.requireNonNull(env, "env"));
  }

  /**
   * Returns the business id from {@code YM_BUSINESS_ID}.
   *
   * @return the id, or empty when the variable is unset
   * @throws IllegalStateException when the variable is not a positive whole number
   */
  public OptionalLong businessId() {
    if (businessId == null) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(businessId);
      if (id >= 1) {
        return OptionalLong.of(id);
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw new IllegalStateException(
        BUSINESS_ID
            + " must be a positive number (the business id from the seller cabinet), not '"
            + businessId
            + "'");
  }

  /**
   * Returns the business id from {@code YM_BUSINESS_ID}, which must be set.
   *
   * @return the id
   * @throws IllegalStateException when the variable is unset or not a positive whole number
   */
  public long requireBusinessId() {
    OptionalLong id = businessId();
    if (id.isEmpty()) {
      throw new IllegalStateException(
          "no business id in the environment: set "
              + BUSINESS_ID
              + " (the id is in the seller cabinet's URL and settings)");
    }
    return id.getAsLong();
  }

  /**
   * Returns the base URL from {@code YM_BASE_URL}.
   *
   * @return the URL, or empty for the live API
   */
  public Optional<String> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  /**
   * Tells whether credentials are set.
   *
   * @return {@code true} when {@code YM_API_KEY} or {@code YM_OAUTH_TOKEN} is set
   */
  public boolean hasCredentials() {
    return apiKey != null || oauthToken != null;
  }

  /**
   * Returns a client builder with the credentials and the base URL of this environment, for
   * settings of its own before {@code build()}.
   *
   * @return the builder
   * @throws IllegalStateException when neither credential variable is set
   */
  public ChatsClientBuilder clientBuilder() {
    ChatsClientBuilder builder = ChatsClient.builder();
    if (apiKey != null) {
      builder.apiKey(apiKey);
    } else if (oauthToken != null) {
      builder.oauthToken(oauthToken);
    } else {
      throw new IllegalStateException(
          "no credentials in the environment: set "
              + API_KEY
              + " (an Api-Key from the seller cabinet) or "
              + OAUTH_TOKEN
              + " (an OAuth token)");
    }
    if (baseUrl != null) {
      builder.baseUrl(baseUrl);
    }
    return builder;
  }

  /**
   * Builds a client with the credentials and the base URL of this environment.
   *
   * @return the client
   * @throws IllegalStateException when neither credential variable is set, or a value is bad
   */
  public ChatsClient newClient() {
    return clientBuilder().build();
  }

  /** Names the variables that are set, without the credentials' values. */
  @Override
  public String toString() {
    return "YmEnvironment{auth="
        + (apiKey != null ? "Api-Key(redacted)" : oauthToken != null ? "OAuth(redacted)" : "none")
        + ", businessId="
        + businessId
        + ", baseUrl="
        + baseUrl
        + "}";
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
