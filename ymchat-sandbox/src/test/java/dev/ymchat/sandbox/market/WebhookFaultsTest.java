package dev.ymchat.sandbox.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lost and duplicated push notifications: the specification, the builder, the admin surface and the
 * counters in {@code GET /sandbox/stats}.
 */
class WebhookFaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void parse_readsEveryKey_andToSpecWritesThemBack() {
    WebhookFaults faults = WebhookFaults.parse(" loss=0.2, duplicate=0.1 ,delay=2s,SEED=7");

    assertThat(faults.lossRate()).isEqualTo(0.2);
    assertThat(faults.duplicateRate()).isEqualTo(0.1);
    assertThat(faults.maxDuplicateDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(faults.seed()).isEqualTo(7);
    assertThat(faults.isActive()).isTrue();
    assertThat(faults.toSpec()).isEqualTo("loss=0.2,duplicate=0.1,delay=2000ms,seed=7");
    assertThat(WebhookFaults.parse(faults.toSpec())).isEqualTo(faults);
    assertThat(WebhookFaults.parse("none")).isEqualTo(WebhookFaults.none());
    assertThat(WebhookFaults.parse("").isActive()).isFalse();
    assertThat(WebhookFaults.parse("delay=250").maxDuplicateDelay())
        .isEqualTo(Duration.ofMillis(250));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "loss=1.5|loss=1.5",
        "duplicate=x|duplicate=x",
        "loss=0.7,duplicate=0.4|at most 1",
        "seed=abc|not an integer",
        "delay=-5ms|delay=-5ms",
        "burst=3|unknown webhook fault key 'burst'",
        "loss|expected key=value",
        "loss=0.1,loss=0.2|given twice",
      })
  void parse_namesWhatIsWrong(String spec, String message) {
    assertThatThrownBy(() -> WebhookFaults.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static JsonNode admin(SandboxServer sandbox, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .header("X-Sandbox-Admin-Token", SandboxDemo.ADMIN_TOKEN)
            .header("Content-Type", "application/json");
    request =
        method.equals("GET")
            ? request.GET()
            : request.POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    json =
        ((com.fasterxml.jackson.databind.node.ObjectNode) json)
            .put("httpStatus", response.statusCode());
    return json;
  }

  @Test
  void lossConfiguredAtStart_andChangedOverTheAdminSurface_isCountedInTheStats() throws Exception {
    try (WebhookTestReceiver receiver = WebhookTestReceiver.start();
        SandboxServer sandbox =
            SandboxExtension.start(
                b ->
                    b.webhookUrl(receiver.url().toString())
                        .webhookFaults(WebhookFaults.parse("loss=1,seed=5"))
                        .rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(sandbox.startupBanner()).contains("loss=1,duplicate=0,delay=500ms,seed=5");
      WebhookDispatcher webhooks = sandbox.webhooks().orElseThrow();
      long chat = sandbox.market().buyerOpensDirectChat(SandboxDemo.BUSINESS_ID, "потеряется");
      sandbox.market().buyerWrites(SandboxDemo.BUSINESS_ID, chat, "и это тоже");
      assertThat(webhooks.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.all()).isEmpty();
      assertThat(webhooks.lost()).isEqualTo(3);

      JsonNode changed =
          admin(
              sandbox,
              "POST",
              "/sandbox/webhook-faults",
              "{\"duplicate\":1,\"delayMillis\":0,\"seed\":9}");
      assertThat(changed.get("httpStatus").asInt()).isEqualTo(200);
      assertThat(changed.at("/result/webhookFaults").asText())
          .isEqualTo("loss=0,duplicate=1,delay=0ms,seed=9");
      sandbox.market().buyerWrites(SandboxDemo.BUSINESS_ID, chat, "дойдёт дважды");
      assertThat(webhooks.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(receiver.accepted()).hasSize(2);
      assertThat(receiver.accepted().get(0)).isEqualTo(receiver.accepted().get(1));

      JsonNode stats = admin(sandbox, "GET", "/sandbox/stats", null);
      assertThat(stats.at("/result/webhooks/lost").asLong()).isEqualTo(3);
      assertThat(stats.at("/result/webhooks/duplicated").asLong()).isEqualTo(1);
      assertThat(stats.at("/result/webhooks/delivered").asLong()).isEqualTo(2);
      assertThat(stats.at("/result/webhooks/faults").asText())
          .isEqualTo("loss=0,duplicate=1,delay=0ms,seed=9");

      JsonNode refused =
          admin(sandbox, "POST", "/sandbox/webhook-faults", "{\"loss\":0.8,\"duplicate\":0.8}");
      assertThat(refused.get("httpStatus").asInt()).isEqualTo(400);
      assertThat(refused.at("/errors/0/message").asText()).contains("at most 1");
    }
  }

  @Test
  void withoutAWebhook_theAdminSurfaceSaysThereIsNothingToLose() throws Exception {
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.rateLimits(SandboxRateLimits.defaults()))) {
      JsonNode refused = admin(sandbox, "POST", "/sandbox/webhook-faults", "{\"loss\":0.5}");
      assertThat(refused.get("httpStatus").asInt()).isEqualTo(400);
      assertThat(refused.at("/errors/0/message").asText()).contains("No webhook URL");
    }
  }
}
