package dev.ymchat.client.model;

/**
 * A file attached to a message ({@code ChatMessagePayloadDTO}).
 *
 * @param name the file name
 * @param url where the file can be downloaded
 * @param size the size in bytes
 */
public record MessagePayload(String name, String url, long size) {}
