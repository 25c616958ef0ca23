package dev.ymchat.client.model;

/**
 * What a chat is about, as the API returns it ({@code ChatFullContextDTO}).
 *
 * @param type ORDER, RETURN or DIRECT (possibly a newer value)
 * @param customer the buyer's public data, or {@code null}
 * @param campaignId the campaign (shop) id, or {@code null}
 * @param orderId the order id (orders and returns), or {@code null}
 * @param returnId the return id (returns only), or {@code null}
 */
public record ChatFullContext(
    ChatContextType type, ChatCustomer customer, Long campaignId, Long orderId, Long returnId) {}
