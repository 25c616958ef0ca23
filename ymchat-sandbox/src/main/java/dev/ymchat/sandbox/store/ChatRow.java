package dev.ymchat.sandbox.store;

import dev.ymchat.sandbox.domain.ChatRules;
import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import java.time.OffsetDateTime;

/**
 * A chat as stored.
 *
 * @param id the chat id
 * @param businessId the business the chat belongs to
 * @param contextType ORDER, RETURN or DIRECT
 * @param campaignId the campaign (shop) of the order, or of the business for DIRECT chats; may be
 *     null
 * @param orderId the order of an ORDER or RETURN chat, else null
 * @param returnId the return of a RETURN chat, else null
 * @param buyerName the buyer's public name
 * @param buyerPublicId the buyer's public id
 * @param type CHAT or ARBITRAGE
 * @param status the chat status, such as WAITING_FOR_PARTNER
 * @param createdAt when the chat was created
 * @param updatedAt when the last message arrived (creation time while there is none)
 */
public record ChatRow(
    long id,
    long businessId,
    ContextType contextType,
    Long campaignId,
    Long orderId,
    Long returnId,
    String buyerName,
    String buyerPublicId,
    ChatType type,
    ChatStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements ChatRules.ChatState {}
