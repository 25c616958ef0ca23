package dev.ymchat.sandbox.wire;

/**
 * The result of createChat.
 *
 * @param chatId the id of the new (or existing) chat
 */
public record CreateChatResult(long chatId) {}
