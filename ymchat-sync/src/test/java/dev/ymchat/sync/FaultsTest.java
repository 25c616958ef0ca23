package dev.ymchat.sync;

import static dev.ymchat.sync.testing.Harness.B1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sandbox.faults.FaultConfig;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.testing.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The mirror and the outbox against a sandbox that fails in every way it can. */
class FaultsTest {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private static FaultConfig faults(long seed) {
    return FaultConfig.builder()
        .seed(seed)
        .latency(Duration.ZERO, Duration.ofMillis(15))
        .error500Rate(0.05)
        .error503Rate(0.03)
        .rateLimitRate(0.02)
        .rateLimitBurst(3)
        .dropRate(0.02)
        .dropAfterRate(0.05)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void
      underFaultsAndLostOrDuplicatedWebhooks_theMirrorEqualsTheSandboxState_andEveryReplyIsInItsChatOnce(
          Dialect dialect) {
    try (Harness h =
        Harness.builder(dialect)
            .faults(faults(11))
            .lossyWebhooks(0.25, 0.2)
            .beforeSync(s -> s.market().generate(B1, 12, 3, 5))
            .sync(b -> b.maxAttempts(20).threads(3, 3))
            .start()) {
      h.awaitBackfill();
      List<Long> chats =
          h.sync.chats(B1).stream()
              .filter(c -> !c.status().value().equals("FINISHED"))
              .map(c -> c.chatId())
              .toList();
      SplittableRandom random = new SplittableRandom(3);
      Map<Long, List<Long>> replies = new LinkedHashMap<>();
      for (int i = 0; i < 60; i++) {
        long chat = chats.get(random.nextInt(chats.size()));
        if (random.nextInt(3) == 0) {
          String text = random.nextInt(2) == 0 ? "Спасибо!" : "Ответ " + i;
          replies
              .computeIfAbsent(chat, k -> new ArrayList<>())
              .add(h.sync.outbox().send(B1, chat, text));
        } else {
          h.sandbox.market().buyerWrites(B1, chat, "Вопрос " + i);
        }
      }

      Harness.await(
          "every reply sent",
          WAIT,
          () ->
              replies.values().stream()
                  .flatMap(List::stream)
                  .allMatch(id -> h.sync.outbox().reply(id).get().state() == ReplyState.SENT));
      ChatsClient truth = h.truthClient(B1);
      for (Map.Entry<Long, List<Long>> chat : replies.entrySet()) {
        List<String> expected =
            chat.getValue().stream().map(id -> h.sync.outbox().reply(id).get().text()).toList();
        assertThat(partnerTextsAfterBackfill(truth, chat.getKey(), expected.size()))
            .as("the replies in chat %d, once each and in order", chat.getKey())
            .containsExactlyElementsOf(expected);
      }
      // what push missed, the sweeps catch: sweep until the mirror has caught up
      Harness.await(
          "the mirror to equal the sandbox",
          WAIT,
          () -> {
            h.sync.sweepNow(B1);
            try {
              Thread.sleep(300);
              h.assertMirrorEqualsSandbox(B1);
              return true;
            } catch (AssertionError | InterruptedException notYet) {
              return false;
            }
          });
      h.assertMirrorEqualsSandbox(B1);
      h.assertMirrorEqualsSandbox(Harness.B2);
      Harness.await(
          "every sent reply linked to its own message",
          WAIT,
          () ->
              replies.values().stream()
                  .flatMap(List::stream)
                  .allMatch(id -> h.sync.outbox().reply(id).get().message().isPresent()));
      List<Long> linked =
          replies.values().stream()
              .flatMap(List::stream)
              .map(id -> h.sync.outbox().reply(id).get())
              .map(Reply::messageId)
              .toList();
      assertThat(linked).doesNotHaveDuplicates();
      assertThat(h.probe.webhooks("lost")).isPositive();
      assertThat(h.probe.webhooks("duplicated")).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void identicalRepliesBackToBack_underDropAfter_goOutExactlyOnceEach(Dialect dialect) {
    try (Harness h =
        Harness.builder(dialect)
            .faults(FaultConfig.builder().seed(5).dropAfterRate(0.5).build())
            .sync(b -> b.maxAttempts(30))
            .start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      ChatsClient truth = h.truthClient(B1);
      // an earlier identical reply, already in the chat (and in the mirror after a sweep)
      truth.sendMessageReconciled(B1, chat, "Спасибо!");
      int before = countPartner(truth, chat, "Спасибо!");

      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(h.sync.outbox().send(B1, chat, "Спасибо!"));
      }

      Harness.await(
          "the four replies sent",
          WAIT,
          () ->
              ids.stream()
                  .allMatch(id -> h.sync.outbox().reply(id).get().state() == ReplyState.SENT));
      assertThat(countPartner(truth, chat, "Спасибо!")).isEqualTo(before + 4);
      Harness.await(
          "each reply linked",
          WAIT,
          () -> {
            h.sync.sweepNow(B1);
            return ids.stream()
                .allMatch(id -> h.sync.outbox().reply(id).get().message().isPresent());
          });
      List<Long> messages =
          ids.stream().map(id -> h.sync.outbox().reply(id).get().messageId()).toList();
      assertThat(messages).doesNotHaveDuplicates().isSorted();
      long earlier =
          history(truth, chat).stream()
              .filter(
                  m -> MessageSender.PARTNER.equals(m.sender()) && "Спасибо!".equals(m.message()))
              .mapToLong(ChatMessage::messageId)
              .min()
              .getAsLong();
      assertThat(messages).allSatisfy(m -> assertThat(m).isGreaterThan(earlier));
      assertThat(h.sync.outbox().replies(B1, chat))
          .allSatisfy(r -> assertThat(r.attempts()).isPositive());
    }
  }

  private static List<ChatMessage> history(ChatsClient client, long chat) {
    List<ChatMessage> out = new ArrayList<>();
    client
        .history(B1, chat, HistoryQuery.builder().limit(100).build())
        .autoPager()
        .forEach(out::add);
    return out;
  }

  private static int countPartner(ChatsClient client, long chat, String text) {
    return (int)
        history(client, chat).stream()
            .filter(m -> MessageSender.PARTNER.equals(m.sender()) && text.equals(m.message()))
            .count();
  }

  /** The last n seller texts of a chat (the generated history has seller messages of its own). */
  private static List<String> partnerTextsAfterBackfill(ChatsClient client, long chat, int n) {
    List<String> partner =
        history(client, chat).stream()
            .filter(m -> MessageSender.PARTNER.equals(m.sender()))
            .map(ChatMessage::message)
            .toList();
    return partner.subList(Math.max(0, partner.size() - n), partner.size());
  }
}
