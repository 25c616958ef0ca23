package dev.ymchat.sandbox.store;

/**
 * A stored file with its bytes.
 *
 * @param name the original file name
 * @param contentType the content type it was uploaded with
 * @param bytes the exact bytes uploaded
 */
public record FileContent(String name, String contentType, byte[] bytes) {

  /**
   * Keeps its own copy of the bytes.
   *
   * @param name the original file name
   * @param contentType the content type it was uploaded with
   * @param bytes the exact bytes uploaded
   */
  public FileContent {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
