package dev.ymchat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.limits.SandboxRateLimits;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo credentials are public (README, banner): the sandbox refuses to serve them on an address
 * other machines can reach unless told to, and says so in its banner when told. Nothing here binds
 * anything but loopback: a refused start binds nothing, and the allowed case treats 127.0.0.1 as a
 * network address.
 */
class DemoCredentialsOnNetworkTest {

  private static void assertRefusal(Throwable e) {
    assertThat(e)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to serve demo credentials on")
        .hasMessageContaining("127.0.0.1")
        .hasMessageContaining("--allow-demo-credentials-on-network")
        .hasMessageContaining("allowDemoCredentialsOnNetwork(true)");
    for (String secret : SandboxDemo.credentials()) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "10.20.30.40"})
  void seedDemoOnANetworkAddress_isRefused(String host) {
    SandboxServer sandbox =
        SandboxServer.builder().host(host).port(0).inMemory().seedDemo(true).build();

    assertThatThrownBy(sandbox::start).satisfies(DemoCredentialsOnNetworkTest::assertRefusal);
  }

  @Test
  void theDemoAdminTokenOnANetworkAddress_isRefused() {
    SandboxServer sandbox =
        SandboxServer.builder()
            .host("0.0.0.0")
            .port(0)
            .inMemory()
            .adminToken(SandboxDemo.ADMIN_TOKEN)
            .build();

    assertThatThrownBy(sandbox::start)
        .satisfies(DemoCredentialsOnNetworkTest::assertRefusal)
        .hasMessageContaining("demo admin token");
  }

  @Test
  void demoKeysLeftInTheDataDirectory_areRefusedOnANetworkAddress(@TempDir Path dir) {
    try (SandboxServer seeded =
        SandboxExtension.start(b -> b.dataDir(dir).rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(seeded.baseUrl()).startsWith("http://127.0.0.1:");
    }
    SandboxServer again =
        SandboxServer.builder()
            .host("0.0.0.0")
            .port(0)
            .dataDir(dir)
            .adminToken("my-own-admin-token")
            .build();

    assertThatThrownBy(again::start)
        .satisfies(DemoCredentialsOnNetworkTest::assertRefusal)
        .hasMessageContaining("earlier --seed-demo");
  }

  @Test
  void allowedExplicitly_servesAndWarnsInTheBanner() {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.loopbackCheck(host -> false)
                    .allowDemoCredentialsOnNetwork(true)
                    .rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(sandbox.startupBanner())
          .contains("WARNING")
          .contains("demo credentials")
          .contains("reachable from the network");
      assertThat(new SandboxHttp(sandbox.baseUrl()).get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void withoutThePermission_theSameNetworkCaseIsRefused() {
    SandboxServer sandbox =
        SandboxServer.builder()
            .loopbackCheck(host -> false)
            .port(0)
            .inMemory()
            .seedDemo(true)
            .build();

    assertThatThrownBy(sandbox::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onLoopback_theDemoIsServedWithoutAWarning() {
    try (SandboxServer sandbox = SandboxExtension.start(b -> {})) {
      assertThat(sandbox.startupBanner()).doesNotContain("WARNING");
    }
  }

  @Test
  void ownCredentialsOnANetworkAddress_areNotTheDemosBusiness() {
    try (SandboxServer sandbox =
        SandboxExtension.start(
            b ->
                b.loopbackCheck(host -> false)
                    .adminToken("my-own-admin-token")
                    .seedDemo(false)
                    .rateLimits(SandboxRateLimits.defaults()))) {
      assertThat(sandbox.startupBanner()).doesNotContain("WARNING");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1"})
  void loopbackAddresses(String host) {
    assertThat(SandboxConfig.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "10.20.30.40", "192.168.1.1"})
  void networkAddresses(String host) {
    assertThat(SandboxConfig.isLoopback(host)).isFalse();
  }
}
