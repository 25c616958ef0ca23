package dev.ymchat.cli.command;

import dev.ymchat.cli.GlobalOptions;
import dev.ymchat.cli.Profile;
import dev.ymchat.cli.output.Printer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ymchat logout}: deletes the profile file. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = "Delete the profile file written by `ymchat login`.")
final class LogoutCommand implements Callable<Integer> {

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Profile profile = Profile.locate(global.context());
    boolean deleted = profile.delete();
    Printer printer = new Printer(spec.commandLine().getOut(), global.context().zone(), null);
    if (global.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("profile", profile.file().toString());
      result.put("deleted", deleted);
      printer.json(result);
    } else {
      printer.line(
          deleted
              ? "Deleted " + profile.file() + "."
              : "No profile at " + profile.file() + "; nothing to do.");
    }
    return 0;
  }
}
