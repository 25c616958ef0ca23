package dev.ymchat.cli;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes: output format, credentials, business, base URL, verbosity. They
 * may be given after the command ({@code ymchat chats --sandbox}) or before it ({@code ymchat
 * --sandbox chats}); a value after the command wins.
 */
public final class GlobalOptions {

  private final CliContext context;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "Output: ${COMPLETION-CANDIDATES} (default: TABLE). JSON prints the API's records.")
  private OutputFormat output;

  @Option(
      names = "--business",
      paramLabel = "ID",
      description = "Business (cabinet) id; else YM_BUSINESS_ID, else the profile.")
  private Long business;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Deprecated: other users of this machine see it in `ps` and it stays in the shell"
              + " history; set YM_API_KEY or save it with `ymchat login` instead. API key (Api-Key"
              + " header); else YM_API_KEY, else the profile.")
  private String apiKey;

  @Option(
      names = "--oauth-token",
      paramLabel = "TOKEN",
      description =
          "Deprecated, as --api-key is; set YM_OAUTH_TOKEN or use `ymchat login` instead. OAuth"
              + " token (Authorization: Bearer); else YM_OAUTH_TOKEN, else the profile.")
  private String oauthToken;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "API base URL; else YM_BASE_URL, else the profile, else " + Settings.LIVE_BASE_URL + ".")
  private String baseUrl;

  @Option(
      names = "--sandbox",
      description =
          "Target a local sandbox at "
              + Settings.SANDBOX_BASE_URL
              + " with its demo key and business "
              + Settings.SANDBOX_BUSINESS
              + " (flags still override; environment and profile are ignored).")
  private boolean sandbox;

  @Option(
      names = "--allow-insecure",
      description =
          "Send credentials even over plain http:// to a host that is not this machine (a test"
              + " server you trust); without it such a base URL is refused.")
  private boolean allowInsecure;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Log each request to stderr (secrets redacted) and show stack traces of failures.")
  private boolean verbose;

  /**
   * Creates the mixin.
   *
   * @param context the environment of this run
   */
  public GlobalOptions(CliContext context) {
    this.context = context;
  }

  /**
   * The environment of this run.
   *
   * @return the context
   */
  public CliContext context() {
    return context;
  }

  /**
   * Whether JSON output was asked for.
   *
   * @return {@code true} for {@code --output json}
   */
  public boolean json() {
    OutputFormat format = output != null ? output : outer() != null ? outer().output : null;
    return format == OutputFormat.JSON;
  }

  /**
   * Whether {@code -v} was given.
   *
   * @return {@code true} when verbose
   */
  public boolean verbose() {
    return verbose || (outer() != null && outer().verbose);
  }

  /**
   * The {@code --api-key} flag as typed.
   *
   * @return the key or {@code null}
   */
  public String apiKeyFlag() {
    return apiKey != null ? apiKey : outer() != null ? outer().apiKey : null;
  }

  /**
   * The {@code --oauth-token} flag as typed.
   *
   * @return the token or {@code null}
   */
  public String oauthTokenFlag() {
    return oauthToken != null ? oauthToken : outer() != null ? outer().oauthToken : null;
  }

  /**
   * The {@code --business} flag as typed.
   *
   * @return the id or {@code null}
   */
  public Long businessFlag() {
    return business != null ? business : outer() != null ? outer().business : null;
  }

  /**
   * The {@code --base-url} flag as typed.
   *
   * @return the URL or {@code null}
   */
  public String baseUrlFlag() {
    return baseUrl != null ? baseUrl : outer() != null ? outer().baseUrl : null;
  }

  /**
   * Whether {@code --allow-insecure} was given.
   *
   * @return {@code true} when given
   */
  public boolean allowInsecureFlag() {
    return allowInsecure || (outer() != null && outer().allowInsecure);
  }

  /**
   * Whether {@code --sandbox} was given.
   *
   * @return {@code true} when given
   */
  public boolean sandboxFlag() {
    return sandbox || (outer() != null && outer().sandbox);
  }

  /** The same options given before the command name, on {@code ymchat} itself. */
  private GlobalOptions outer() {
    if (mixee == null) {
      return null;
    }
    for (CommandSpec parent = mixee.parent(); parent != null; parent = parent.parent()) {
      CommandSpec mixin = parent.mixins().get("global");
      if (mixin != null && mixin.userObject() instanceof GlobalOptions options && options != this) {
        return options;
      }
    }
    return null;
  }

  /**
   * Resolves the settings from flags, environment and profile.
   *
   * @return the settings, possibly without credentials
   * @throws CliException when a value is malformed
   */
  public Settings settings() {
    Long businessId = businessFlag();
    if (businessId != null && businessId < 1) {
      throw new CliException(
          ExitCodes.USAGE, "--business must be a positive number, not " + businessId);
    }
    boolean toSandbox = sandboxFlag();
    Properties profile = toSandbox ? new Properties() : Profile.locate(context).read(context.err());
    return Settings.resolve(
        new Settings.Flags(apiKeyFlag(), oauthTokenFlag(), businessId, baseUrlFlag(), toSandbox),
        context,
        profile);
  }

  /**
   * The settings a call to the API needs: credentials and business id.
   *
   * @return complete settings
   * @throws CliException (exit 2) naming how to provide what is missing
   */
  public Settings requireApiSettings() {
    Settings settings = settings();
    if (!settings.hasCredentials()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no credentials: pass --api-key KEY (or --oauth-token TOKEN), set YM_API_KEY"
              + " (or YM_OAUTH_TOKEN), or save them once with `ymchat login --business ID` (it asks"
              + " for the key, or reads it with --api-key-stdin);"
              + " to try ymchat without an account use --sandbox with `ymchat sandbox --seed-demo`"
              + " running, or run `ymchat demo`");
    }
    if (settings.businessId() == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "no business id: pass --business ID, set YM_BUSINESS_ID, or save it with"
              + " `ymchat login --business ID` (the id is in the seller cabinet's URL and settings)");
    }
    return settings;
  }

  /**
   * Builds a client for the resolved settings.
   *
   * @param settings complete settings from {@link #requireApiSettings()}
   * @return a new client; the caller closes it
   * @throws CliException when a setting is refused by the client
   */
  public ChatsClient newClient(Settings settings) {
    checkTransport(settings);
    ChatsClientBuilder builder = ChatsClient.builder().baseUrl(settings.effectiveBaseUrl());
    if (settings.apiKey() != null) {
      builder.apiKey(settings.apiKey());
    } else {
      builder.oauthToken(settings.oauthToken());
    }
    builder.sleeper(context.clientSleeper());
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /**
   * Refuses to send credentials in clear text to another machine, and warns about secrets typed on
   * the command line, which other users see in {@code ps}.
   */
  private void checkTransport(Settings settings) {
    String flag =
        !"flag".equals(settings.credentialSource())
            ? null
            : apiKeyFlag() != null ? "--api-key" : "--oauth-token";
    for (String warning : transportWarnings(settings, allowInsecureFlag(), flag)) {
      warn(warning);
    }
  }

  /**
   * What to say before credentials are sent to the settings' base URL.
   *
   * @param settings the resolved settings
   * @param allowInsecure whether {@code --allow-insecure} was given
   * @param flag the flag the secret was typed in ({@code --api-key}), or {@code null}
   * @return the warnings, none in the usual case
   * @throws CliException (exit 2) for plain http to another machine without {@code
   *     --allow-insecure}
   */
  static List<String> transportWarnings(Settings settings, boolean allowInsecure, String flag) {
    List<String> warnings = new ArrayList<>();
    String url = settings.effectiveBaseUrl();
    boolean local = Settings.isLoopback(url);
    if (Settings.isPlainHttp(url) && !local) {
      String what =
          (settings.apiKey() != null ? "the API key" : "the OAuth token")
              + " from "
              + settings.credentialSource();
      if (!allowInsecure) {
        throw new CliException(
            ExitCodes.USAGE,
            "refusing to send "
                + what
                + " in clear text to "
                + url
                + ", which is not this machine: use an https:// base URL, or pass"
                + " --allow-insecure if this is a test server you trust");
      }
      warnings.add("sending " + what + " in clear text to " + url + " (--allow-insecure)");
    }
    if (flag != null && !local) {
      warnings.add(
          flag
              + " is visible to other users of this machine (ps) and stays in the shell history;"
              + " set "
              + (flag.equals("--api-key") ? "YM_API_KEY" : "YM_OAUTH_TOKEN")
              + " or save it with `ymchat login` (hidden prompt, or --api-key-stdin) instead");
    }
    return warnings;
  }

  private void warn(String message) {
    context.err().println(commandName() + ": warning: " + message);
    context.err().flush();
  }

  /**
   * The full name of the command this mixin belongs to, such as {@code ymchat send}.
   *
   * @return the qualified name
   */
  public String commandName() {
    return mixee == null ? "ymchat" : mixee.qualifiedName();
  }
}
