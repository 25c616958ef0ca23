package dev.ymchat.cli.command;

import dev.ymchat.cli.CliException;
import dev.ymchat.cli.HintedFailure;
import dev.ymchat.client.ChatsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ymchat export --out FILE.jsonl}: every chat with its whole history, resumable. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export every chat with its whole history to a JSON lines file, resumably.",
      "Per chat a"
          + " {\"chat\":{…}} line, then one {\"chatId\":…,\"message\":{…}} line per message,"
          + " oldest first. Progress is kept in FILE.state: after an interruption, run the same"
          + " command again to continue without duplicates. A progress bar is drawn on stderr at"
          + " a terminal."
    })
final class ExportCommand extends ApiCommand {

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The JSON lines file to write.")
  Path out;

  @Option(
      names = "--restart",
      description = "Discard an unfinished or finished export in FILE and start over.")
  boolean restart;

  @Override
  int run(ChatsClient client, long businessId) throws IOException {
    Path file = context().workingDir().resolve(out);
    ChatExporter exporter = new ChatExporter(client, businessId, file, context(), err());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread onInterrupt = new Thread(() -> interrupted(running), "ymchat-export-interrupted");
    if (context().standalone()) {
      Runtime.getRuntime().addShutdownHook(onInterrupt);
    }
    ChatExporter.Result result;
    try {
      result = exporter.export(restart);
    } catch (CliException e) {
      throw e; // refused before exporting anything: resuming would not help
    } catch (IOException | RuntimeException e) {
      if (ExportState.resumable(ExportState.fileFor(file))) {
        throw new HintedFailure(e, resumeHint());
      }
      throw e;
    } finally {
      running.set(false);
      if (context().standalone()) {
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException e) {
          // already shutting down: the hook has seen running == false
        }
      }
    }
    if (json()) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("file", file.toString());
      summary.put("chats", result.chats());
      summary.put("skippedChats", result.skippedChats());
      summary.put("messages", result.messages());
      summary.put("resumed", result.resumed());
      summary.put("alreadyComplete", result.alreadyComplete());
      printer().json(summary);
    } else if (result.alreadyComplete()) {
      printer().line(file + " is already a complete export; pass --restart to export again.");
    } else {
      printer()
          .line(
              "Exported "
                  + result.chats()
                  + " chats and "
                  + result.messages()
                  + " messages to "
                  + file
                  + (result.resumed()
                      ? " (resumed; " + result.skippedChats() + " chats were already done)."
                      : "."));
    }
    return 0;
  }

  /** Ctrl-C (or a kill) while exporting: the shutdown hook says how to go on. */
  private void interrupted(AtomicBoolean running) {
    if (!running.get()) {
      return;
    }
    PrintWriter err = err();
    err.println();
    err.println(spec.qualifiedName() + ": interrupted; " + resumeHint());
    err.flush();
  }

  /**
   * The command that continues this export: the same file and target, without {@code --restart}; a
   * key given as a flag is shown as a placeholder, never itself.
   */
  String resumeHint() {
    List<String> words = new ArrayList<>(List.of("ymchat", "export", "--out", quote(out)));
    if (global.sandboxFlag()) {
      words.add("--sandbox");
    }
    if (global.baseUrlFlag() != null) {
      words.add("--base-url");
      words.add(quote(global.baseUrlFlag()));
    }
    if (global.businessFlag() != null) {
      words.add("--business");
      words.add(Long.toString(global.businessFlag()));
    }
    if (global.apiKeyFlag() != null) {
      words.add("--api-key");
      words.add("KEY");
    } else if (global.oauthTokenFlag() != null) {
      words.add("--oauth-token");
      words.add("TOKEN");
    }
    if (global.allowInsecureFlag()) {
      words.add("--allow-insecure");
    }
    boolean placeholder = global.apiKeyFlag() != null || global.oauthTokenFlag() != null;
    return "what is written is kept: run `"
        + String.join(" ", words)
        + "` to resume"
        + (placeholder ? " (with your key in place of KEY)" : "")
        + ", or add --restart to start over";
  }

  private static String quote(Object value) {
    String text = value.toString();
    if (SHELL_SAFE.matcher(text).matches()) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
