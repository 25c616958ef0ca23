package dev.ymchat.sandbox.api;

import dev.ymchat.sandbox.domain.SandboxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Opaque keyset page tokens: base64url of {@code kind.scope.lastId.checksum}. The scope (business
 * for getChats, chat for getChatHistory) ties a token to the listing that issued it; the checksum
 * catches tokens that were edited or truncated. Tokens carry ids, never offsets, so they stay right
 * while new rows arrive, and they survive a restart.
 */
final class PageTokens {

  static final char CHATS = 'c';
  static final char HISTORY = 'h';

  private PageTokens() {}

  static String encode(char kind, long scope, long lastId) {
    String payload = "v1." + kind + '.' + scope + '.' + lastId;
    String text = payload + '.' + Long.toHexString(checksum(payload));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decodes a token.
   *
   * @return the last id seen on the previous page
   * @throws SandboxException 400 when the token is not one this listing issued
   */
  static long decode(String token, char kind, long scope, String parameter) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid(parameter);
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 5 || !"v1".equals(parts[0]) || parts[1].length() != 1) {
      throw invalid(parameter);
    }
    String payload = parts[0] + '.' + parts[1] + '.' + parts[2] + '.' + parts[3];
    if (!Long.toHexString(checksum(payload)).equals(parts[4])) {
      throw invalid(parameter);
    }
    long tokenScope;
    long lastId;
    try {
      tokenScope = Long.parseLong(parts[2]);
      lastId = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      throw invalid(parameter);
    }
    if (parts[1].charAt(0) != kind || tokenScope != scope) {
      throw SandboxException.badRequest(
          parameter
              + " belongs to another listing ("
              + (kind == HISTORY ? "another chat's history" : "another business's chats")
              + "); start again without a page token");
    }
    return lastId;
  }

  private static SandboxException invalid(String parameter) {
    return SandboxException.badRequest(
        parameter
            + " is not a page token issued by this API; pass the"
            + " nextPageToken of the previous page unchanged, or omit it for the first page");
  }

  private static long checksum(String payload) {
    CRC32 crc = new CRC32();
    crc.update("ymchat-sandbox-page".getBytes(StandardCharsets.US_ASCII));
    crc.update(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)));
    return crc.getValue();
  }
}
