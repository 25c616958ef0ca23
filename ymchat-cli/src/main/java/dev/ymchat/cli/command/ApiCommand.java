package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Settings;
import dev.ymchat.cli.output.Printer;
import dev.ymchat.client.ChatsClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls the API: resolves the settings, opens a client, runs, closes the client. */
abstract class ApiCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Settings settings = global.requireApiSettings();
    try (ChatsClient client = global.newClient(settings)) {
      return run(client, settings.businessId());
    }
  }

  /**
   * Does the work.
   *
   * @param client an open client
   * @param businessId the business to work in
   * @return the exit code
   * @throws Exception any failure; the error reporter turns it into one line and an exit code
   */
  abstract int run(ChatsClient client, long businessId) throws Exception;

  CliContext context() {
    return global.context();
  }

  Printer printer() {
    return new Printer(
        spec.commandLine().getOut(), context().zone(), context().envValue("COLUMNS"));
  }

  boolean json() {
    return global.json();
  }

  java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
