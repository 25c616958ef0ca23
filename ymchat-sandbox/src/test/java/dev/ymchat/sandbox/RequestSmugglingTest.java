package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.market.SandboxDemo;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/1.1 request smuggling through chunk extensions (CVE-2026-2332, the "funky chunks" class): a
 * chunk-size line whose extension a lenient parser ends early, at a bare LF or at a CRLF inside a
 * quoted string, so that what follows reads as a second request on the same connection. A front
 * proxy that parses the extension correctly sees one request; Jetty 11.0.25 (Javalin 6) saw two and
 * ran the hidden one. Jetty 12 refuses the malformed chunk: one answer, and the hidden request is
 * never processed.
 */
class RequestSmugglingTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static SandboxServer sandbox;
  private static long chat;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    chat = sandbox.market().buyerOpensDirectChat(B, "smuggling target");
  }

  /** The chunk-size lines whose extension hides the rest; {@code |} stands for the hidden part. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        // unclosed quoted-string, ended at CRLF (the advisory's own example)
        "2;ext=\"val\r\n{}\r\n0\r\n\r\n|",
        // unclosed quoted-string, bare LFs
        "2;ext=\"val\n{}\n0\n\n|",
        // bare LF ends an unquoted extension
        "2;a\n{}\r\n0\r\n\r\n|",
        // bare LF right after the size
        "2\n{}\r\n0\r\n\r\n|",
        // a quoted CRLF, then the real chunks a proxy would forward
        "2;ext=\"a\r\n0\r\n\r\n|\"\r\n{}\r\n0\r\n\r\n",
      })
  void chunkExtensionSmuggling_getsOneAnswer_andTheHiddenRequestIsNeverRun(String framing)
      throws Exception {
    String marker = "smuggled-" + Integer.toHexString(framing.hashCode());
    String hiddenBody = "{\"message\":\"" + marker + "\"}";
    String hidden =
        "POST /v2/businesses/"
            + B
            + "/chats/message?chatId="
            + chat
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Api-Key: "
            + SandboxDemo.ALL_METHODS_KEY
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + hiddenBody.length()
            + "\r\n\r\n"
            + hiddenBody;
    String outer =
        "POST /v2/businesses/"
            + B
            + "/chats/history?chatId="
            + chat
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Api-Key: "
            + SandboxDemo.ALL_METHODS_KEY
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + framing.replace("|", hidden);

    List<RawHttp.Answer> answers;
    try (RawHttp raw = new RawHttp(sandbox.port(), 5_000)) {
      raw.send(outer);
      answers = raw.readAnswers(3);
    }

    assertThat(answers).as("answers on the connection").hasSize(1);
    assertThat(answers.get(0).status()).as(answers.get(0).body()).isEqualTo(400);
    assertThat(answers.get(0).body()).contains("\"status\":\"ERROR\"", "BAD_REQUEST");
    SandboxHttp.Response history =
        new SandboxHttp(sandbox.baseUrl())
            .postJson(
                "/v2/businesses/" + B + "/chats/history?chatId=" + chat + "&limit=100",
                SandboxDemo.ALL_METHODS_KEY,
                "{}");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.result().get("messages").findValuesAsText("message")).doesNotContain(marker);
  }
}
