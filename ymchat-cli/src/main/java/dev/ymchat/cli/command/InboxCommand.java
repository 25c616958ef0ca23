package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.GlobalOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ymchat inbox}: the operators' web inbox, with the sync in the same process. The work is in
 * {@link InboxRunner} and {@link InboxUsers}, so that parsing a command line never loads the web
 * application.
 */
@Command(
    name = "inbox",
    mixinStandardHelpOptions = true,
    subcommands = InboxCommand.User.class,
    description = {
      "Serve the operators' web inbox, with the sync of the business, until Ctrl-C.",
      "The inbox reads the mirror (--db, as `ymchat sync`) and writes only through its outbox."
          + " Operators sign in with the accounts of `ymchat inbox user add`. `--demo` starts a"
          + " sandbox with buyers who keep writing, a sync and the inbox in this process, and"
          + " prints the address and a demo operator's login. The database user and password come"
          + " from YM_SYNC_DB_USER and YM_SYNC_DB_PASSWORD."
    })
final class InboxCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Mixin MirrorDatabaseOptions.Full mirror;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8090",
      description = "Port of the inbox (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address of the inbox (default ${DEFAULT-VALUE}; put it behind an HTTPS proxy before"
              + " opening it to a network).")
  String host;

  @Option(
      names = "--webhook-port",
      paramLabel = "N",
      defaultValue = "8181",
      description = "Port of the sync's POST /notification (default ${DEFAULT-VALUE}; -1 = none).")
  int webhookPort;

  @Option(
      names = "--secure-cookies",
      description = "Mark the session cookie Secure (when an HTTPS proxy serves the inbox).")
  boolean secureCookies;

  @Option(
      names = "--demo",
      description = "Run against an in-process sandbox with simulated buyers and a demo operator.")
  boolean demo;

  @Mixin RunForOption runFor;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535) {
      throw new CliException(ExitCodes.USAGE, "--port must be 0 to 65535, not " + port);
    }
    InboxRunner runner =
        new InboxRunner(
            global.context(),
            spec.commandLine().getOut(),
            host,
            port,
            secureCookies,
            runFor.duration);
    if (demo) {
      return runner.demo();
    }
    return runner.live(global, mirror.database(), webhookPort);
  }

  /** {@code ymchat inbox user}: operator accounts. */
  @Command(
      name = "user",
      mixinStandardHelpOptions = true,
      subcommands = {
        User.Add.class,
        User.ListUsers.class,
        User.Grant.class,
        User.Revoke.class,
        User.Passwd.class,
        User.Remove.class
      },
      description = {
        "Manage the inbox's operators: add, list, grant, revoke, passwd, remove.",
        "Passwords are read at a hidden prompt or from standard input (--password-stdin), never"
            + " from the command line, and stored as Argon2id hashes."
      })
  static final class User implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "say what to do: add, list, grant, revoke, passwd or remove");
    }

    /** Options of every user command: the mirror's database (and the run's context with it). */
    abstract static class Db implements Callable<Integer> {

      @Spec CommandSpec spec;

      @Mixin MirrorDatabaseOptions.Brief mirror;

      InboxUsers users() {
        return new InboxUsers(mirror.context(), spec.commandLine().getOut(), mirror.database());
      }
    }

    /** {@code --password-stdin}, for the commands that set a password (a picocli mixin). */
    static final class PasswordSource {
      @Option(
          names = "--password-stdin",
          description = "Read the password from standard input instead of a hidden prompt.")
      boolean stdin;
    }

    /** A command about one operator, named by {@code LOGIN}. */
    abstract static class OneOperator extends Db {
      @Parameters(paramLabel = "LOGIN")
      String login;
    }

    @Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Add an operator who may see the given businesses.")
    static final class Add extends Db {

      @Parameters(paramLabel = "LOGIN", description = "2 to 64 of a-z, 0-9, '.', '-', '_'.")
      String login;

      @Option(
          names = "--business",
          paramLabel = "ID",
          required = true,
          description = "A business the operator may see (repeat for more).")
      List<Long> businesses;

      @Mixin PasswordSource password;

      @Override
      public Integer call() {
        return users().add(login, businesses, password.stdin);
      }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the operators.")
    static final class ListUsers extends Db {
      @Override
      public Integer call() {
        return users().list();
      }
    }

    /** An operator and businesses: what grant and revoke take. */
    abstract static class LoginAndBusinesses extends OneOperator {

      @Option(names = "--business", paramLabel = "ID", required = true)
      List<Long> businesses;

      abstract boolean grant();

      @Override
      public Integer call() {
        return users().grant(login, businesses, grant());
      }
    }

    @Command(
        name = "grant",
        mixinStandardHelpOptions = true,
        description = "Let an operator see more businesses.")
    static final class Grant extends LoginAndBusinesses {
      @Override
      boolean grant() {
        return true;
      }
    }

    @Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Take businesses from an operator (their open pages lose them at once).")
    static final class Revoke extends LoginAndBusinesses {
      @Override
      boolean grant() {
        return false;
      }
    }

    @Command(
        name = "passwd",
        mixinStandardHelpOptions = true,
        description = "Set an operator's password (ends their sessions).")
    static final class Passwd extends OneOperator {

      @Mixin PasswordSource password;

      @Override
      public Integer call() {
        return users().passwd(login, password.stdin);
      }
    }

    @Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove an operator with their sessions.")
    static final class Remove extends OneOperator {
      @Override
      public Integer call() {
        return users().remove(login);
      }
    }
  }
}
