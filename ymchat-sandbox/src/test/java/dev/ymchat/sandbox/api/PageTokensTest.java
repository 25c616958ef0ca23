package dev.ymchat.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.SandboxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void roundTripsTheLastId() {
    String token = PageTokens.encode(PageTokens.HISTORY, 10001, 100042);
    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(PageTokens.decode(token, PageTokens.HISTORY, 10001, "pageToken")).isEqualTo(100042);
  }

  @Test
  void refusesATokenOfAnotherListing() {
    String token = PageTokens.encode(PageTokens.HISTORY, 10001, 100042);
    assertThatThrownBy(() -> PageTokens.decode(token, PageTokens.HISTORY, 10002, "pageToken"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("another chat");
    assertThatThrownBy(() -> PageTokens.decode(token, PageTokens.CHATS, 10001, "pageToken"))
        .isInstanceOf(SandboxException.class);
  }

  @Test
  void refusesAnEditedToken() {
    String token = PageTokens.encode(PageTokens.CHATS, 1001, 10005);
    String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    String edited =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.replace(".10005.", ".10004.").getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> PageTokens.decode(edited, PageTokens.CHATS, 1001, "pageToken"))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("nextPageToken");
  }
}
