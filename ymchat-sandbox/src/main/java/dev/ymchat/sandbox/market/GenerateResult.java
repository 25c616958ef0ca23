package dev.ymchat.sandbox.market;

/**
 * What {@link MarketSimulator#generate(long, int, int, long)} created.
 *
 * @param businessId the business
 * @param chats how many chats
 * @param messages how many messages in all
 * @param firstChatId the lowest new chat id (0 when no chat was made)
 * @param lastChatId the highest new chat id (0 when no chat was made)
 */
public record GenerateResult(
    long businessId, int chats, long messages, long firstChatId, long lastChatId) {}
