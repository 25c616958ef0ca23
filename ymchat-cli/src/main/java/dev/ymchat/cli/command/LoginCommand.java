package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Profile;
import dev.ymchat.cli.Settings;
import dev.ymchat.cli.output.Printer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ymchat login}: saves credentials, business and base URL to the profile file. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Save credentials, business and base URL to the profile file (readable only by you).",
      "The secret is read from standard input (--api-key-stdin, --oauth-token-stdin),"
          + " else from YM_API_KEY / YM_OAUTH_TOKEN, else asked for with hidden input at a"
          + " terminal; it never needs to be on the command line, where other users would see it."
          + " Values not given are kept; a new key replaces a saved token and vice versa."
    })
final class LoginCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  FromStdin fromStdin;

  static final class FromStdin {
    @Option(
        names = "--api-key-stdin",
        description = "Read the API key from standard input (one line), e.g. from a pipe.")
    boolean apiKey;

    @Option(
        names = "--oauth-token-stdin",
        description = "Read the OAuth token from standard input (one line), e.g. from a pipe.")
    boolean oauthToken;
  }

  @Override
  public Integer call() throws Exception {
    String apiKey = global.apiKeyFlag();
    String token = global.oauthTokenFlag();
    if (apiKey != null && token != null) {
      throw new CliException(ExitCodes.USAGE, "give either --api-key or --oauth-token, not both");
    }
    if (fromStdin != null && (apiKey != null || token != null)) {
      throw new CliException(
          ExitCodes.USAGE,
          "give the secret once: either on standard input (--api-key-stdin, --oauth-token-stdin)"
              + " or as a flag, not both");
    }
    if (apiKey != null || token != null) {
      warn(
          (apiKey != null ? "--api-key" : "--oauth-token")
              + " is visible to other users of this machine (ps) and stays in the shell history;"
              + " next time pipe it in: echo \"$"
              + (apiKey != null ? "YM_API_KEY" : "YM_OAUTH_TOKEN")
              + "\" | ymchat login "
              + (apiKey != null ? "--api-key-stdin" : "--oauth-token-stdin"));
    }
    if (fromStdin != null && fromStdin.apiKey) {
      apiKey = readStdin("--api-key-stdin", "API key");
    } else if (fromStdin != null && fromStdin.oauthToken) {
      token = readStdin("--oauth-token-stdin", "OAuth token");
    }
    if (apiKey == null && token == null) {
      apiKey = global.context().envValue("YM_API_KEY");
      if (apiKey == null) {
        token = global.context().envValue("YM_OAUTH_TOKEN");
      }
    }
    Profile profile = Profile.locate(global.context());
    Properties properties = profile.read(global.context().err());
    boolean hasSaved =
        properties.getProperty(Profile.API_KEY) != null
            || properties.getProperty(Profile.OAUTH_TOKEN) != null;
    if (apiKey == null && token == null && !hasSaved) {
      apiKey = prompt();
    }
    if (apiKey != null) {
      properties.setProperty(Profile.API_KEY, apiKey.trim());
      properties.remove(Profile.OAUTH_TOKEN);
    } else if (token != null) {
      properties.setProperty(Profile.OAUTH_TOKEN, token.trim());
      properties.remove(Profile.API_KEY);
    }
    Long business = global.businessFlag();
    if (business == null && global.context().envValue("YM_BUSINESS_ID") != null) {
      business = global.settings().businessId();
    }
    if (business != null) {
      if (business < 1) {
        throw new CliException(
            ExitCodes.USAGE, "--business must be a positive number, not " + business);
      }
      properties.setProperty(Profile.BUSINESS_ID, Long.toString(business));
    }
    if (global.baseUrlFlag() != null) {
      properties.setProperty(Profile.BASE_URL, global.baseUrlFlag());
    }
    profile.write(properties, global.context().err());
    Printer printer = new Printer(spec.commandLine().getOut(), global.context().zone(), null);
    String credential = properties.getProperty(Profile.API_KEY) != null ? "API key" : "OAuth token";
    if (global.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("profile", profile.file().toString());
      result.put("credential", credential);
      result.put("businessId", properties.getProperty(Profile.BUSINESS_ID));
      result.put("baseUrl", properties.getProperty(Profile.BASE_URL, Settings.LIVE_BASE_URL));
      printer.json(result);
    } else {
      printer.line(
          "Saved "
              + credential
              + (properties.getProperty(Profile.BUSINESS_ID) != null
                  ? ", business " + properties.getProperty(Profile.BUSINESS_ID)
                  : " (no business yet: add --business ID)")
              + " to "
              + profile.file()
              + ".");
    }
    return 0;
  }

  /** The secret piped in: one line, surrounding white space (the newline of echo) dropped. */
  private String readStdin(String option, String what) throws IOException {
    String text =
        new String(global.context().in().readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          option
              + ": standard input is empty; pipe the "
              + what
              + " in, e.g. echo \"$YM_API_KEY\" | ymchat login "
              + option);
    }
    if (text.contains("\n") || text.contains("\r")) {
      throw new CliException(
          ExitCodes.USAGE,
          option + ": standard input has several lines; give the " + what + " alone on one line");
    }
    return text;
  }

  private String prompt() {
    char[] typed =
        global.context().terminal()
            ? global.context().secretPrompt().read("API key (input hidden): ")
            : null;
    if (typed == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "nothing to save: pipe the key in (echo \"$YM_API_KEY\" | ymchat login --api-key-stdin),"
              + " set YM_API_KEY or YM_OAUTH_TOKEN, or run `ymchat login` at a terminal to type it");
    }
    try {
      String key = new String(typed).strip();
      if (key.isEmpty()) {
        throw new CliException(ExitCodes.USAGE, "no API key entered; nothing saved");
      }
      return key;
    } finally {
      Arrays.fill(typed, '\0');
    }
  }

  private void warn(String message) {
    global.context().err().println("ymchat login: warning: " + message);
    global.context().err().flush();
  }
}
