package dev.ymchat.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.cli.CliContext;
import dev.ymchat.cli.CliException;
import dev.ymchat.cli.ExitCodes;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ModelJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams every chat with its whole history to a JSON lines file: a {@code {"chat":{…}}} line, then
 * one {@code {"chatId":…,"message":{…}}} line per message, one history page in memory at a time.
 * Progress is recorded in a sidecar state file after each page, so a rerun continues where the last
 * one stopped: the file is cut back to the last recorded length (dropping any partial line) and the
 * chat in progress continues from its last message written.
 */
final class ChatExporter {

  private static final int CHATS_PER_PAGE = 20;
  private static final int MESSAGES_PER_PAGE = 100;
  private static final String CHAT_LINE_PREFIX = "{\"chat\":";

  /** What one run did. */
  record Result(
      int chats, int skippedChats, long messages, boolean resumed, boolean alreadyComplete) {}

  private final ChatsClient client;
  private final long businessId;
  private final Path out;
  private final Path stateFile;
  private final CliContext context;
  private final PrintWriter progressOut;
  private final ObjectMapper mapper = ModelJson.newMapper();

  ChatExporter(
      ChatsClient client, long businessId, Path out, CliContext context, PrintWriter progressOut) {
    this.client = client;
    this.businessId = businessId;
    this.out = out;
    this.stateFile = ExportState.fileFor(out);
    this.context = context;
    this.progressOut = progressOut;
  }

  Result export(boolean restart) throws IOException {
    if (restart) {
      Files.deleteIfExists(out);
      Files.deleteIfExists(stateFile);
    }
    ExportState state = ExportState.load(stateFile);
    if (state == null && Files.exists(out) && Files.size(out) > 0) {
      throw new CliException(
          ExitCodes.GENERIC,
          out
              + " exists but is not an unfinished export (no "
              + stateFile.getFileName()
              + "); pass --restart to overwrite it or choose another --out");
    }
    if (state != null && state.businessId != 0 && state.businessId != businessId) {
      throw new CliException(
          ExitCodes.GENERIC,
          out
              + " is an export of business "
              + state.businessId
              + ", not "
              + businessId
              + "; pass --restart to overwrite it or choose another --out");
    }
    if (state != null && state.complete) {
      return new Result(0, 0, 0, true, true);
    }
    boolean resumed = state != null;
    if (state == null) {
      state = new ExportState();
      state.businessId = businessId;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Set<Long> done = new HashSet<>();
    try (FileChannel channel =
        FileChannel.open(
            out, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      if (channel.size() < state.length) {
        throw new CliException(
            ExitCodes.GENERIC,
            out
                + " is shorter than its state file records (it was changed); pass --restart to export again");
      }
      // Everything after the last recorded length is a partial line or lines whose progress was not
      // recorded; they are written again, so cut them off.
      channel.truncate(state.length);
      done.addAll(completedChats(channel, state));
      channel.position(state.length);
      OutputStream stream = Channels.newOutputStream(channel);
      return write(stream, channel, state, done, resumed);
    }
  }

  /** The chats whose chat line is in the file, except the one in progress. */
  private Set<Long> completedChats(FileChannel channel, ExportState state) throws IOException {
    Set<Long> ids = new HashSet<>();
    channel.position(0);
    // Not closed on purpose: closing the reader would close the channel the export goes on writing
    // to.
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith(CHAT_LINE_PREFIX)) {
        JsonNode id = mapper.readTree(line).path("chat").path("chatId");
        if (id.canConvertToLong()) {
          ids.add(id.asLong());
        }
      }
    }
    if (state.currentChatId != null) {
      ids.remove(state.currentChatId);
    }
    return ids;
  }

  private Result write(
      OutputStream stream, FileChannel channel, ExportState state, Set<Long> done, boolean resumed)
      throws IOException {
    // Only the chat list is held in memory (it is small next to the histories), which also gives
    // the
    // progress bar its total.
    List<Chat> chats = new ArrayList<>();
    client
        .chats(businessId, ChatsQuery.builder().limit(CHATS_PER_PAGE).build())
        .autoPager()
        .forEach(chats::add);
    Progress progress = new Progress(chats.size());
    int written = 0;
    int skipped = 0;
    long messages = 0;
    for (Chat chat : chats) {
      if (done.contains(chat.chatId())) {
        skipped++;
        progress.chatDone();
        continue;
      }
      Long from = null;
      if (state.currentChatId != null && state.currentChatId == chat.chatId()) {
        from = state.lastMessageId;
      } else {
        Map<String, Object> chatLine = new LinkedHashMap<>();
        chatLine.put("chat", chat);
        state.length += writeLine(stream, chatLine);
        state.currentChatId = chat.chatId();
        state.lastMessageId = null;
        stream.flush();
        state.save(stateFile);
      }
      HistoryQuery.Builder query = HistoryQuery.builder().limit(MESSAGES_PER_PAGE);
      if (from != null) {
        query.messageIdFrom(from);
      }
      HistoryPage page = client.history(businessId, chat.chatId(), query.build());
      while (true) {
        for (ChatMessage message : page.items()) {
          if (from != null && message.messageId() == from) {
            continue; // written before the interruption
          }
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("chatId", chat.chatId());
          line.put("message", message);
          state.length += writeLine(stream, line);
          state.lastMessageId = message.messageId();
          messages++;
        }
        stream.flush();
        channel.force(false);
        state.save(stateFile);
        progress.messages(page.items().size());
        if (state.lastMessageId != null) {
          context.exportHook().pageWritten(chat.chatId(), state.lastMessageId);
        }
        if (!page.hasNextPage()) {
          break;
        }
        page = page.nextPage();
      }
      state.lastCompletedChatId = chat.chatId();
      state.currentChatId = null;
      state.lastMessageId = null;
      state.save(stateFile);
      written++;
      progress.chatDone();
      context.exportHook().chatCompleted(chat.chatId(), written);
    }
    state.complete = true;
    state.save(stateFile);
    progress.finish();
    return new Result(written, skipped, messages, resumed, false);
  }

  private long writeLine(OutputStream stream, Object value) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(value);
    stream.write(bytes);
    stream.write('\n');
    return bytes.length + 1L;
  }

  /** A progress bar on stderr, drawn only for a person at a terminal. */
  private final class Progress {
    private static final int BAR = 30;
    private final int total;
    private int chatsDone;
    private long messagesDone;

    Progress(int total) {
      this.total = total;
    }

    void chatDone() {
      chatsDone++;
      draw();
    }

    void messages(int count) {
      messagesDone += count;
      draw();
    }

    void draw() {
      if (!context.terminal()) {
        return;
      }
      int filled = total == 0 ? BAR : (int) ((long) BAR * chatsDone / total);
      progressOut.print(
          "\rExporting ["
              + "#".repeat(filled)
              + " ".repeat(BAR - filled)
              + "] "
              + chatsDone
              + "/"
              + total
              + " chats, "
              + messagesDone
              + " messages");
      progressOut.flush();
    }

    void finish() {
      if (context.terminal()) {
        progressOut.println();
        progressOut.flush();
      }
    }
  }
}
