package dev.ymchat.sync;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.sync.sql.Times;
import dev.ymchat.sync.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Files of mirrored messages, downloaded on demand (under a size cap) and kept in the mirror. */
final class FileDownloads {

  private final Database database;
  private final Clock clock;
  private final long cap;

  FileDownloads(Database database, Clock clock, long cap) {
    this.database = database;
    this.clock = clock;
    this.cap = cap;
  }

  /** Returns the kept bytes, or downloads them with the client once and keeps them. */
  byte[] download(ChatsClient client, long businessId, long chatId, long messageId, int fileIndex) {
    Optional<byte[]> stored =
        database.withHandle(
            h ->
                h.createQuery(
                        "SELECT content FROM downloaded_files WHERE business_id = :b"
                            + " AND chat_id = :c AND message_id = :m AND file_index = :i")
                    .bind("b", businessId)
                    .bind("c", chatId)
                    .bind("m", messageId)
                    .bind("i", fileIndex)
                    .mapTo(byte[].class)
                    .findOne());
    if (stored.isPresent()) {
      return stored.get();
    }
    MessagePayload file = describe(businessId, chatId, messageId, fileIndex);
    if (file.size() > cap) {
      throw new IllegalStateException(
          "File "
              + file.name()
              + " is "
              + file.size()
              + " bytes, over the sync's cap of "
              + cap
              + " bytes; raise fileSizeCap(...) to keep it");
    }
    byte[] bytes;
    try (InputStream in = client.openDownload(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Download of " + file.name() + " failed: " + e.getMessage(), e);
    }
    if (bytes.length > cap) {
      throw new IllegalStateException(
          "File " + file.name() + " is over the sync's cap of " + cap + " bytes; not kept");
    }
    keep(businessId, chatId, messageId, fileIndex, bytes);
    return bytes;
  }

  private MessagePayload describe(long businessId, long chatId, long messageId, int fileIndex) {
    return database
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT file_name, file_url, size_bytes FROM message_files"
                            + " WHERE business_id = :b AND chat_id = :c AND message_id = :m"
                            + " AND file_index = :i")
                    .bind("b", businessId)
                    .bind("c", chatId)
                    .bind("m", messageId)
                    .bind("i", fileIndex)
                    .map(
                        (rs, ctx) ->
                            new MessagePayload(
                                rs.getString("file_name"),
                                rs.getString("file_url"),
                                rs.getLong("size_bytes")))
                    .findOne())
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "The mirror has no file "
                        + fileIndex
                        + " in message "
                        + messageId
                        + " of chat "
                        + chatId));
  }

  private void keep(long businessId, long chatId, long messageId, int fileIndex, byte[] bytes) {
    database.inTransaction(
        h ->
            h.createUpdate(
                    database
                        .dialect()
                        .insertIfAbsent(
                            "downloaded_files",
                            new String[] {"business_id", "chat_id", "message_id", "file_index"},
                            new String[] {"content", "size_bytes", "downloaded_at"}))
                .bind("business_id", businessId)
                .bind("chat_id", chatId)
                .bind("message_id", messageId)
                .bind("file_index", fileIndex)
                .bind("content", bytes)
                .bind("size_bytes", (long) bytes.length)
                .bind("downloaded_at", Times.db(clock.instant()))
                .execute());
  }
}
