package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.market.SandboxDemo;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error status in the envelope, authentication, scopes and isolation between businesses. */
class ErrorsAndAuthTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static final long OTHER = SandboxDemo.OTHER_BUSINESS_ID;
  private static SandboxServer sandbox;
  private static SandboxHttp http;
  private static long chatOfB;
  private static long chatOfOther;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    http = new SandboxHttp(sandbox.baseUrl());
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "A");
    chatOfB = http.openOrderChat(B, SandboxDemo.ALL_METHODS_KEY, order);
    long otherOrder = sandbox.market().createOrder(OTHER, SandboxDemo.OTHER_CAMPAIGN_ID, "B");
    chatOfOther = http.openOrderChat(OTHER, SandboxDemo.OTHER_BUSINESS_KEY, otherOrder);
  }

  private static void assertError(SandboxHttp.Response r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().get("status").asText()).isEqualTo("ERROR");
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.errorMessage()).isNotBlank();
  }

  @Test
  void missingCredentials_is401() {
    SandboxHttp.Response r = http.get("/v2/businesses/" + B + "/chat?chatId=" + chatOfB, null);
    assertError(r, 401, "UNAUTHORIZED");
    assertThat(r.errorMessage()).contains("Api-Key");
    // nothing was charged to the business, so there is no quota to report
    assertThat(r.header("X-RateLimit-Resource-Limit")).isNull();
  }

  @Test
  void unknownApiKey_is403AndTheKeyIsNotEchoed() {
    SandboxHttp.Response r =
        http.get("/v2/businesses/" + B + "/chat?chatId=" + chatOfB, "secret-typo-key-123");
    assertError(r, 403, "FORBIDDEN");
    assertThat(r.text()).doesNotContain("secret-typo-key-123");
  }

  @Test
  void unknownOauthToken_is403() {
    SandboxHttp.Response r =
        http.send(
            http.request("/v2/businesses/" + B + "/chat?chatId=" + chatOfB)
                .header("Authorization", "Bearer not-a-token")
                .GET()
                .build());
    assertError(r, 403, "FORBIDDEN");
    assertThat(r.text()).doesNotContain("not-a-token");
  }

  @Test
  void keyOfAnotherBusiness_is403() {
    assertError(
        http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.OTHER_BUSINESS_KEY, "{}"),
        403,
        "FORBIDDEN");
  }

  @Test
  void chatOfAnotherBusiness_is404WithoutLeakingIt() {
    SandboxHttp.Response read =
        http.get(
            "/v2/businesses/" + B + "/chat?chatId=" + chatOfOther, SandboxDemo.ALL_METHODS_KEY);
    assertError(read, 404, "NOT_FOUND");
    assertError(
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfOther,
            SandboxDemo.ALL_METHODS_KEY,
            "{\"message\":\"hi\"}"),
        404,
        "NOT_FOUND");
    assertError(
        http.postJson(
            "/v2/businesses/" + B + "/chats/history?chatId=" + chatOfOther,
            SandboxDemo.ALL_METHODS_KEY,
            "{}"),
        404,
        "NOT_FOUND");
    // the other business's chat got no message
    SandboxHttp.Response otherHistory =
        http.postJson(
            "/v2/businesses/" + OTHER + "/chats/history?chatId=" + chatOfOther,
            SandboxDemo.OTHER_BUSINESS_KEY,
            "{}");
    assertThat(otherHistory.result().get("messages")).isEmpty();
    // and business 1001's listing never shows it
    SandboxHttp.Response list =
        http.postJson("/v2/businesses/" + B + "/chats?limit=20", SandboxDemo.ALL_METHODS_KEY, "{}");
    assertThat(list.result().get("chats").findValuesAsText("chatId"))
        .doesNotContain(Long.toString(chatOfOther));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/chats/new", "/chats/message?chatId=", "/chats/file/send?chatId="})
  void readOnlyKey_cannotWrite(String path) {
    String full = "/v2/businesses/" + B + path + (path.endsWith("=") ? Long.toString(chatOfB) : "");
    SandboxHttp.Response r =
        path.contains("file")
            ? http.sendFile(full, SandboxDemo.READ_ONLY_KEY, "a.txt", "text/plain", new byte[] {1})
            : http.postJson(full, SandboxDemo.READ_ONLY_KEY, "{\"message\":\"x\",\"orderId\":1}");
    assertError(r, 403, "FORBIDDEN");
    assertThat(r.errorMessage()).contains("all-methods:read-only");
  }

  @Test
  void readOnlyKey_canRead() {
    assertThat(
            http.get("/v2/businesses/" + B + "/chat?chatId=" + chatOfB, SandboxDemo.READ_ONLY_KEY)
                .status())
        .isEqualTo(200);
    assertThat(
            http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.READ_ONLY_KEY, "{}")
                .status())
        .isEqualTo(200);
    assertThat(
            http.postJson(
                    "/v2/businesses/" + B + "/chats/history?chatId=" + chatOfB,
                    SandboxDemo.READ_ONLY_KEY,
                    "{}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void communicationKey_canWrite() {
    assertThat(
            http.postJson(
                    "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfB,
                    SandboxDemo.COMMUNICATION_KEY,
                    "{\"message\":\"через communication\"}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void unknownChatMessageAndOrder_are404() {
    assertError(
        http.get("/v2/businesses/" + B + "/chat?chatId=999999999", SandboxDemo.ALL_METHODS_KEY),
        404,
        "NOT_FOUND");
    assertError(
        http.get(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfB + "&messageId=999999999",
            SandboxDemo.ALL_METHODS_KEY),
        404,
        "NOT_FOUND");
    assertError(
        http.postJson(
            "/v2/businesses/" + B + "/chats/new",
            SandboxDemo.ALL_METHODS_KEY,
            "{\"context\":{\"type\":\"ORDER\",\"id\":777}}"),
        404,
        "NOT_FOUND");
    assertError(
        http.postJson(
            "/v2/businesses/" + B + "/chats/new",
            SandboxDemo.ALL_METHODS_KEY,
            "{\"context\":{\"type\":\"RETURN\",\"id\":777}}"),
        404,
        "NOT_FOUND");
  }

  @Test
  void unknownPath_is404InTheEnvelope() {
    assertError(
        http.get("/v2/businesses/" + B + "/nothing-here", SandboxDemo.ALL_METHODS_KEY),
        404,
        "NOT_FOUND");
    assertError(http.get("/", null), 404, "NOT_FOUND");
  }

  /** Each API path with a trailing slash, with its own method and valid credentials. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /chats/new/",
        "POST /chats/",
        "POST /chats/history/?chatId=CHAT",
        "POST /chats/message/?chatId=CHAT",
        "POST /chats/file/send/?chatId=CHAT",
        "GET /chat/?chatId=CHAT",
        "GET /chats/message/?chatId=CHAT&messageId=MESSAGE",
      })
  void trailingSlash_is404InTheEnvelope_likeAnyUnknownPath(String call) {
    // real ids, so that a sandbox that ignored the slash would answer 200
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Slash");
    long message = sandbox.market().buyerWrites(B, chatOfB, "slash");
    String method = call.substring(0, call.indexOf(' '));
    String rest =
        call.substring(call.indexOf(' ') + 1)
            .replace("CHAT", Long.toString(chatOfB))
            .replace("MESSAGE", Long.toString(message));
    for (String prefix : new String[] {"/v2/businesses/", "/businesses/"}) {
      HttpRequest.Builder request =
          http.request(prefix + B + rest)
              .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
              .header("Content-Type", "application/json");
      request =
          method.equals("GET")
              ? request.GET()
              : request.POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"context\":{\"type\":\"ORDER\",\"id\":" + order + "},\"message\":\"x\"}"));
      SandboxHttp.Response r = http.send(request.build());
      assertError(r, 404, "NOT_FOUND");
      assertThat(r.header("Allow")).isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health/", "/sandbox/ping/", "/sandbox/businesses/"})
  void trailingSlashOnTheSandboxsOwnPaths_is404(String path) {
    SandboxHttp.Response r =
        path.equals("/health/")
            ? http.get(path, null)
            : http.admin(path, SandboxDemo.ADMIN_TOKEN, "{\"businessId\":1099}");
    assertError(r, 404, "NOT_FOUND");
  }

  @Test
  void wrongMethod_is405WithAllow() {
    SandboxHttp.Response r =
        http.send(
            http.request("/v2/businesses/" + B + "/chats/new")
                .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                .GET()
                .build());
    assertError(r, 405, "METHOD_NOT_ALLOWED");
    assertThat(r.header("Allow")).isEqualTo("POST");
    SandboxHttp.Response put =
        http.send(
            http.request("/businesses/" + B + "/chats/message?chatId=1")
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertError(put, 405, "METHOD_NOT_ALLOWED");
    assertThat(put.header("Allow")).isEqualTo("GET, POST");
  }

  @Test
  void sellerCannotStartDirectChat_is400() {
    SandboxHttp.Response r =
        http.postJson(
            "/v2/businesses/" + B + "/chats/new",
            SandboxDemo.ALL_METHODS_KEY,
            "{\"context\":{\"type\":\"DIRECT\",\"id\":1}}");
    assertError(r, 400, "BAD_REQUEST");
    assertThat(r.errorMessage()).contains("DIRECT");
  }

  @Test
  void finishedChat_refusesMessagesWith423ChatFinished() {
    long order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "F");
    long chat = http.openOrderChat(B, SandboxDemo.ALL_METHODS_KEY, order);
    sandbox.market().finishChat(B, chat);
    SandboxHttp.Response r =
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chat,
            SandboxDemo.ALL_METHODS_KEY,
            "{\"message\":\"still there?\"}");
    assertError(r, 423, "CHAT_FINISHED");
    assertThat(r.errorMessage()).contains(Long.toString(chat));
  }

  @Test
  void validationErrors_nameTheField() {
    SandboxHttp.Response limit =
        http.postJson("/v2/businesses/" + B + "/chats?limit=21", SandboxDemo.ALL_METHODS_KEY, "{}");
    assertError(limit, 400, "BAD_REQUEST");
    assertThat(limit.errorMessage()).contains("limit", "20");
    SandboxHttp.Response status =
        http.postJson(
            "/v2/businesses/" + B + "/chats",
            SandboxDemo.ALL_METHODS_KEY,
            "{\"statuses\":[\"NEW\",\"SLEEPING\"]}");
    assertError(status, 400, "BAD_REQUEST");
    assertThat(status.errorMessage()).contains("statuses[1]", "SLEEPING");
    SandboxHttp.Response text =
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            "{\"message\":\"" + "я".repeat(4097) + "\"}");
    assertError(text, 400, "BAD_REQUEST");
    assertThat(text.errorMessage()).contains("message", "4096");
    SandboxHttp.Response fits =
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            "{\"message\":\"" + "я".repeat(4096) + "\"}");
    assertThat(fits.status()).isEqualTo(200);
  }

  @Test
  void oversizedBodies_are400InTheEnvelope() {
    String big = "{\"message\":\"" + "x".repeat(600 * 1024) + "\"}";
    SandboxHttp.Response r =
        http.postJson(
            "/v2/businesses/" + B + "/chats/message?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            big);
    assertError(r, 400, "BAD_REQUEST");
    assertThat(r.errorMessage()).contains("512 KB");
    SandboxHttp.Response file =
        http.sendFile(
            "/v2/businesses/" + B + "/chats/file/send?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            "big.bin",
            "application/octet-stream",
            new byte[5 * 1024 * 1024 + 1]);
    assertError(file, 400, "BAD_REQUEST");
    assertThat(file.errorMessage()).contains("5 MB");
    SandboxHttp.Response huge =
        http.sendFile(
            "/v2/businesses/" + B + "/chats/file/send?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            "huge.bin",
            "application/octet-stream",
            new byte[7 * 1024 * 1024]);
    assertError(huge, 400, "BAD_REQUEST");
    SandboxHttp.Response exact =
        http.sendFile(
            "/v2/businesses/" + B + "/chats/file/send?chatId=" + chatOfB,
            SandboxDemo.ALL_METHODS_KEY,
            "max.bin",
            "application/octet-stream",
            new byte[5 * 1024 * 1024]);
    assertThat(exact.status()).as(exact.text()).isEqualTo(200);
  }

  @Test
  void adminSurface_requiresItsToken() {
    assertError(
        http.send(http.request("/sandbox/ping").POST(HttpRequest.BodyPublishers.noBody()).build()),
        401,
        "UNAUTHORIZED");
    assertError(http.admin("/sandbox/ping", "wrong-token", "{}"), 403, "FORBIDDEN");
    assertThat(http.admin("/sandbox/ping", sandbox.adminToken(), "{}").status()).isEqualTo(200);
  }
}
