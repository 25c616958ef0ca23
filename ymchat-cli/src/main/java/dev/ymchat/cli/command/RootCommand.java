package dev.ymchat.cli.command;

import dev.ymchat.cli.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ymchat}: the buyer chats of the Yandex Market Partner API from the command line. */
@Command(
    name = "ymchat",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    sortOptions = false,
    description =
        "Read and answer the buyer chats of the Yandex Market Partner API, or try them in a local sandbox.",
    footer = {
      "",
      "The options above apply to every command that calls the API; they may also come after the"
          + " command's name. Credentials: a flag wins over YM_API_KEY / YM_OAUTH_TOKEN /"
          + " YM_BUSINESS_ID / YM_BASE_URL, which win over the profile written by `ymchat login`."
          + " Try it without an account: `ymchat demo`.",
      "",
      "Exit codes: 0 ok, 1 error, 2 usage or configuration, 3 auth (401/403), 4 not found,"
          + " 5 rate limited (420), 6 server (5xx), 7 network, 8 invalid input (400),"
          + " 130 stopped by Ctrl-C."
    },
    subcommands = {
      ChatsCommand.class,
      ChatCommand.class,
      HistoryCommand.class,
      MessageCommand.class,
      SendCommand.class,
      SendFileCommand.class,
      DownloadCommand.class,
      CreateCommand.class,
      WatchCommand.class,
      ExportCommand.class,
      SyncCommand.class,
      InboxCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      SandboxCommand.class,
      DemoCommand.class
    })
public final class RootCommand implements Runnable {

  @Spec private CommandSpec spec;

  /**
   * The global options given before the command name; commands read them through their own mixin.
   */
  @Mixin GlobalOptions global;

  /** Creates the command (picocli calls this). */
  public RootCommand() {}

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "no command given; `ymchat --help` lists them, `ymchat demo` shows them at work");
  }
}
