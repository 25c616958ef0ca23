package dev.ymchat.sync.outbox;

import dev.ymchat.client.FileUpload;

/**
 * What a reply says: a text, or a file with its name, content type and bytes.
 *
 * @param kind TEXT or FILE
 * @param text the text of a TEXT reply, else null
 * @param fileName the file name of a FILE reply, else null
 * @param contentType the content type of a FILE reply, else null
 * @param content the bytes of a FILE reply, else null
 */
record ReplyBody(String kind, String text, String fileName, String contentType, byte[] content) {

  /** A text reply. */
  static ReplyBody text(String text) {
    return new ReplyBody("TEXT", text, null, null, null);
  }

  /** A file reply, its content type guessed from the name. */
  static ReplyBody file(String fileName, byte[] content) {
    return new ReplyBody("FILE", null, fileName, FileUpload.guessContentType(fileName), content);
  }

  boolean isFile() {
    return kind.equals("FILE");
  }

  /** The size of a file's bytes, null for a text. */
  Long size() {
    return content == null ? null : (long) content.length;
  }
}
