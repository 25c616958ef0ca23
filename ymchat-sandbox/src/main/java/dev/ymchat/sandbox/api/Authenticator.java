package dev.ymchat.sandbox.api;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.store.Credential;
import dev.ymchat.sandbox.store.CredentialKind;
import dev.ymchat.sandbox.store.SandboxStore;
import dev.ymchat.sandbox.wire.WriteOperations;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/** Market's authentication from the headers alone: an Api-Key or an OAuth token of the business. */
final class Authenticator {

  private final SandboxStore store;

  Authenticator(SandboxStore store) {
    this.store = store;
  }

  /**
   * Checks the request's credentials against the business and operation.
   *
   * @throws SandboxException 401 without credentials, 403 when they are unknown, of another
   *     business or of a scope that does not allow the operation
   */
  void authenticate(Context ctx, long businessId, ApiOperation operation) {
    Credential c = credential(ctx);
    if (c.businessId() != businessId) {
      throw forbidden(
          "These credentials give no access to businessId "
              + businessId
              + "; use the credentials of that business");
    }
    if (WriteOperations.contains(operation) && !c.scope().allowsWrites()) {
      throw forbidden(
          "The credentials' scope "
              + c.scope().wireName()
              + " does not allow "
              + operation.operationId()
              + "; use a key with the all-methods or communication scope");
    }
  }

  private Credential credential(Context ctx) {
    String apiKey = ctx.header("Api-Key");
    String authorization = ctx.header("Authorization");
    if (apiKey != null && !apiKey.isBlank()) {
      return find(
          CredentialKind.API_KEY,
          apiKey.trim(),
          "The Api-Key is not valid; check the key (cabinet: Settings → API and modules) and send it unchanged");
    }
    if (authorization != null && !authorization.isBlank()) {
      return find(
          CredentialKind.OAUTH,
          oauthToken(authorization),
          "The OAuth token is not valid or has expired; get a new token with the market:partner-api scope");
    }
    throw new SandboxException(
        401,
        "UNAUTHORIZED",
        "No credentials in the request; send the Api-Key header (or Authorization: Bearer <OAuth token>)");
  }

  private Credential find(CredentialKind kind, String value, String unknown) {
    Optional<Credential> found = store.accounts().findCredential(kind, value);
    return found.orElseThrow(() -> forbidden(unknown));
  }

  private static SandboxException forbidden(String message) {
    return new SandboxException(403, "FORBIDDEN", message);
  }

  private static String oauthToken(String authorization) {
    String value = authorization.trim();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ")) {
      return value.substring(7).trim();
    }
    if (lower.startsWith("oauth ")) {
      String rest = value.substring(6).trim();
      // Market's older form: OAuth oauth_token="…", oauth_client_id="…"
      for (String part : rest.split(",")) {
        String p = part.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("oauth_token=")) {
          return p.substring("oauth_token=".length()).replace("\"", "").trim();
        }
      }
      return rest;
    }
    throw new SandboxException(
        401,
        "UNAUTHORIZED",
        "The Authorization header must be 'Bearer <OAuth token>'; or send the Api-Key header instead");
  }
}
