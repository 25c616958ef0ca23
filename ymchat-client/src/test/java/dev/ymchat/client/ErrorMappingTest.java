package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ymchat.client.error.ApiException;
import dev.ymchat.client.error.BadRequestException;
import dev.ymchat.client.error.ClientRateLimitException;
import dev.ymchat.client.error.ForbiddenException;
import dev.ymchat.client.error.InvalidResponseException;
import dev.ymchat.client.error.LockedException;
import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.error.RateLimitException;
import dev.ymchat.client.error.ServerException;
import dev.ymchat.client.error.TransportException;
import dev.ymchat.client.error.UnauthorizedException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

  private final Stub stub = new Stub();
  private final ChatsClient client = stub.client().build();

  @AfterEach
  void close() {
    client.close();
    stub.close();
  }

  private static String error(String code, String message) {
    return "{\"status\":\"ERROR\",\"errors\":[{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\"}]}";
  }

  private YmChatException chatsFailure() {
    return catchThrowableOfType(YmChatException.class, () -> client.chats(1001));
  }

  @Test
  void http400_throwsBadRequestException_withApiErrors() {
    stub.enqueue(400, error("BAD_REQUEST", "limit must be less than or equal to 20"));
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(BadRequestException.class);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errors())
        .containsExactly(new ApiError("BAD_REQUEST", "limit must be less than or equal to 20"));
    assertThat(e.getMessage())
        .startsWith(
            "getChats failed: HTTP 400 BAD_REQUEST: limit must be less than or equal to 20.");
  }

  @Test
  void everyErrorStatus_isAnApiException_withItsStatusAndErrorCode() {
    int[] statuses = {400, 401, 403, 404, 420, 423, 500, 503};
    for (int status : statuses) {
      stub.enqueue(status, error("CODE_" + status, "failed"));
      YmChatException e =
          catchThrowableOfType(
              YmChatException.class,
              () ->
                  client.withOptions(RequestOptions.builder().maxAttempts(1).build()).chats(1001));
      assertThat(e).as("HTTP %d", status).isInstanceOf(ApiException.class);
      ApiException api = (ApiException) e;
      assertThat(api.statusCode()).isEqualTo(status);
      assertThat(api.errorCode()).contains("CODE_" + status);
    }
  }

  @Test
  void apiException_withoutErrors_hasNoErrorCode_andOtherFailuresAreNotApiExceptions() {
    ApiException noErrors = new ClientRateLimitException("quota used up; wait", null);
    assertThat(noErrors.errorCode()).isEmpty();
    assertThat(new TransportException("broke", TransportException.Outcome.UNKNOWN, null))
        .isNotInstanceOf(ApiException.class);
    assertThat(
            new InvalidResponseException(
                InvalidResponseException.Problem.NOT_API_JSON,
                "bad",
                200,
                Map.of(),
                null,
                null,
                null))
        .isNotInstanceOf(ApiException.class);
    assertThat(
            ApiException.of("x", 400, List.of(new ApiError(" ", "m")), null, null, null)
                .errorCode())
        .isEmpty();
  }

  @Test
  void http401_throwsUnauthorizedException_sayingWhatToDo() {
    stub.enqueue(401, error("UNAUTHORIZED", "No credentials"));
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(UnauthorizedException.class);
    assertThat(e.getMessage()).contains("HTTP 401 UNAUTHORIZED: No credentials", "Api-Key");
  }

  @Test
  void http403_throwsForbiddenException() {
    stub.enqueue(403, error("FORBIDDEN", "Access denied"));
    YmChatException e =
        catchThrowableOfType(YmChatException.class, () -> client.sendMessage(1001, 5, "x"));
    assertThat(e).isInstanceOf(ForbiddenException.class);
    assertThat(e.getMessage())
        .startsWith("sendMessageToChat failed: HTTP 403 FORBIDDEN: Access denied.")
        .contains("scope");
  }

  @Test
  void http404_throwsNotFoundException() {
    stub.enqueue(404, error("NOT_FOUND", "Chat 5 not found"));
    YmChatException e = catchThrowableOfType(YmChatException.class, () -> client.chat(1001, 5));
    assertThat(e).isInstanceOf(NotFoundException.class);
    assertThat(e.getMessage()).startsWith("getChat failed: HTTP 404 NOT_FOUND: Chat 5 not found.");
  }

  @Test
  void http420_throwsRateLimitException_withParsedHeadersAndRetryAfterInMessage() {
    stub.enqueue(
        420,
        error("LIMIT_EXCEEDED", "Hit rate limit of 4 parallel requests"),
        "X-RateLimit-Resource-Limit",
        "5000",
        "X-RateLimit-Resource-Remaining",
        "0",
        "X-RateLimit-Resource-Until",
        "Thu, 10 Jul 2018 00:42:42 GMT");
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(e.getMessage())
        .startsWith(
            "getChats failed: HTTP 420 LIMIT_EXCEEDED: Hit rate limit "
                + "of 4 parallel requests (retry after Tue, 10 Jul 2018 00:42:42 GMT).");
    assertThat(e.rateLimit())
        .hasValueSatisfying(
            rl -> {
              assertThat(rl.limit()).isEqualTo(5000L);
              assertThat(rl.remaining()).isZero();
              assertThat(rl.until()).isEqualTo(Instant.parse("2018-07-10T00:42:42Z"));
            });
    assertThat(e.header("x-ratelimit-resource-limit")).contains("5000");
  }

  @Test
  void http423_throwsLockedException() {
    stub.enqueue(423, error("LOCKED", "Chat is finished"));
    YmChatException e =
        catchThrowableOfType(YmChatException.class, () -> client.sendMessage(1001, 5, "x"));
    assertThat(e).isInstanceOf(LockedException.class);
    assertThat(e.getMessage()).contains("HTTP 423 LOCKED: Chat is finished", "status");
  }

  @Test
  void http500_throwsServerException() {
    stub.enqueue(500, error("INTERNAL_ERROR", "Oops"));
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.getMessage()).contains("HTTP 500 INTERNAL_ERROR: Oops", "retry later");
  }

  @Test
  void http503_throwsServerException() {
    stub.enqueue(503, error("SERVICE_UNAVAILABLE", "Overloaded"));
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.statusCode()).isEqualTo(503);
  }

  @Test
  void nonJsonErrorBody_isKeptRawAndShownTruncated() {
    String html = "<html><body>502 Bad Gateway " + "x".repeat(5000) + "</body></html>";
    stub.enqueue(502, html);
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.errors()).isEmpty();
    assertThat(e.rawBody()).contains(html);
    assertThat(e.getMessage())
        .contains("HTTP 502, body: <html><body>502 Bad Gateway")
        .contains("more chars)");
    assertThat(e.getMessage().length()).isLessThan(2600);
  }

  @Test
  void unexpectedStatus_throwsTheBaseApiException() {
    stub.enqueue(409, error("CONFLICT", "Conflict"));
    YmChatException e = chatsFailure();
    assertThat(e.getClass()).isEqualTo(ApiException.class);
    assertThat(e.statusCode()).isEqualTo(409);
  }

  @Test
  void successWithNonJsonBody_throwsInvalidResponseException() {
    stub.enqueue(200, "<html>proxy login</html>");
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(InvalidResponseException.class);
    assertThat(e.statusCode()).isEqualTo(200);
    assertThat(e.rawBody()).contains("<html>proxy login</html>");
    assertThat(e.getMessage()).contains("not JSON", "<html>proxy login</html>", "base URL");
  }

  @Test
  void successWithErrorStatus_throwsInvalidResponseException() {
    stub.enqueue(200, "{\"status\":\"ERROR\"}");
    YmChatException e = chatsFailure();
    assertThat(e).isInstanceOf(InvalidResponseException.class);
    assertThat(e.getMessage()).contains("status is \"ERROR\"");
  }

  @Test
  void successWithoutResult_throwsInvalidResponseException() {
    stub.enqueue(200, "{\"status\":\"OK\"}");
    YmChatException e = catchThrowableOfType(YmChatException.class, () -> client.chat(1, 2));
    assertThat(e).isInstanceOf(InvalidResponseException.class).hasMessageContaining("no result");
  }
}
