package dev.ymchat.cli.command;

import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.inbox.Operators;
import dev.ymchat.inbox.Schema;
import dev.ymchat.sync.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/** The work of {@code ymchat inbox user …}, loaded only when such a command runs. */
final class InboxUsers {

  private final CliContext context;
  private final PrintWriter out;
  private final MirrorDatabase mirror;

  InboxUsers(CliContext context, PrintWriter out, MirrorDatabase mirror) {
    this.context = context;
    this.out = out;
    this.mirror = mirror;
  }

  int add(String login, List<Long> businesses, boolean stdin) {
    char[] password = password(stdin, "Password for " + login + " (input hidden): ");
    return withOperators(
        ops -> {
          ops.add(login, password, new LinkedHashSet<>(businesses));
          out.println("added operator " + login + " for business " + join(businesses));
          return ExitCodes.OK;
        });
  }

  int list() {
    return withOperators(
        ops -> {
          List<Operators.Operator> all = ops.list();
          if (all.isEmpty()) {
            out.println(
                "no operators yet: add one with `ymchat inbox user add LOGIN --business ID`");
          }
          for (Operators.Operator o : all) {
            out.println(
                o.login()
                    + "  businesses "
                    + join(new java.util.TreeSet<>(o.businesses()).stream().toList()));
          }
          return ExitCodes.OK;
        });
  }

  int grant(String login, List<Long> businesses, boolean grant) {
    return withOperators(
        ops -> {
          for (long b : businesses) {
            if (grant) {
              ops.grant(login, b);
            } else {
              ops.revoke(login, b);
            }
          }
          out.println(
              (grant ? "granted " : "revoked ")
                  + "business "
                  + join(businesses)
                  + (grant ? " to " : " from ")
                  + login);
          return ExitCodes.OK;
        });
  }

  int passwd(String login, boolean stdin) {
    char[] password = password(stdin, "New password for " + login + " (input hidden): ");
    return withOperators(
        ops -> {
          ops.passwd(login, password);
          out.println("password of " + login + " changed; their sessions ended");
          return ExitCodes.OK;
        });
  }

  int remove(String login) {
    return withOperators(
        ops -> {
          ops.remove(login);
          out.println("removed operator " + login);
          return ExitCodes.OK;
        });
  }

  private int withOperators(Function<Operators, Integer> work) {
    try (Database database = mirror.open(2)) {
      Schema.migrate(database.dataSource());
      return work.apply(new Operators(database.jdbi(), Clock.systemUTC()));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.GENERIC, e.getMessage());
    }
  }

  private char[] password(boolean stdin, String prompt) {
    char[] password;
    if (stdin) {
      try {
        byte[] bytes = context.in().readNBytes(4096);
        String s = new String(bytes, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        password = (nl < 0 ? s : s.substring(0, nl)).replace("\r", "").toCharArray();
        Arrays.fill(bytes, (byte) 0);
      } catch (IOException e) {
        throw new CliException(ExitCodes.GENERIC, "could not read the password: " + e.getMessage());
      }
    } else {
      password = context.terminal() ? context.secretPrompt().read(prompt) : null;
      if (password == null) {
        throw new CliException(
            ExitCodes.USAGE,
            "no terminal to ask for the password at: pipe it in with --password-stdin");
      }
    }
    if (password.length < Operators.MIN_PASSWORD) {
      throw new CliException(
          ExitCodes.USAGE,
          "the password must have at least " + Operators.MIN_PASSWORD + " characters");
    }
    return password;
  }

  private static String join(List<Long> ids) {
    return String.join(", ", ids.stream().map(String::valueOf).toList());
  }
}
