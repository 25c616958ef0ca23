package dev.ymchat.sandbox.store;

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
    String contextType,
    Long campaignId,
    Long orderId,
    Long returnId,
    String buyerName,
    String buyerPublicId,
    String type,
    String status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
