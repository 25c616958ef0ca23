package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ymchat.client.ApiOperation;
import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Graceful shutdown, the access log, the banner and the builder's checks. */
class LifecycleTest {

  private static final long B = SandboxDemo.BUSINESS_ID;

  @Test
  void close_finishesInFlightRequestsRefusesNewOnesAndStops() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.requestHook(
                    (business, operation) -> {
                      if (operation == ApiOperation.GET_CHATS) {
                        entered.countDown();
                        try {
                          release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    }));
    SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
    CompletableFuture<SandboxHttp.Response> held =
        CompletableFuture.supplyAsync(
            () ->
                http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(sandbox::close);
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    SandboxHttp.Response refused = null;
    while (System.nanoTime() < waitUntil) {
      SandboxHttp.Response r = http.get("/health", null);
      if (r.status() == 503) {
        refused = r;
        break;
      }
    }
    assertThat(refused).as("a request during shutdown is refused with 503").isNotNull();
    assertThat(refused.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(closing).isNotDone();

    release.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    closing.get(15, TimeUnit.SECONDS);
    assertThatThrownBy(() -> http.get("/health", null)).isInstanceOf(UncheckedIOException.class);
    sandbox.close();
  }

  @Test
  void accessLog_hasOneLinePerRequestWithoutSecrets() {
    Logger access = (Logger) LoggerFactory.getLogger("dev.ymchat.sandbox.access");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    access.addAppender(appender);
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.rateLimits(SandboxRateLimits.defaults()))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      http.postJson("/v2/businesses/" + B + "/chats", SandboxDemo.ALL_METHODS_KEY, "{}");
      http.send(
          http.request("/v2/businesses/" + B + "/chat?chatId=1")
              .header("Authorization", "Bearer " + SandboxDemo.OAUTH_TOKEN)
              .GET()
              .build());
      http.get("/v2/businesses/" + B + "/chat?chatId=1", "wrong-secret-key");
    } finally {
      access.detachAppender(appender);
    }
    assertThat(appender.list).hasSize(3);
    assertThat(appender.list.get(0).getFormattedMessage())
        .contains(
            "method=POST",
            "path=/v2/businesses/1001/chats",
            "status=200",
            "businessId=1001",
            "operation=getChats",
            "durationMs=");
    assertThat(appender.list.get(2).getFormattedMessage()).contains("status=403");
    for (ILoggingEvent event : appender.list) {
      assertThat(event.getFormattedMessage())
          .doesNotContain(SandboxDemo.ALL_METHODS_KEY, SandboxDemo.OAUTH_TOKEN, "wrong-secret-key");
    }
  }

  @Test
  void withoutDemoData_theAdminTokenIsRandomAndPrinted() {
    try (SandboxServer sandbox =
        SandboxExtension.start(b -> b.seedDemo(false).rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(sandbox.adminToken()).isNotEqualTo(SandboxDemo.ADMIN_TOKEN).hasSizeGreaterThan(20);
      assertThat(sandbox.startupBanner())
          .contains(sandbox.adminToken(), sandbox.baseUrl())
          .doesNotContain("demo-");
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      assertThat(http.admin("/sandbox/ping", SandboxDemo.ADMIN_TOKEN, "{}").status())
          .isEqualTo(403);
      assertThat(http.admin("/sandbox/ping", sandbox.adminToken(), "{}").status()).isEqualTo(200);
    }
  }

  @Test
  void builder_checksItsOptions() {
    assertThatThrownBy(() -> SandboxServer.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> SandboxServer.builder().webhookUrl("ftp://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> SandboxServer.builder().adminToken("short"))
        .isInstanceOf(IllegalArgumentException.class);
    SandboxServer configured =
        SandboxServer.builder()
            .webhookUrl("http://127.0.0.1:9999/notification")
            .adminToken("my-admin-token")
            .build();
    assertThat(configured.webhookUrl()).contains("http://127.0.0.1:9999/notification");
    assertThat(configured.adminToken()).isEqualTo("my-admin-token");
    assertThatThrownBy(configured::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    assertThatThrownBy(() -> SandboxRateLimits.defaults().quota(ApiOperation.GET_CHATS, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customAdminToken_guardsTheAdminSurface() {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b -> b.adminToken("my-admin-token").rateLimits(SandboxRateLimits.defaults()))) {
      SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
      assertThat(http.admin("/sandbox/ping", SandboxDemo.ADMIN_TOKEN, "{}").status())
          .isEqualTo(403);
      assertThat(
              http.send(
                      http.request("/sandbox/ping")
                          .header("X-Sandbox-Admin-Token", "my-admin-token")
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build())
                  .status())
          .isEqualTo(200);
    }
  }
}
