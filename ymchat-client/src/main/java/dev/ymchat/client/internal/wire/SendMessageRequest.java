package dev.ymchat.client.internal.wire;

/**
 * The body of sendMessageToChat.
 *
 * @param message the text, 1 to 4096 characters
 */
public record SendMessageRequest(String message) {}
