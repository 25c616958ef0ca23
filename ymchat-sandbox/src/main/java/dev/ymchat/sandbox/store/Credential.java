package dev.ymchat.sandbox.store;

/**
 * A seller's credential as the store knows it (the secret itself is only kept as a SHA-256 hash).
 *
 * @param businessId the business the credential belongs to
 * @param kind how it is presented
 * @param scope what it may do
 */
public record Credential(long businessId, CredentialKind kind, Scope scope) {}
