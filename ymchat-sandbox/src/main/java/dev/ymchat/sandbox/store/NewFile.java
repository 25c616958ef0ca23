package dev.ymchat.sandbox.store;

/**
 * A file to attach to a new message.
 *
 * @param name the file name
 * @param contentType the media type it was sent with
 * @param bytes the content
 */
public record NewFile(String name, String contentType, byte[] bytes) {}
