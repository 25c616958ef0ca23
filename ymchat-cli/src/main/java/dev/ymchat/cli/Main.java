package dev.ymchat.cli;

import dev.ymchat.cli.command.RootCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The entry point of the {@code ymchat} command line. */
public final class Main {

  /** The commands that embed the sandbox, and so its web server, database and Logback. */
  private static final Set<String> SANDBOX_COMMANDS = Set.of("sandbox", "demo");

  private static final String SLF4J_PROVIDER = "slf4j.provider";
  private static final String SLF4J_NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";
  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  private Main() {}

  /**
   * Runs {@code ymchat} and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(CliContext.system(), args);
    HttpClientThreads.stop();
    System.exit(code);
  }

  /**
   * Runs {@code ymchat} in-process, as tests do.
   *
   * @param context the environment, streams and clock to run with
   * @param args the command line
   * @return the exit code (see {@link ExitCodes})
   */
  public static int run(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  /**
   * Builds the configured command line: commands, output writers, error handling and exit codes.
   *
   * @param context the environment, streams and clock to run with
   * @return the command line, ready to execute
   */
  public static CommandLine commandLine(CliContext context) {
    ErrorReporter errors = new ErrorReporter(context.zone());
    CommandLine cli = new CommandLine(RootCommand.class, new CommandFactory(context));
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpWidth(helpWidth(context.envValue("COLUMNS")));
    cli.setExecutionExceptionHandler(errors);
    cli.setExitCodeExceptionMapper(errors);
    cli.setExecutionStrategy(parseResult -> execute(parseResult, context));
    return cli;
  }

  /** Help is wrapped by picocli to the terminal's width (picocli's own bounds: 55 or more). */
  private static int helpWidth(String columns) {
    try {
      return columns == null ? 80 : Math.max(55, Math.min(200, Integer.parseInt(columns.trim())));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  private static int execute(ParseResult parseResult, CliContext context) {
    List<ParseResult> chain = new ArrayList<>();
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      chain.add(p);
    }
    ParseResult leaf = chain.get(chain.size() - 1);
    refuseOptionsThatDoNotApply(chain, leaf);
    boolean verbose = chain.stream().anyMatch(p -> p.hasMatchedOption("-v"));
    boolean sandbox = SANDBOX_COMMANDS.contains(leaf.commandSpec().name());
    if (context.standalone() && !verbose && !sandbox) {
      // Nothing but the client's DEBUG lines would be logged, and those only with -v: tell SLF4J,
      // before anything logs, to use its no-op provider, so Logback and its configuration are
      // never loaded (a third of the start-up time of a short command).
      if (System.getProperty(SLF4J_PROVIDER) == null) {
        System.setProperty(SLF4J_PROVIDER, SLF4J_NOP);
        // SLF4J reports an explicit provider choice at INFO on stderr; only its warnings matter
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    } else {
      Logging.configure(verbose, context.err(), context.zone());
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  /**
   * Options given before the command's name (on {@code ymchat} itself) must be options of that
   * command too: {@code ymchat --api-key K sandbox} is refused, since the sandbox takes no key.
   */
  private static void refuseOptionsThatDoNotApply(List<ParseResult> chain, ParseResult leaf) {
    CommandSpec command = leaf.commandSpec();
    for (ParseResult outer : chain) {
      if (outer == leaf) {
        break;
      }
      for (OptionSpec option : outer.matchedOptions()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        if (command.findOption(option.longestName()) == null) {
          throw new ParameterException(
              leaf.commandSpec().commandLine(),
              option.longestName()
                  + " does not apply to `"
                  + command.qualifiedName()
                  + "`; `"
                  + command.qualifiedName()
                  + " --help` lists the options it takes");
        }
      }
    }
  }
}
