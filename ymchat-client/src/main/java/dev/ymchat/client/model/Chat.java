package dev.ymchat.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * A chat with a buyer ({@code GetChatInfoDTO}).
 *
 * @param chatId the chat id
 * @param orderId the order id (deprecated by the API; use {@code context}), or {@code null}
 * @param context what the chat is about; {@code null} only from servers of the seed era
 * @param type CHAT or ARBITRAGE
 * @param status whose turn it is
 * @param createdAt when the chat was created
 * @param updatedAt the time of the last message
 */
public record Chat(
    @JsonProperty(required = true) long chatId,
    Long orderId,
    ChatFullContext context,
    ChatType type,
    ChatStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
