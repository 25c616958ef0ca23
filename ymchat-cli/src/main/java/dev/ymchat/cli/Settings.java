package dev.ymchat.cli;

import java.util.Properties;

/**
 * The connection settings a command runs with, after resolving flags, environment and profile.
 *
 * @param apiKey the API key, or {@code null}
 * @param oauthToken the OAuth token, or {@code null}
 * @param businessId the business (cabinet) id, or {@code null}
 * @param baseUrl the API base URL, or {@code null} for the live API
 * @param credentialSource where the credentials came from (for messages), or {@code null}
 */
public record Settings(
    String apiKey, String oauthToken, Long businessId, String baseUrl, String credentialSource) {

  /** The live API. */
  public static final String LIVE_BASE_URL = "https://api.partner.market.yandex.ru";

  /** Where {@code --sandbox} looks for a local sandbox. */
  public static final String SANDBOX_BASE_URL = "http://127.0.0.1:8080";

  /** The sandbox's demo key (all methods, business {@value #SANDBOX_BUSINESS}). */
  public static final String SANDBOX_API_KEY = "demo-all-methods-key";

  /** The sandbox's demo business. */
  public static final long SANDBOX_BUSINESS = 1001L;

  /** What the user typed; each may be {@code null}. */
  record Flags(
      String apiKey, String oauthToken, Long businessId, String baseUrl, boolean sandbox) {}

  /**
   * Resolves the settings: a flag wins over the environment ({@code YM_API_KEY}, {@code
   * YM_OAUTH_TOKEN}, {@code YM_BUSINESS_ID}, {@code YM_BASE_URL}), which wins over the profile.
   * With {@code --sandbox}, the environment and the profile are ignored and the sandbox's demo
   * values fill what the flags leave open.
   */
  static Settings resolve(Flags flags, CliContext context, Properties profile) {
    if (flags.apiKey() != null && flags.oauthToken() != null) {
      throw new CliException(ExitCodes.USAGE, "give either --api-key or --oauth-token, not both");
    }
    if (flags.sandbox()) {
      boolean ownCredentials = flags.apiKey() != null || flags.oauthToken() != null;
      return new Settings(
          ownCredentials ? flags.apiKey() : SANDBOX_API_KEY,
          flags.oauthToken(),
          flags.businessId() != null ? flags.businessId() : SANDBOX_BUSINESS,
          flags.baseUrl() != null ? flags.baseUrl() : SANDBOX_BASE_URL,
          ownCredentials ? "flag" : "sandbox demo");
    }
    String apiKey = null;
    String token = null;
    String source = null;
    if (flags.apiKey() != null || flags.oauthToken() != null) {
      apiKey = flags.apiKey();
      token = flags.oauthToken();
      source = "flag";
    } else if (context.envValue("YM_API_KEY") != null) {
      apiKey = context.envValue("YM_API_KEY");
      source = "YM_API_KEY";
    } else if (context.envValue("YM_OAUTH_TOKEN") != null) {
      token = context.envValue("YM_OAUTH_TOKEN");
      source = "YM_OAUTH_TOKEN";
    } else if (nonBlank(profile.getProperty(Profile.API_KEY)) != null) {
      apiKey = nonBlank(profile.getProperty(Profile.API_KEY));
      source = "profile";
    } else if (nonBlank(profile.getProperty(Profile.OAUTH_TOKEN)) != null) {
      token = nonBlank(profile.getProperty(Profile.OAUTH_TOKEN));
      source = "profile";
    }
    Long business = flags.businessId();
    if (business == null) {
      business = parseBusiness(context.envValue("YM_BUSINESS_ID"), "YM_BUSINESS_ID");
    }
    if (business == null) {
      business =
          parseBusiness(
              nonBlank(profile.getProperty(Profile.BUSINESS_ID)), "the profile's business-id");
    }
    String baseUrl = flags.baseUrl();
    if (baseUrl == null) {
      baseUrl = context.envValue("YM_BASE_URL");
    }
    if (baseUrl == null) {
      baseUrl = nonBlank(profile.getProperty(Profile.BASE_URL));
    }
    return new Settings(apiKey, token, business, baseUrl, source);
  }

  /**
   * Whether a base URL names this machine: {@code localhost}, or a loopback address literal ({@code
   * 127.0.0.0/8}, {@code ::1}). Host names are not resolved: a name that happens to point to this
   * machine counts as another machine.
   *
   * @param url the base URL
   * @return {@code true} for a loopback host
   */
  static boolean isLoopback(String url) {
    String host;
    try {
      host = java.net.URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String lower = host.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost")) {
      return true;
    }
    if (lower.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      return true;
    }
    return lower.equals("::1") || lower.matches("(0{1,4}:){7}0{0,3}1");
  }

  /**
   * Whether a base URL is plain {@code http://}.
   *
   * @param url the base URL
   * @return {@code true} for the http scheme
   */
  static boolean isPlainHttp(String url) {
    return url.trim().regionMatches(true, 0, "http://", 0, 7);
  }

  private static Long parseBusiness(String value, String where) {
    if (value == null) {
      return null;
    }
    try {
      long id = Long.parseLong(value.trim());
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new CliException(
          ExitCodes.USAGE,
          where
              + " must be a positive number (the business id from the seller cabinet), not '"
              + value
              + "'");
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * Whether credentials are present.
   *
   * @return {@code true} with an API key or an OAuth token
   */
  public boolean hasCredentials() {
    return apiKey != null || oauthToken != null;
  }

  /**
   * The base URL to use.
   *
   * @return the configured one or the live API
   */
  public String effectiveBaseUrl() {
    return baseUrl != null ? baseUrl : LIVE_BASE_URL;
  }

  @Override
  public String toString() {
    // Never show the secrets themselves.
    return "Settings[apiKey="
        + (apiKey == null ? "none" : "***")
        + ", oauthToken="
        + (oauthToken == null ? "none" : "***")
        + ", businessId="
        + businessId
        + ", baseUrl="
        + effectiveBaseUrl()
        + ", credentialSource="
        + credentialSource
        + "]";
  }
}
