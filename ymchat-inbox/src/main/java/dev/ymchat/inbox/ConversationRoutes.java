package dev.ymchat.inbox;

import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.inbox.view.Views;
import dev.ymchat.sync.outbox.Outbox;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The conversation: the page, its live thread, replies through the outbox, and file downloads. */
final class ConversationRoutes {

  private final WebParts parts;

  ConversationRoutes(WebParts parts) {
    this.parts = parts;
  }

  void page(Context ctx) {
    Operators.Operator op = parts.operator(ctx);
    long version = parts.hub.version(op.businesses());
    WebParts.ChatRef ref = parts.chat(ctx);
    ChatList.Row row = ref.row();
    Instant now = parts.clock.instant();
    ChatList.Result around = parts.list.query(Filters.DEFAULT, op.login(), op.businesses(), now);
    String next = "";
    String prev = "";
    List<ChatList.Row> rows = around.rows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).businessId() == ref.business() && rows.get(i).chatId() == ref.chat()) {
        next = i + 1 < rows.size() ? WebParts.href(rows.get(i + 1)) : "";
        prev = i > 0 ? WebParts.href(rows.get(i - 1)) : "";
      }
    }
    if (next.isEmpty() && prev.isEmpty() && !rows.isEmpty() && !same(rows.get(0), ref)) {
      next = WebParts.href(rows.get(0));
    }
    List<Views.Canned> canned = new ArrayList<>();
    for (Settings.Canned c : parts.settings.canned(ref.business())) {
      canned.add(new Views.Canned(c.name(), c.text()));
    }
    Views.ChatPage page =
        new Views.ChatPage(
            parts.liveFrame(ctx, Pages.customer(row.customer()), version),
            Pages.head(row),
            Pages.clock(row.responseDue(), row.answeredOnce(), now),
            threadView(ctx, ref, ""),
            canned,
            "/",
            next,
            prev);
    ctx.html(parts.render("chat.jte", Map.of("p", page)));
  }

  private static boolean same(ChatList.Row r, WebParts.ChatRef ref) {
    return r.businessId() == ref.business() && r.chatId() == ref.chat();
  }

  private Views.ThreadView threadView(Context ctx, WebParts.ChatRef ref, String notice) {
    ZoneId zone = parts.settings.of(ref.business()).hours().zone();
    List<Reply> replies = parts.sync.outbox().replies(ref.business(), ref.chat());
    Map<Long, Reply> byMessage = new LinkedHashMap<>();
    List<Views.Reply> pending = new ArrayList<>();
    for (Reply r : replies) {
      if (r.messageId() != 0) {
        byMessage.put(r.messageId(), r);
      } else if (r.state() != ReplyState.CANCELLED) {
        String state =
            r.state() == ReplyState.BLOCKED ? "failed" : r.state().name().toLowerCase(Locale.ROOT);
        pending.add(
            new Views.Reply(
                r.replyId(),
                state,
                r.file() ? Pages.nz(r.fileName()) : Pages.nz(r.text()),
                r.state() == ReplyState.BLOCKED ? Pages.nz(r.lastError()) : "",
                r.state() == ReplyState.BLOCKED,
                r.state() == ReplyState.QUEUED && !r.inDoubt() && r.attempts() == 0));
      }
    }
    List<Views.Message> messages = new ArrayList<>();
    for (ChatMessage m : parts.sync.messages(ref.business(), ref.chat())) {
      String sender = m.sender() == null ? null : m.sender().value();
      List<Views.File> files = new ArrayList<>();
      int i = 0;
      for (MessagePayload p : m.payload()) {
        files.add(
            new Views.File(
                Pages.nz(p.name()),
                ref.base() + "/messages/" + m.messageId() + "/files/" + i++,
                isImage(p.name()),
                Pages.size(p.size())));
      }
      Reply linked = byMessage.get(m.messageId());
      messages.add(
          new Views.Message(
              "msg-" + m.messageId(),
              Pages.sender(sender),
              sender == null ? "" : sender.toLowerCase(Locale.ROOT),
              m.createdAt() == null ? "" : Pages.time(m.createdAt().toInstant(), zone),
              Pages.nz(m.message()),
              files,
              linked == null ? "" : "sent"));
    }
    String assignee =
        parts
            .sync
            .jdbi()
            .withHandle(h -> Queue.assignee(h, ref.business(), ref.chat()))
            .orElse(null);
    ChatList.Row row = ref.row();
    return new Views.ThreadView(
        ref.base(),
        parts.session(ctx).csrf(),
        messages,
        pending,
        Pages.nz(assignee),
        parts.operators.grantedTo(ref.business()),
        row.status().toLowerCase(Locale.ROOT),
        notice,
        parts.operator(ctx).login());
  }

  /** Answers with the chat's thread fragment (after an action, or for a live refresh). */
  void thread(Context ctx, String notice) {
    WebParts.ChatRef ref = parts.chat(ctx);
    ctx.html(parts.render("thread.jte", Map.of("t", threadView(ctx, ref, notice))));
  }

  void reply(Context ctx) throws IOException {
    WebParts.ChatRef ref = parts.chat(ctx);
    String text = Optional.ofNullable(ctx.formParam("text")).orElse("").strip();
    UploadedFile file = ctx.uploadedFile("file");
    if (file != null && file.filename().isEmpty() && file.size() == 0) {
      file = null;
    }
    if (text.isEmpty() && file == null) {
      throw new BadRequest("Write a reply or attach a file first.");
    }
    if (text.length() > Outbox.MAX_TEXT_LENGTH) {
      throw new BadRequest(
          "The reply has "
              + text.length()
              + " characters; Market takes at most "
              + Outbox.MAX_TEXT_LENGTH
              + ". Shorten it or split it.");
    }
    byte[] content = null;
    if (file != null) {
      if (file.size() > Outbox.MAX_FILE_SIZE) {
        throw new BadRequest(413, "The file is larger than 5 MB; send a smaller one.");
      }
      try (InputStream in = file.content()) {
        content = in.readNBytes((int) Outbox.MAX_FILE_SIZE + 1);
      }
      if (content.length > Outbox.MAX_FILE_SIZE) {
        throw new BadRequest(413, "The file is larger than 5 MB; send a smaller one.");
      }
    }
    String fileName = file == null ? null : safeName(file.filename());
    byte[] bytes = content;
    parts
        .sync
        .jdbi()
        .useTransaction(
            h -> {
              if (!text.isEmpty()) {
                parts.sync.outbox().send(h, ref.business(), ref.chat(), text);
              }
              if (bytes != null) {
                parts.sync.outbox().sendFile(ref.business(), ref.chat(), fileName, bytes);
              }
            });
    thread(ctx, "");
  }

  private static String safeName(String name) {
    String n = name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
    if (n.isEmpty()) {
      return "file";
    }
    return n.length() > 200 ? n.substring(n.length() - 200) : n;
  }

  void replyAction(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    long id = WebParts.id(ctx.pathParam("id"), "reply");
    Outbox outbox = parts.sync.outbox();
    Reply reply =
        outbox
            .reply(id)
            .filter(r -> r.businessId() == ref.business() && r.chatId() == ref.chat())
            .orElseThrow(() -> new BadRequest(404, "No such reply in this chat."));
    try {
      switch (ctx.pathParam("action")) {
        case "retry":
          outbox.retry(reply.replyId());
          break;
        case "cancel":
          outbox.cancel(reply.replyId());
          break;
        case "edit":
          String text = Optional.ofNullable(ctx.formParam("text")).orElse("").strip();
          if (text.isEmpty() || text.length() > Outbox.MAX_TEXT_LENGTH) {
            throw new BadRequest("The edited reply must have 1 to 4096 characters.");
          }
          outbox.edit(reply.replyId(), text);
          break;
        default:
          throw new BadRequest(404, "A reply can be retried, edited or cancelled.");
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new BadRequest(409, "That is no longer possible: " + e.getMessage());
    }
    thread(ctx, "");
  }

  void file(Context ctx) {
    WebParts.ChatRef ref = parts.chat(ctx);
    long message = WebParts.id(ctx.pathParam("m"), "message");
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("i"));
    } catch (NumberFormatException e) {
      throw new BadRequest(404, "No such file.");
    }
    Optional<ChatMessage> m =
        parts.sync.messages(ref.business(), ref.chat()).stream()
            .filter(x -> x.messageId() == message)
            .findFirst();
    if (m.isEmpty() || index < 0 || index >= m.get().payload().size()) {
      throw new BadRequest(404, "No such file in this chat.");
    }
    MessagePayload p = m.get().payload().get(index);
    byte[] bytes;
    try {
      bytes = parts.sync.download(ref.business(), ref.chat(), message, index);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadRequest(
          413, "This file cannot be shown here (" + e.getMessage() + "); open it in Market.");
    } catch (RuntimeException e) {
      throw new BadRequest(502, "Market did not give the file now; try again in a moment.");
    }
    String name = safeName(Pages.nz(p.name()));
    ctx.contentType(isImage(name) ? imageType(name) : "application/octet-stream");
    ctx.header(
        "Content-Disposition",
        (isImage(name) ? "inline" : "attachment")
            + "; filename*=UTF-8''"
            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.result(bytes);
  }

  static boolean isImage(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png")
        || n.endsWith(".jpg")
        || n.endsWith(".jpeg")
        || n.endsWith(".gif")
        || n.endsWith(".webp");
  }

  private static String imageType(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".png")) {
      return "image/png";
    }
    if (n.endsWith(".gif")) {
      return "image/gif";
    }
    if (n.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }
}
