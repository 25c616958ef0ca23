package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import dev.ymchat.sandbox.stats.CallOutcome;
import dev.ymchat.sandbox.stats.CallStats;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * The sandbox counts the API calls it receives per business and operation, by outcome, so that a
 * client's use of the API can be asserted: from Java and over {@code GET /sandbox/stats}.
 */
class CallStatsTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  @Test
  void everyCallIsCountedByBusinessOperationAndOutcome_andResetStartsAgain() {
    SandboxRateLimits limits = SandboxRateLimits.defaults().quota(ApiOperation.GET_CHAT, 2);
    try (SandboxServer sandbox = SandboxExtension.start(b -> b.rateLimits(limits))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      long chat = sandbox.market().buyerOpensDirectChat(B, "считаем");
      String history = "/v2/businesses/" + B + "/chats/history?chatId=" + chat;
      String getChat = "/businesses/" + B + "/chat?chatId=" + chat;

      assertThat(http.postJson(history, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(200);
      assertThat(http.postJson(history, SandboxDemo.ALL_METHODS_KEY, "{}").status()).isEqualTo(200);
      assertThat(http.postJson(history, null, "{}").status()).isEqualTo(401);
      assertThat(http.postJson(history, SandboxDemo.ALL_METHODS_KEY, "[]").status()).isEqualTo(400);
      for (int i = 0; i < 3; i++) {
        http.get(getChat, SandboxDemo.ALL_METHODS_KEY);
      }
      http.postJson(
          "/v2/businesses/" + SandboxDemo.OTHER_BUSINESS_ID + "/chats",
          SandboxDemo.OTHER_BUSINESS_KEY,
          "{}");
      http.get("/v2/businesses/" + B + "/nowhere", SandboxDemo.ALL_METHODS_KEY);
      http.get("/health", null);

      CallStats stats = sandbox.callStats();
      CallStats.Count reads = stats.get(B, ApiOperation.GET_CHAT_HISTORY);
      assertThat(reads.calls()).isEqualTo(4);
      assertThat(reads.success()).isEqualTo(2);
      assertThat(reads.clientError()).isEqualTo(2);
      CallStats.Count chats = stats.get(B, ApiOperation.GET_CHAT);
      assertThat(chats.calls()).isEqualTo(3);
      assertThat(chats.success()).isEqualTo(2);
      assertThat(chats.count(CallOutcome.RATE_LIMITED)).isEqualTo(1);
      assertThat(stats.get(SandboxDemo.OTHER_BUSINESS_ID, ApiOperation.GET_CHATS).success())
          .isEqualTo(1);
      assertThat(stats.get(B, ApiOperation.SEND_MESSAGE).calls()).isZero();
      // unknown paths and /health are no operation's calls
      assertThat(stats.snapshot()).hasSize(3);
      assertThat(stats.total(CallOutcome.SUCCESS)).isEqualTo(5);

      SandboxHttp.Response overHttp = http.get("/sandbox/stats", null);
      assertThat(overHttp.status()).isEqualTo(401);
      SandboxHttp.Response json =
          http.send(
              http.request("/sandbox/stats")
                  .header("X-Sandbox-Admin-Token", SandboxDemo.ADMIN_TOKEN)
                  .GET()
                  .build());
      assertThat(json.status()).isEqualTo(200);
      JsonNode calls = json.result().get("calls");
      assertThat(calls).hasSize(3);
      assertThat(calls.get(0).get("businessId").asLong()).isEqualTo(B);
      assertThat(calls.get(0).get("operation").asText()).isEqualTo("getChat");
      assertThat(calls.get(0).get("calls").asLong()).isEqualTo(3);
      assertThat(calls.get(0).get("2xx").asLong()).isEqualTo(2);
      assertThat(calls.get(0).get("420").asLong()).isEqualTo(1);
      assertThat(calls.get(1).get("operation").asText()).isEqualTo("getChatHistory");
      assertThat(calls.get(1).get("4xx").asLong()).isEqualTo(2);
      assertThat(calls.get(2).get("businessId").asLong()).isEqualTo(SandboxDemo.OTHER_BUSINESS_ID);

      assertThat(http.admin("/sandbox/stats/reset", SandboxDemo.ADMIN_TOKEN, "{}").status())
          .isEqualTo(200);
      assertThat(stats.snapshot()).isEmpty();
      http.postJson(history, SandboxDemo.ALL_METHODS_KEY, "{}");
      assertThat(stats.get(B, ApiOperation.GET_CHAT_HISTORY).calls()).isEqualTo(1);
    }
  }

  @Test
  void injectedFaults_countAsFaults_notAsTheStatusTheyFaked() {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b -> b.faults(FaultConfig.parse("seed=4,503=0.3,drop=0.15,dropAfter=0.1")))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      int answered503 = 0;
      int noAnswer = 0;
      for (int i = 0; i < 60; i++) {
        try {
          SandboxHttp.Response r =
              http.send(
                  http.request("/v2/businesses/" + B + "/chats")
                      .header("Api-Key", SandboxDemo.ALL_METHODS_KEY)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build());
          answered503 += r.status() == 503 ? 1 : 0;
        } catch (java.io.UncheckedIOException dropped) {
          noAnswer++;
        }
      }

      CallStats.Count count = sandbox.callStats().get(B, ApiOperation.GET_CHATS);
      assertThat(count.calls()).isEqualTo(60);
      assertThat(answered503).isPositive();
      assertThat(noAnswer).isPositive();
      assertThat(count.fault()).isEqualTo(answered503 + noAnswer);
      assertThat(count.fault()).isEqualTo(sandbox.faultStats().orElseThrow().faulted());
      assertThat(count.serverError()).isZero();
      assertThat(count.success()).isEqualTo(60 - answered503 - noAnswer);
    }
  }
}
