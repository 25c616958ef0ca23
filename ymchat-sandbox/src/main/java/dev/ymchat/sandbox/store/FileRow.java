package dev.ymchat.sandbox.store;

/**
 * The description of a file attached to a message (without its bytes).
 *
 * @param downloadKey the random key in the file's download URL
 * @param name the original file name
 * @param contentType the content type it was uploaded with
 * @param size the size in bytes
 */
public record FileRow(String downloadKey, String name, String contentType, long size) {}
