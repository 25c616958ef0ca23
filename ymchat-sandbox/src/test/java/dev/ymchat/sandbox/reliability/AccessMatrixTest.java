package dev.ymchat.sandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.FileUpload;
import dev.ymchat.client.PathStyle;
import dev.ymchat.client.RetryPolicy;
import dev.ymchat.client.error.ForbiddenException;
import dev.ymchat.client.error.NotFoundException;
import dev.ymchat.client.error.YmChatException;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.sandbox.SandboxExtension;
import dev.ymchat.sandbox.SandboxServer;
import dev.ymchat.sandbox.market.SandboxDemo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation, on both path styles, through the real client, with every credential that must be
 * refused: another business's key, an unknown key, and the read-only key on the three writes. Each
 * is refused with 403, nothing about business 1001 is returned, and no state changes. The single
 * cases are in {@code ErrorsAndAuthTest} (403 for another business's key, 404 for another
 * business's chat, read-only and communication scopes) and {@code ClientContractTest}.
 */
class AccessMatrixTest {

  private static final long B = SandboxDemo.BUSINESS_ID;
  private static SandboxServer sandbox;
  private static long chat;
  private static long message;
  private static long order;
  private static long otherChat;

  @RegisterExtension static final SandboxExtension SANDBOX = SandboxExtension.demo();

  @BeforeAll
  static void start() {
    sandbox = SANDBOX.sandbox();
    chat = sandbox.market().buyerOpensDirectChat(B, "private question");
    message = sandbox.market().buyerWrites(B, chat, "private detail");
    order = sandbox.market().createOrder(B, SandboxDemo.CAMPAIGN_ID, "Private buyer");
    otherChat = sandbox.market().buyerOpensDirectChat(SandboxDemo.OTHER_BUSINESS_ID, "other shop");
  }

  /** The seven operations on business 1001's data. */
  private static List<Object[]> operations() {
    List<Object[]> ops = new ArrayList<>();
    ops.add(
        new Object[] {
          "createChat", true, (Consumer<ChatsClient>) c -> c.createChat(B, ChatContext.order(order))
        });
    ops.add(
        new Object[] {
          "getChats", false, (Consumer<ChatsClient>) c -> c.chats(B, ChatsQuery.builder().build())
        });
    ops.add(
        new Object[] {"getChatHistory", false, (Consumer<ChatsClient>) c -> c.history(B, chat)});
    ops.add(
        new Object[] {
          "sendMessageToChat", true, (Consumer<ChatsClient>) c -> c.sendMessage(B, chat, "intruder")
        });
    ops.add(
        new Object[] {
          "sendFileToChat",
          true,
          (Consumer<ChatsClient>)
              c ->
                  c.sendFile(
                      B, chat, FileUpload.of("x.txt", "intruder".getBytes(StandardCharsets.UTF_8)))
        });
    ops.add(new Object[] {"getChat", false, (Consumer<ChatsClient>) c -> c.chat(B, chat)});
    ops.add(
        new Object[] {
          "getChatMessage", false, (Consumer<ChatsClient>) c -> c.message(B, chat, message)
        });
    return ops;
  }

  static Stream<Arguments> hostileCalls() {
    List<Arguments> cases = new ArrayList<>();
    for (PathStyle style : PathStyle.values()) {
      for (Object[] op : operations()) {
        cases.add(Arguments.of(op[0], style, SandboxDemo.OTHER_BUSINESS_KEY, op[2]));
        cases.add(Arguments.of(op[0], style, "unknown-key-0000", op[2]));
        if ((Boolean) op[1]) {
          cases.add(Arguments.of(op[0], style, SandboxDemo.READ_ONLY_KEY, op[2]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} with {2}")
  @MethodSource("hostileCalls")
  void refusedCredential_is403AndChangesNothing(
      String operation, PathStyle style, String key, Consumer<ChatsClient> call) {
    String before = snapshot();
    try (ChatsClient client =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(key)
            .pathStyle(style)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertThatThrownBy(() -> call.accept(client))
          .isInstanceOf(ForbiddenException.class)
          .satisfies(
              e -> {
                YmChatException error = (YmChatException) e;
                assertThat(error.statusCode()).isEqualTo(403);
                assertThat(error.getMessage()).doesNotContain(key).doesNotContain("private");
              });
    }
    assertThat(snapshot())
        .as("state of business %d after a refused %s", B, operation)
        .isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pathStyles")
  void anotherBusinessesChat_throughOwnBusiness_is404(PathStyle style) {
    try (ChatsClient client =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(SandboxDemo.ALL_METHODS_KEY)
            .pathStyle(style)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertThatThrownBy(() -> client.chat(B, otherChat)).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> client.history(B, otherChat)).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> client.sendMessage(B, otherChat, "wrong shop"))
          .isInstanceOf(NotFoundException.class);
    }
    try (ChatsClient owner =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(SandboxDemo.OTHER_BUSINESS_KEY)
            .build()) {
      assertThat(Faulty.textCounts(owner, SandboxDemo.OTHER_BUSINESS_ID, otherChat))
          .containsOnlyKeys("other shop");
    }
  }

  static Stream<PathStyle> pathStyles() {
    return Stream.of(PathStyle.values());
  }

  /** Business 1001's chats and the messages of the test chat, as the owner sees them. */
  private static String snapshot() {
    try (ChatsClient owner =
        ChatsClient.builder()
            .baseUrl(sandbox.baseUrl())
            .apiKey(SandboxDemo.ALL_METHODS_KEY)
            .build()) {
      List<Long> chats = new ArrayList<>();
      owner
          .chats(B, ChatsQuery.builder().limit(20).build())
          .autoPager()
          .forEach(c -> chats.add(c.chatId()));
      return chats + " " + owner.history(B, chat).items();
    }
  }
}
