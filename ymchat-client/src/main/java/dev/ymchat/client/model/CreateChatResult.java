package dev.ymchat.client.model;

/**
 * The result of createChat ({@code CreateChatResultDTO}).
 *
 * @param chatId the id of the new or already existing chat
 */
public record CreateChatResult(long chatId) {}
