package dev.ymchat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A file to send to a chat: from a path (streamed from disk), a byte array or an input stream, with
 * its file name and media type (guessed from the name unless set).
 */
public final class FileUpload {

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("pdf", "application/pdf"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("heic", "image/heic"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("txt", "text/plain"),
          Map.entry("csv", "text/csv"),
          Map.entry("json", "application/json"),
          Map.entry("xml", "application/xml"),
          Map.entry("zip", "application/zip"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("doc", "application/msword"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("xls", "application/vnd.ms-excel"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          Map.entry("odt", "application/vnd.oasis.opendocument.text"),
          Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"));

  private final String fileName;
  private final String contentType;
  private final Path path;
  private final byte[] bytes;
  private final boolean overLimit;

  private FileUpload(
      String fileName, String contentType, Path path, byte[] bytes, boolean overLimit) {
    this.fileName = fileName;
    this.contentType = contentType;
    this.path = path;
    this.bytes = bytes;
    this.overLimit = overLimit;
  }

  /**
   * A file on disk; its name is the last path element and its content is read while sending.
   *
   * @param path the file
   * @return the upload
   */
  public static FileUpload of(Path path) {
    Objects.requireNonNull(path, "path");
    Path name = path.getFileName();
    return new FileUpload(name == null ? "" : name.toString(), null, path, null, false);
  }

  /**
   * A file in memory.
   *
   * @param fileName the name the buyer sees, such as {@code Счёт 1.pdf}
   * @param bytes the content; not copied, do not change it until the send finishes
   * @return the upload
   */
  public static FileUpload of(String fileName, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new FileUpload(fileName, null, null, bytes, false);
  }

  /**
   * A file from a stream: reads it now, at most 5 MB and one byte (to tell an oversized file), so
   * that a retry can send it again; the stream is not closed.
   *
   * @param fileName the name the buyer sees
   * @param in the content
   * @return the upload
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static FileUpload of(String fileName, InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      byte[] read = in.readNBytes((int) Validation.MAX_FILE_SIZE + 1);
      boolean over = read.length > Validation.MAX_FILE_SIZE;
      return new FileUpload(fileName, null, null, read, over);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the file " + fileName + " to upload", e);
    }
  }

  /**
   * Returns this upload with an explicit media type instead of the guessed one.
   *
   * @param contentType a media type such as {@code application/pdf}
   * @return the new upload
   * @throws IllegalArgumentException when blank or containing CR/LF
   */
  public FileUpload withContentType(String contentType) {
    if (contentType == null
        || contentType.isBlank()
        || contentType.contains("\r")
        || contentType.contains("\n")) {
      throw new IllegalArgumentException(
          "contentType must be a media type such as application/pdf, got " + contentType);
    }
    return new FileUpload(fileName, contentType, path, bytes, overLimit);
  }

  /**
   * Returns the file name.
   *
   * @return the name as given
   */
  public String fileName() {
    return fileName;
  }

  /**
   * Returns the media type: the one set, else guessed from the name, else {@code
   * application/octet-stream}.
   *
   * @return the media type
   */
  public String contentType() {
    return contentType != null ? contentType : guessContentType(fileName);
  }

  /**
   * Guesses a media type from a file name: a table of the usual document and image types first,
   * then the JDK's table, else {@code application/octet-stream}.
   *
   * @param fileName the file name
   * @return the media type
   */
  public static String guessContentType(String fileName) {
    if (fileName != null) {
      int dot = fileName.lastIndexOf('.');
      if (dot >= 0 && dot < fileName.length() - 1) {
        String known = TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (known != null) {
          return known;
        }
      }
      String guessed = URLConnection.guessContentTypeFromName(fileName);
      if (guessed != null) {
        return guessed;
      }
    }
    return "application/octet-stream";
  }

  /** Checks the name and size; called before anything is sent. */
  long validatedSize() {
    if (fileName == null || fileName.isBlank()) {
      throw new IllegalArgumentException("file name must not be blank, got '" + fileName + "'");
    }
    long size;
    if (path != null) {
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("file must be a readable regular file, got " + path);
      }
      try {
        size = Files.size(path);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the size of " + path, e);
      }
    } else {
      size = bytes.length;
    }
    if (overLimit || size > Validation.MAX_FILE_SIZE) {
      throw new IllegalArgumentException(
          "file size must be 1 to "
              + Validation.MAX_FILE_SIZE
              + " bytes (5 MB), got "
              + (overLimit ? "more than " + Validation.MAX_FILE_SIZE : size)
              + " for "
              + fileName);
    }
    if (size < 1) {
      throw new IllegalArgumentException(
          "file size must be 1 to "
              + Validation.MAX_FILE_SIZE
              + " bytes (5 MB), got 0 for "
              + fileName
              + ": the file is empty");
    }
    return size;
  }

  /** A fresh publisher of the content for each attempt; a path is streamed from disk. */
  Supplier<HttpRequest.BodyPublisher> content() {
    if (path != null) {
      return () -> {
        try {
          return HttpRequest.BodyPublishers.ofFile(path);
        } catch (java.io.FileNotFoundException e) {
          throw new UncheckedIOException("the file to upload disappeared: " + path, e);
        }
      };
    }
    return () -> HttpRequest.BodyPublishers.ofByteArray(bytes);
  }

  @Override
  public String toString() {
    return "FileUpload{"
        + fileName
        + ", "
        + contentType()
        + (path != null ? ", " + path : "")
        + "}";
  }
}
