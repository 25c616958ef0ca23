package dev.ymchat.client.model;

/**
 * The buyer's public data in a chat ({@code ChatCustomerDTO}).
 *
 * @param name the buyer's public name, or {@code null}
 * @param publicId the buyer's public Yandex ID, or {@code null}
 */
public record ChatCustomer(String name, String publicId) {}
