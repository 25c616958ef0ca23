package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.FakeClock;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hourly quotas per business and operation, the parallel cap, and the rate-limit headers. */
class RateLimitTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  @Test
  void quota_refusesWith420AfterTheLimitAndResetsWithTheWindow() {
    FakeClock clock = new FakeClock(Instant.parse("2026-07-10T00:10:00Z"));
    SandboxRateLimits limits =
        SandboxRateLimits.defaults().quota(ApiOperation.GET_CHAT, 3).clock(clock);
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.rateLimits(limits))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      long chat = sandbox.market().buyerOpensDirectChat(B, "hello");
      String path = "/v2/businesses/" + B + "/chat?chatId=" + chat;

      List<String> remaining = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        SandboxHttp.Response r =
            http.get(
                i == 1 ? "/v2/businesses/" + B + "/chat?chatId=999999" : path,
                SandboxDemo.ALL_METHODS_KEY);
        assertThat(r.status()).isIn(200, 404);
        assertThat(r.header("X-RateLimit-Resource-Limit")).isEqualTo("3");
        remaining.add(r.header("X-RateLimit-Resource-Remaining"));
      }
      // the 404 counted too
      assertThat(remaining).containsExactly("2", "1", "0");

      SandboxHttp.Response refused = http.get(path, SandboxDemo.ALL_METHODS_KEY);
      assertThat(refused.status()).isEqualTo(420);
      assertThat(refused.errorCode()).isEqualTo("LIMIT_EXCEEDED");
      assertThat(refused.json().get("status").asText()).isEqualTo("ERROR");
      assertThat(refused.header("X-RateLimit-Resource-Remaining")).isEqualTo("0");
      String until = refused.header("X-RateLimit-Resource-Until");
      assertThat(until).isEqualTo("Fri, 10 Jul 2026 01:00:00 GMT");
      assertThat(ZonedDateTime.parse(until, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
          .isEqualTo(Instant.parse("2026-07-10T01:00:00Z"));
      assertThat(refused.header("Retry-After")).isNull();

      // other operations and other businesses have their own quotas
      assertThat(
              http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}")
                  .status())
          .isEqualTo(200);
      assertThat(
              http.get(
                      "/v2/businesses/" + SandboxDemo.OTHER_BUSINESS_ID + "/chat?chatId=" + chat,
                      SandboxDemo.OTHER_BUSINESS_KEY)
                  .status())
          .isEqualTo(404);

      clock.advance(Duration.ofMinutes(50));
      SandboxHttp.Response again = http.get(path, SandboxDemo.ALL_METHODS_KEY);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.header("X-RateLimit-Resource-Remaining")).isEqualTo("2");
      assertThat(again.header("X-RateLimit-Resource-Until"))
          .isEqualTo("Fri, 10 Jul 2026 02:00:00 GMT");
    }
  }

  @Test
  void serverErrors_doNotCountAgainstTheQuota() {
    SandboxRateLimits limits = SandboxRateLimits.defaults().quota(ApiOperation.GET_CHATS, 2);
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.rateLimits(limits)
                    .requestHook(
                        (business, operation) -> {
                          if (fail.getAndSet(false)) {
                            throw new SandboxException(
                                503, "SERVICE_UNAVAILABLE", "simulated overload");
                          }
                        }))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      String path = "/v2/businesses/" + B + "/chats";
      SandboxHttp.Response failed = http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}");
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
      assertThat(
              http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}")
                  .header("X-RateLimit-Resource-Remaining"))
          .isEqualTo("1");
      assertThat(
              http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}")
                  .header("X-RateLimit-Resource-Remaining"))
          .isEqualTo("0");
      assertThat(http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(420);
    }
  }

  @Test
  void timeScale_shortensTheWindow() {
    FakeClock clock = new FakeClock(Instant.parse("2026-07-10T00:00:00Z"));
    SandboxRateLimits limits =
        SandboxRateLimits.defaults().timeScale(3600).quota(ApiOperation.GET_CHATS, 1).clock(clock);
    assertThat(limits.window()).isEqualTo(Duration.ofSeconds(1));
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.rateLimits(limits))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      String path = "/v2/businesses/" + B + "/chats";
      assertThat(http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(200);
      assertThat(http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(420);
      clock.advance(Duration.ofSeconds(1));
      assertThat(http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(200);
    }
  }

  @Test
  void headers_areOnSuccessesAndErrorsWithTheDocumentedDefaults() {
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.rateLimits(SandboxRateLimits.defaults()))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      SandboxHttp.Response ok =
          http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}");
      assertThat(ok.header("X-RateLimit-Resource-Limit")).isEqualTo("5000");
      assertThat(ok.header("X-RateLimit-Resource-Remaining")).isEqualTo("4999");
      assertThat(ok.header("X-RateLimit-Resource-Until")).endsWith(" GMT");
      SandboxHttp.Response bad =
          http.postJson(
              "/v2/businesses/" + B + "/chats/history", SandboxDemo.ALL_METHODS_KEY, "{}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.header("X-RateLimit-Resource-Limit")).isEqualTo("10000");
      SandboxHttp.Response unauthorized =
          http.postJson("/v2/businesses/" + B + "/chats/new", null, "{}");
      assertThat(unauthorized.status()).isEqualTo(401);
      assertThat(unauthorized.header("X-RateLimit-Resource-Limit")).isNull();
    }
  }

  @Test
  void requestsWithoutTheBusinesssOwnCredentials_areNeverChargedToItsQuota() {
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.rateLimits(SandboxRateLimits.defaults()))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      long chat = sandbox.market().buyerOpensDirectChat(B, "hello");
      String path = "/v2/businesses/" + B + "/chats/message?chatId=" + chat;
      String body = "{\"message\":\"not mine to send\"}";
      String[] keys = {
        null, "wrong-key", SandboxDemo.OTHER_BUSINESS_KEY, SandboxDemo.READ_ONLY_KEY, ""
      };
      int refused = 0;
      for (int i = 0; i < 1000; i++) {
        SandboxHttp.Response r = http.postJson(path, keys[i % keys.length], body);
        assertThat(r.status()).as(r.text()).isIn(401, 403);
        assertThat(r.header("X-RateLimit-Resource-Remaining")).isNull();
        refused++;
      }
      assertThat(refused).isEqualTo(1000);

      SandboxHttp.Response mine =
          http.postJson(path, SandboxDemo.ALL_METHODS_KEY, "{\"message\":\"mine\"}");
      assertThat(mine.status()).as(mine.text()).isEqualTo(200);
      assertThat(mine.header("X-RateLimit-Resource-Limit")).isEqualTo("1000");
      assertThat(mine.header("X-RateLimit-Resource-Remaining")).isEqualTo("999");
    }
  }

  @Test
  void disabledLimits_neverRefuse() {
    SandboxRateLimits limits = SandboxRateLimits.disabled().quota(ApiOperation.GET_CHATS, 1);
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.rateLimits(limits))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      for (int i = 0; i < 3; i++) {
        assertThat(
                http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}")
                    .status())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void fifthParallelRequest_isRefusedWith420() throws Exception {
    CountDownLatch entered = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.requestHook(
                        (business, operation) -> {
                          if (business == B && operation == ApiOperation.GET_CHATS) {
                            entered.countDown();
                            try {
                              release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }
                        })
                    .rateLimits(SandboxRateLimits.defaults()))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      List<CompletableFuture<SandboxHttp.Response>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        held.add(
            CompletableFuture.supplyAsync(
                () ->
                    http.postJson(
                        "/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}")));
      }
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      SandboxHttp.Response fifth =
          http.get("/v2/businesses/" + B + "/chat?chatId=1", SandboxDemo.ALL_METHODS_KEY);
      assertThat(fifth.status()).isEqualTo(420);
      assertThat(fifth.errorCode()).isEqualTo("LIMIT_EXCEEDED");
      assertThat(fifth.errorMessage())
          .startsWith("Hit rate limit of 4 parallel requests for businessId 1001");
      // another business is not affected
      assertThat(
              http.postJson(
                      "/v2/businesses/" + SandboxDemo.OTHER_BUSINESS_ID + "/chats",
                      SandboxDemo.OTHER_BUSINESS_KEY,
                      "{}")
                  .status())
          .isEqualTo(200);

      release.countDown();
      for (CompletableFuture<SandboxHttp.Response> f : held) {
        assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
      // the slots are free again
      assertThat(
              http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}")
                  .status())
          .isEqualTo(200);
    }
  }
}
