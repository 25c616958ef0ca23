package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Profile;
import dev.ymchat.cli.output.Printer;
import java.io.Console;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ymchat login}: saves credentials, business and base URL to the profile file. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Save credentials, business and base URL to the profile file (readable only by you).",
      "Takes --api-key or --oauth-token, --business and --base-url. Values not given are kept;",
      "a new key replaces a saved token and vice versa.",
      "Without a key or token on the command line, YM_API_KEY / YM_OAUTH_TOKEN are used, or asked for at a terminal."
    })
final class LoginCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String apiKey = global.apiKeyFlag();
    String token = global.oauthTokenFlag();
    if (apiKey != null && token != null) {
      throw new CliException(ExitCodes.USAGE, "give either --api-key or --oauth-token, not both");
    }
    if (apiKey == null && token == null) {
      apiKey = global.context().envValue("YM_API_KEY");
      if (apiKey == null) {
        token = global.context().envValue("YM_OAUTH_TOKEN");
      }
    }
    Profile profile = Profile.locate(global.context());
    Properties properties = profile.read();
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
    profile.write(properties);
    Printer printer = new Printer(spec.commandLine().getOut(), global.context().zone(), null);
    String credential = properties.getProperty(Profile.API_KEY) != null ? "API key" : "OAuth token";
    if (global.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("profile", profile.file().toString());
      result.put("credential", credential);
      result.put("businessId", properties.getProperty(Profile.BUSINESS_ID));
      result.put(
          "baseUrl",
          properties.getProperty(Profile.BASE_URL, dev.ymchat.cli.Settings.LIVE_BASE_URL));
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

  private String prompt() {
    Console console = global.context().terminal() ? System.console() : null;
    if (console == null) {
      throw new CliException(
          ExitCodes.USAGE,
          "nothing to save: pass --api-key KEY or --oauth-token TOKEN (or set YM_API_KEY / YM_OAUTH_TOKEN)");
    }
    char[] typed = console.readPassword("API key (input hidden): ");
    if (typed == null || typed.length == 0) {
      throw new CliException(ExitCodes.USAGE, "no API key entered; nothing saved");
    }
    return new String(typed);
  }
}
