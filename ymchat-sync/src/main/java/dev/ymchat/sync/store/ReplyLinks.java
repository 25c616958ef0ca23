package dev.ymchat.sync.store;

import dev.ymchat.sync.events.EventLog.NewEvent;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.sql.Columns;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The link between sent replies and the seller's messages of the mirror, which is what tells a
 * reply in doubt that went out from one that did not.
 */
public final class ReplyLinks {

  private ReplyLinks() {}

  /** A seller's message of the mirror not linked to a reply yet. */
  private record Candidate(long messageId, String text, String fileName, Long fileSize) {}

  /**
   * A sent reply as its message is looked for.
   *
   * @param replyId the reply
   * @param kind TEXT or FILE
   * @param text the text of a TEXT reply
   * @param fileName the file name of a FILE reply
   * @param fileSize the file size of a FILE reply
   * @param watermark the newest message id known before the reply's first attempt
   */
  public record SentReply(
      long replyId, String kind, String text, String fileName, Long fileSize, long watermark) {}

  /**
   * Links sent replies of a chat to the seller's messages of the mirror. The replies of a chat go
   * out one at a time, in order, so their messages are in the same order: each reply takes the
   * first unlinked seller message after its watermark (the newest message id known before its first
   * attempt) and after the message the previous reply took, with the same text (or file name and
   * size). Two identical replies in a row therefore take two different messages, and an older
   * identical message (before the watermark) is never taken.
   *
   * @param h a handle in a transaction
   * @param businessId the business
   * @param chatId the chat
   * @param events where to add the events of the links
   */
  public static void linkReplies(Handle h, long businessId, long chatId, List<NewEvent> events) {
    List<SentReply> replies =
        h.createQuery(
                "SELECT reply_id, kind, body_text, file_name, file_size, watermark_message_id"
                    + " FROM outbox WHERE business_id = :business AND chat_id = :chat"
                    + " AND reply_state = 'SENT' AND message_id IS NULL ORDER BY reply_id")
            .bind("business", businessId)
            .bind("chat", chatId)
            .map(
                (rs, ctx) ->
                    new SentReply(
                        rs.getLong("reply_id"),
                        rs.getString("kind"),
                        rs.getString("body_text"),
                        rs.getString("file_name"),
                        Columns.longOrNull(rs, "file_size"),
                        rs.getLong("watermark_message_id")))
            .list();
    if (replies.isEmpty()) {
      return;
    }
    long from = replies.stream().mapToLong(SentReply::watermark).min().orElse(0);
    List<Candidate> candidates = candidates(h, businessId, chatId, from);
    long floor = linkedFloor(h, businessId, chatId);
    Set<Long> taken = new HashSet<>();
    for (SentReply reply : replies) {
      long after = Math.max(reply.watermark(), floor);
      for (Candidate c : candidates) {
        if (c.messageId() > after && !taken.contains(c.messageId()) && matches(reply, c)) {
          taken.add(c.messageId());
          floor = c.messageId();
          link(h, businessId, chatId, reply.replyId(), c.messageId());
          events.add(
              new NewEvent(
                  businessId,
                  chatId,
                  EventType.REPLY_LINKED,
                  c.messageId(),
                  reply.replyId(),
                  null));
          break;
        }
      }
    }
  }

  /**
   * Finds the message of a reply whose delivery is in doubt: the first unlinked seller message
   * after the watermark (and after every message already linked in the chat) with the reply's
   * content. Call {@link #linkReplies} first, so earlier identical replies have taken theirs.
   *
   * @param h a handle
   * @param businessId the business
   * @param chatId the chat
   * @param reply the reply, with its content and watermark
   * @return the message id, or empty when the reply did not arrive
   */
  public static Optional<Long> findDelivered(
      Handle h, long businessId, long chatId, SentReply reply) {
    long floor = linkedFloor(h, businessId, chatId);
    for (Candidate c : candidates(h, businessId, chatId, Math.max(reply.watermark(), floor))) {
      if (matches(reply, c)) {
        return Optional.of(c.messageId());
      }
    }
    return Optional.empty();
  }

  /**
   * Links a reply and its message.
   *
   * @param h a handle in a transaction
   * @param businessId the business
   * @param chatId the chat
   * @param replyId the reply
   * @param messageId the message
   */
  public static void link(Handle h, long businessId, long chatId, long replyId, long messageId) {
    h.createUpdate("UPDATE outbox SET message_id = :message WHERE reply_id = :reply")
        .bind("message", messageId)
        .bind("reply", replyId)
        .execute();
    h.createUpdate(
            "UPDATE messages SET reply_id = :reply WHERE business_id = :business"
                + " AND chat_id = :chat AND message_id = :message")
        .bind("reply", replyId)
        .bind("business", businessId)
        .bind("chat", chatId)
        .bind("message", messageId)
        .execute();
  }

  private static List<Candidate> candidates(Handle h, long businessId, long chatId, long after) {
    return h.createQuery(
            "SELECT m.message_id, m.body_text, f.file_name, f.size_bytes FROM messages m"
                + " LEFT JOIN message_files f ON f.business_id = m.business_id"
                + " AND f.chat_id = m.chat_id AND f.message_id = m.message_id AND f.file_index = 0"
                + " WHERE m.business_id = :business AND m.chat_id = :chat"
                + " AND m.sender = 'PARTNER' AND m.reply_id IS NULL AND m.message_id > :after"
                + " ORDER BY m.message_id")
        .bind("business", businessId)
        .bind("chat", chatId)
        .bind("after", after)
        .map(
            (rs, ctx) ->
                new Candidate(
                    rs.getLong("message_id"),
                    rs.getString("body_text"),
                    rs.getString("file_name"),
                    Columns.longOrNull(rs, "size_bytes")))
        .list();
  }

  private static boolean matches(SentReply reply, Candidate c) {
    if ("FILE".equals(reply.kind())) {
      return c.text() == null
          && Objects.equals(reply.fileName(), c.fileName())
          && Objects.equals(reply.fileSize(), c.fileSize());
    }
    return reply.text() != null && reply.text().equals(c.text());
  }

  /** The newest message already linked to a reply in the chat, 0 when none. */
  private static long linkedFloor(Handle h, long businessId, long chatId) {
    return h.createQuery(
            "SELECT COALESCE(MAX(message_id), 0) FROM outbox WHERE business_id = :business"
                + " AND chat_id = :chat AND message_id IS NOT NULL")
        .bind("business", businessId)
        .bind("chat", chatId)
        .mapTo(Long.class)
        .one();
  }
}
