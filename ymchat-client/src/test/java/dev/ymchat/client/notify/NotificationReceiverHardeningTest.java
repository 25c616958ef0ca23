package dev.ymchat.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.FakeClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A notification is a hint anyone can forge: a forged copy cannot hide the genuine event, bodies
 * are capped, and sources can be restricted to networks the user names.
 */
class NotificationReceiverHardeningTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-26T10:15:30Z"));
  private final List<Notification> received = new CopyOnWriteArrayList<>();

  private NotificationReceiver.Builder receiver() {
    return NotificationReceiver.builder()
        .name("my-shop")
        .version("1.0")
        .clock(clock)
        .listener(received::add);
  }

  private static String messageSent(String messageId, String sentAt) {
    return "{\"notificationType\":\"CHAT_MESSAGE_SENT\",\"chatId\":5,\"messageId\":\""
        + messageId
        + "\",\"businessId\":1001,\"sentAt\":\""
        + sentAt
        + "\"}";
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void forgedEarlyCopyWithAnotherTime_doesNotSuppressTheGenuineNotification() {
    NotificationReceiver receiver = receiver().build();
    // an attacker guesses the next message id and sends it first, with a time of their choosing
    assertThat(receiver.handle(messageSent("78", "2026-11-26T10:00:00Z")).status()).isEqualTo(200);
    // Market's genuine notification of message 78 carries the real time
    assertThat(receiver.handle(messageSent("78", "2026-11-26T10:15:29+03:00")).status())
        .isEqualTo(200);
    assertThat(received).hasSize(2);
    // a true repeat of the genuine one (same instant, another offset) is still a duplicate
    assertThat(receiver.handle(messageSent("78", "2026-11-26T07:15:29Z")).status()).isEqualTo(200);
    assertThat(received).hasSize(2);
  }

  @Test
  void bodyOverTheLimit_isAnswered400WithoutParsing_andNeverReachesTheListener() throws Exception {
    NotificationReceiver receiver = receiver().maxBodySize(200).build();
    String padded = messageSent("1", "2026-11-26T10:00:00Z");
    padded = padded.substring(0, padded.length() - 1) + ",\"x\":\"" + "я".repeat(60) + "\"}";
    assertThat(padded.length()).isLessThan(200);
    assertThat(padded.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(200);

    for (ReceiverResponse response :
        List.of(
            receiver.handle(padded), receiver.handle(padded.getBytes(StandardCharsets.UTF_8)))) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).at("/error/type").asText())
          .isEqualTo("WRONG_EVENT_FORMAT");
      assertThat(JSON.readTree(response.body()).at("/error/message").asText())
          .isEqualTo("The notification is longer than 200 bytes, the limit of this receiver.");
    }
    // not even a malformed body over the limit is parsed: the answer is the same
    assertThat(receiver.handle("{".repeat(201)).body()).contains("longer than 200 bytes");
    assertThat(received).isEmpty();
    assertThat(receiver.handle(messageSent("1", "2026-11-26T10:00:00Z")).status()).isEqualTo(200);
  }

  @Test
  void defaultLimit_is64KB_exactlyAtTheLimitIsParsed() {
    NotificationReceiver receiver = receiver().build();
    assertThat(receiver.maxBodySize()).isEqualTo(65536);
    String base = messageSent("1", "2026-11-26T10:00:00Z");
    String pad = " ".repeat(65536 - base.length());
    assertThat(receiver.handle(base + pad).status()).isEqualTo(200);
    assertThat(receiver.handle(base + pad + " ").status()).isEqualTo(400);
  }

  @Test
  void allowList_acceptsIpv4AndIpv6SourcesInside_andRefusesOthersWith403() throws Exception {
    NotificationReceiver receiver =
        receiver().allowedSources(List.of("5.45.192.0/18", "2a02:6b8::/32", "127.0.0.1")).build();
    String body = messageSent("1", "2026-11-26T10:00:00Z");

    assertThat(receiver.handle(body, ip("5.45.255.1")).status()).isEqualTo(200);
    assertThat(
            receiver.handle(body.getBytes(StandardCharsets.UTF_8), ip("2a02:6b8:c0::1")).status())
        .isEqualTo(200);
    assertThat(receiver.isAllowedSource(ip("127.0.0.1"))).isTrue();
    assertThat(received).hasSize(1);

    for (String outside : List.of("5.45.128.1", "5.46.192.1", "2a02:6b9::1", "127.0.0.2", "::1")) {
      ReceiverResponse refused =
          receiver.handle(messageSent("2", "2026-11-26T10:00:00Z"), ip(outside));
      assertThat(refused.status()).as(outside).isEqualTo(403);
      assertThat(JSON.readTree(refused.body()).at("/error/message").asText())
          .isEqualTo("Notifications are not accepted from this address.");
      assertThat(receiver.isAllowedSource(ip(outside))).as(outside).isFalse();
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void allowList_refusesBeforeLookingAtTheBody() throws Exception {
    NotificationReceiver receiver =
        receiver().maxBodySize(10).allowedSources(List.of("10.0.0.0/8")).build();
    assertThat(receiver.handle("not json and too long", ip("192.168.1.1")).status()).isEqualTo(403);
  }

  @Test
  void allowList_withoutTheSourceAddress_isAProgrammingErrorNamedToTheDeveloper() {
    NotificationReceiver receiver = receiver().allowedSources(List.of("10.0.0.0/8")).build();
    String body = messageSent("1", "2026-11-26T10:00:00Z");
    assertThatThrownBy(() -> receiver.handle(body))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call handle(body, remoteAddress)");
    assertThatThrownBy(() -> receiver.handle(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> receiver.handle(new PingNotification(null)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void noAllowList_acceptsEverySource() throws Exception {
    NotificationReceiver receiver = receiver().build();
    assertThat(receiver.isAllowedSource(ip("203.0.113.9"))).isTrue();
    assertThat(receiver.handle(messageSent("1", "2026-11-26T10:00:00Z"), ip("::1")).status())
        .isEqualTo(200);
  }

  @Test
  void badNetworks_failTheBuild_namingTheValue_andNeverAskDns() {
    for (String bad :
        List.of(
            "10.0.0.0/33",
            "2a02:6b8::/129",
            "300.1.1.1",
            "10.0.0/8",
            "example.com",
            "localhost/32",
            "10.0.0.0/-1",
            "10.0.0.0/",
            "")) {
      assertThatThrownBy(() -> receiver().allowedSources(List.of(bad)).build())
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'" + bad + "' is not a network in CIDR form");
    }
    assertThatThrownBy(() -> receiver().maxBodySize(0).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxBodySize is 0");
  }

  @Test
  void hostBitsOfANetwork_areIgnored() throws Exception {
    NotificationReceiver receiver = receiver().allowedSources(List.of("10.1.2.3/8")).build();
    assertThat(receiver.isAllowedSource(ip("10.200.0.1"))).isTrue();
    assertThat(receiver.isAllowedSource(ip("11.0.0.1"))).isFalse();
  }
}
