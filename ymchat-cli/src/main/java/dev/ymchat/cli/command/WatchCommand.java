package dev.ymchat.cli.command;

import dev.ymchat.cli.ExitCodes;
import dev.ymchat.cli.output.Printer;
import dev.ymchat.cli.output.Text;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ymchat watch}: prints each new message once, as it arrives. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Follow all chats and print each new message once, as it arrives.",
      "Each poll makes one"
          + " getChats pass and reads history only for chats whose updatedAt changed, from the"
          + " last message seen. The first poll only sets the baseline (old messages are not"
          + " printed) unless --since-start. With --output json, prints JSON lines"
          + " {\"chatId\":…,\"message\":{…}}. Temporary failures (420, 5xx, network) are"
          + " reported and retried at the next poll."
    })
final class WatchCommand extends ApiCommand {

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "Time between polls, such as 500ms, 15s, 2m (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--once", description = "Poll once, then exit.")
  boolean once;

  @Option(
      converter = Bounded.Positive.class,
      names = "--max-polls",
      paramLabel = "N",
      description = "Exit after N polls.")
  Integer maxPolls;

  @Option(
      names = "--since-start",
      description = "Also print the messages that exist at the first poll.")
  boolean sinceStart;

  @Option(
      converter = Bounded.Positive.class,
      names = "--chats-quota",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "getChats requests allowed per hour (default ${DEFAULT-VALUE}); polls are spaced to stay within it.")
  int chatsQuota;

  @Option(
      converter = Bounded.Positive.class,
      names = "--history-quota",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "getChatHistory requests allowed per hour (default ${DEFAULT-VALUE}); polls are spaced to stay within it.")
  int historyQuota;

  @Override
  int run(ChatsClient client, long businessId) throws InterruptedException {
    long polls = once ? 1 : maxPolls != null ? maxPolls : Long.MAX_VALUE;
    boolean stretchedBefore = false;
    Printer printer = printer();
    ChatWatcher watcher =
        new ChatWatcher(
            client, businessId, sinceStart, (chat, message) -> print(printer, chat, message));
    if (!json()) {
      err()
          .println(
              "Watching the chats of business "
                  + businessId
                  + " every "
                  + human(interval)
                  + (polls == Long.MAX_VALUE ? "; Ctrl-C to stop." : "."));
      err().flush();
    }
    for (long poll = 1; poll <= polls; poll++) {
      try {
        watcher.poll();
      } catch (RateLimitException | ServerException | TransportException e) {
        if (poll == polls) {
          throw e;
        }
        err()
            .println(
                spec.qualifiedName()
                    + ": this poll failed ("
                    + e.getMessage()
                    + "); trying again in "
                    + human(interval));
        err().flush();
      }
      if (poll < polls) {
        Duration wait = paced(watcher);
        if (wait.compareTo(interval) > 0 && !stretchedBefore) {
          stretchedBefore = true;
          err()
              .println(
                  spec.qualifiedName()
                      + ": a poll made "
                      + watcher.lastPollChatsRequests()
                      + " getChats and "
                      + watcher.lastPollHistoryRequests()
                      + " getChatHistory requests; waiting "
                      + human(wait)
                      + " instead of "
                      + human(interval)
                      + " to stay within the hourly quotas (--chats-quota, --history-quota)");
          err().flush();
        }
        try {
          context().sleeper().sleep(wait.compareTo(interval) > 0 ? wait : interval).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("the wait between polls failed", e.getCause());
        } catch (InterruptedException e) {
          // Stopped between polls (in-process, as Ctrl-C stops the process): every message seen
          // was printed, so this is an ordinary end.
          Thread.currentThread().interrupt();
          return ExitCodes.INTERRUPTED;
        }
      }
    }
    return 0;
  }

  /** The least wait after a poll that keeps the request rate within the hourly quotas. */
  private Duration paced(ChatWatcher watcher) {
    long hourMs = Duration.ofHours(1).toMillis();
    long forChats = watcher.lastPollChatsRequests() * hourMs / chatsQuota;
    long forHistory = watcher.lastPollHistoryRequests() * hourMs / historyQuota;
    long ms = Math.max(forChats, forHistory);
    // Round up to whole seconds so the message reads well.
    return Duration.ofSeconds((ms + 999) / 1000);
  }

  private void print(Printer printer, Chat chat, ChatMessage message) {
    if (json()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("chatId", chat.chatId());
      line.put("message", message);
      printer.jsonLine(line);
      return;
    }
    String head =
        printer.time(message.createdAt())
            + "  chat "
            + chat.chatId()
            + "  #"
            + message.messageId()
            + "  "
            + message.sender()
            + "  ";
    int room = Math.max(10, printer.width() - Text.width(head));
    printer.line(head + Text.truncate(Text.oneLine(Printer.text(message)), room));
  }

  private static String human(Duration duration) {
    long ms = duration.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
