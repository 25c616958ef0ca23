package dev.ymchat.client.internal.wire;

/**
 * The body of getChatHistory.
 *
 * @param messageIdFrom return this message and all later ones, or {@code null} for the whole
 *     history
 */
public record GetChatHistoryRequest(Long messageIdFrom) {}
