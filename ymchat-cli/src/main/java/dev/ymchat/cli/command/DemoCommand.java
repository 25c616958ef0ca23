package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.output.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ymchat demo}: a seller's day against an embedded sandbox, step by step. The work is in
 * {@link DemoRunner}, so that parsing a command line never loads the sandbox.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Show a seller's day against an embedded sandbox; needs no account.",
      "The sandbox runs in"
          + " memory with demo data on a free port. The demo lists the chats waiting for an"
          + " answer, reads one, answers it, sends a file, opens a chat for an order, sees the"
          + " buyer's reply through the API and receives its push notification. Nothing is left"
          + " running afterwards."
    })
final class DemoCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log each request of the demo and of its sandbox to stderr.")
  boolean verbose;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Printer printer =
        new Printer(spec.commandLine().getOut(), context.zone(), context.envValue("COLUMNS"));
    return new DemoRunner(printer).run();
  }
}
