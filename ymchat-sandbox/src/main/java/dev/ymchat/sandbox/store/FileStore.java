package dev.ymchat.sandbox.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The files attached to messages, with their bytes, found by the random key in their URL. */
public final class FileStore {

  private static final RowMapper<FileRow> FILE_ROW =
      (rs, ctx) ->
          new FileRow(
              rs.getString("download_key"),
              rs.getString("name"),
              rs.getString("content_type"),
              rs.getInt("size_bytes"));

  private final Database db;

  FileStore(Database db) {
    this.db = db;
  }

  /**
   * A stored file by its download key.
   *
   * @param downloadKey the key from the file's URL
   * @return the file, or empty when there is none
   */
  public Optional<FileContent> file(String downloadKey) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT name, content_type, content FROM stored_file WHERE download_key = :key")
                .bind("key", downloadKey)
                .map(
                    (rs, ctx) ->
                        new FileContent(
                            rs.getString("name"),
                            rs.getString("content_type"),
                            rs.getBytes("content")))
                .findOne());
  }

  static void insert(Tx tx, long messageId, NewFile file) {
    long fileId = tx.allocate(IdCounter.FILE, 1);
    tx.handle()
        .createUpdate(
            "INSERT INTO stored_file"
                + " (id, message_id, download_key, name, content_type, size_bytes, content)"
                + " VALUES (:id, :message, :key, :name, :type, :size, :content)")
        .bind("id", fileId)
        .bind("message", messageId)
        .bind("key", Keys.randomKey())
        .bind("name", file.name())
        .bind("type", file.contentType())
        .bind("size", file.bytes().length)
        .bind("content", file.bytes())
        .execute();
  }

  /** The files of some messages, by message id, each list in upload order. */
  static Map<Long, List<FileRow>> filesOf(Handle h, Collection<Long> messageIds) {
    Map<Long, List<FileRow>> files = new LinkedHashMap<>();
    if (messageIds.isEmpty()) {
      return files;
    }
    h.createQuery(
            "SELECT message_id, download_key, name, content_type, size_bytes FROM stored_file"
                + " WHERE message_id IN (<ids>) ORDER BY id")
        .bindList("ids", List.copyOf(messageIds))
        .map((rs, ctx) -> Map.entry(rs.getLong("message_id"), FILE_ROW.map(rs, ctx)))
        .forEach(
            e ->
                files
                    .computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                    .add(e.getValue()));
    return files;
  }
}
