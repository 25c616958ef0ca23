package dev.ymchat.cli;

import dev.ymchat.cli.command.RootCommand;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The entry point of the {@code ymchat} command line. */
public final class Main {

  private Main() {}

  /**
   * Runs {@code ymchat} and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(CliContext.system(), args);
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
    cli.setExecutionExceptionHandler(errors);
    cli.setExitCodeExceptionMapper(errors);
    cli.setExecutionStrategy(parseResult -> execute(parseResult, context));
    return cli;
  }

  private static int execute(ParseResult parseResult, CliContext context) {
    boolean verbose = false;
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      verbose |= p.hasMatchedOption("-v");
    }
    Logging.configure(verbose, context.err(), context.zone());
    return new CommandLine.RunLast().execute(parseResult);
  }
}
