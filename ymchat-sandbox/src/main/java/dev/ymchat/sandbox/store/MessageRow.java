package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.Sender;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A message as stored.
 *
 * @param id the message id
 * @param chatId the chat it belongs to
 * @param sender PARTNER, CUSTOMER, MARKET or SUPPORT
 * @param text the text, or null for a file-only message
 * @param createdAt when it was sent
 * @param files the attached files, possibly empty
 */
public record MessageRow(
    long id,
    long chatId,
    Sender sender,
    String text,
    OffsetDateTime createdAt,
    List<FileRow> files) {

  /**
   * Copies the file list.
   *
   * @param id the message id
   * @param chatId the chat it belongs to
   * @param sender the sender
   * @param text the text or null
   * @param createdAt when it was sent
   * @param files the attached files
   */
  public MessageRow {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
