package dev.ymchat.sandbox.store;

/** How a seller authenticates: an {@code Api-Key} header or an OAuth bearer token. */
public enum CredentialKind {
  /** The {@code Api-Key} header. */
  API_KEY,
  /** {@code Authorization: Bearer <token>} (or Market's older {@code OAuth oauth_token=...}). */
  OAUTH
}
