package dev.ymchat.sync;

import static dev.ymchat.sync.testing.Harness.B1;
import static dev.ymchat.sync.testing.Harness.B2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.ApiOperation;
import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessageSender;
import dev.ymchat.sync.events.EventType;
import dev.ymchat.sync.events.SyncEvent;
import dev.ymchat.sync.outbox.Reply;
import dev.ymchat.sync.outbox.ReplyState;
import dev.ymchat.sync.store.Dialect;
import dev.ymchat.sync.testing.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void backfill_mirrorsEveryChatAndMessageOfBothBusinesses_fieldByField(Dialect dialect) {
    try (Harness h =
        Harness.builder(dialect)
            .noWebhooks()
            .beforeSync(s -> s.market().generate(B1, 45, 7, 42))
            .start()) {
      h.awaitBackfill();

      h.assertMirrorEqualsSandbox(B1);
      h.assertMirrorEqualsSandbox(B2);
      BusinessStatus status =
          h.sync.status().businesses().stream().filter(b -> b.businessId() == B1).findFirst().get();
      assertThat(status.chatsMirrored()).isEqualTo(status.chatsWithHistory()).isGreaterThan(45);
      assertThat(status.quota()).containsKeys("getChats", "getChatHistory");
      assertThat(h.sync.events(0, 10_000))
          .extracting(SyncEvent::type)
          .contains(
              EventType.CHAT_CREATED,
              EventType.BUYER_MESSAGE_RECEIVED,
              EventType.BACKFILL_FINISHED);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBuyerMessage_arrivesThroughPush_withOneTargetedRead(Dialect dialect) {
    List<SyncEvent> heard = new CopyOnWriteArrayList<>();
    try (Harness h = Harness.builder(dialect).sync(b -> b.listener(heard::add)).start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      int before = h.calls(B1, ApiOperation.GET_CHAT_HISTORY);

      long message = h.sandbox.market().buyerWrites(B1, chat, "Где мой заказ?");

      Harness.await(
          "the pushed message in the mirror",
          WAIT,
          () -> h.sync.messages(B1, chat).stream().anyMatch(m -> m.messageId() == message));
      Harness.await(
          "the event of it",
          WAIT,
          () ->
              heard.stream()
                  .anyMatch(
                      e ->
                          e.type() == EventType.BUYER_MESSAGE_RECEIVED
                              && e.messageId() == message));
      assertThat(h.calls(B1, ApiOperation.GET_CHAT_HISTORY) - before).isEqualTo(1);
      assertThat(h.calls(B1, ApiOperation.GET_CHATS)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void manyBuyerMessages_withPushWorking_costAtMostOneReadEach_plusTheSweep_countedByTheSandbox(
      Dialect dialect) {
    try (Harness h = Harness.builder(dialect).duplicateRate(0.3).start()) {
      h.awaitBackfill();
      List<Long> chats =
          h.sync.chats(B1).stream()
              .filter(c -> !c.status().value().equals("FINISHED"))
              .map(c -> c.chatId())
              .toList();
      h.probe.resetStats();
      List<Long> written = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        written.add(h.sandbox.market().buyerWrites(B1, chats.get(i % chats.size()), "Вопрос " + i));
      }
      Harness.await(
          "every message in the mirror",
          WAIT,
          () ->
              written.stream()
                  .allMatch(
                      id ->
                          chats.stream()
                              .anyMatch(
                                  c ->
                                      h.sync.messages(B1, c).stream()
                                          .anyMatch(m -> m.messageId() == id))));
      long pushReads = h.probe.calls(B1, ApiOperation.GET_CHAT_HISTORY);
      assertThat(pushReads).isBetween(1L, (long) written.size());
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHATS)).isZero();
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHAT)).isZero();
      assertThat(h.probe.webhooks("duplicated")).isPositive();

      // plus the reconcile sweep: its listing, and at most one read per chat that changed
      h.probe.resetStats();
      java.time.Instant sweptAfter = java.time.Instant.now();
      h.sync.sweepNow(B1);
      Harness.await("the sweep to finish", WAIT, () -> lastPassDone(h).isAfter(sweptAfter));
      Harness.await(
          "the reads it asked for",
          WAIT,
          () -> h.sync.status().businesses().stream().allMatch(b -> b.readsWanted() == 0));
      long pages = h.sync.chats(B1).size() / ChatsQuery.MAX_LIMIT + 1;
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHATS)).isBetween(1L, pages);
      // At most one read per chat of the business: a duplicated webhook that arrives after the
      // reset may still ask for one more read of a chat the sweep did not need to read.
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHAT_HISTORY))
          .isLessThanOrEqualTo(h.sync.chats(B1).size());
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHAT)).isZero();
      h.assertMirrorEqualsSandbox(B1);
    }
  }

  private static java.time.Instant lastPassDone(Harness h) {
    return h.sync
        .jdbi()
        .withHandle(
            x ->
                x.createQuery("SELECT last_pass_done_at FROM businesses WHERE business_id = :b")
                    .bind("b", B1)
                    .mapTo(java.time.OffsetDateTime.class)
                    .findOne())
        .map(java.time.OffsetDateTime::toInstant)
        .orElse(java.time.Instant.EPOCH);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aNewDirectChat_arrivesThroughPush_withTheChatAndItsFirstMessage(Dialect dialect) {
    try (Harness h = Harness.builder(dialect).start()) {
      h.awaitBackfill();

      long chat = h.sandbox.market().buyerOpensDirectChat(B1, "Анна", "Есть ли размер M?");

      Harness.await(
          "the new chat in the mirror",
          WAIT,
          () -> h.sync.chat(B1, chat).isPresent() && h.sync.messages(B1, chat).size() == 1);
      assertThat(h.sync.chat(B1, chat).get()).isEqualTo(h.truthClient(B1).chat(B1, chat));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReply_goesOutOnce_andIsLinkedToItsMessage_withoutWaitingForASweep(Dialect dialect) {
    try (Harness h = Harness.builder(dialect).start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      h.probe.resetStats();

      long replyId = h.sync.outbox().send(B1, chat, "Спасибо!");
      // the API pushes nothing for the seller's own messages: sending asks for a read of the chat
      // after sending (the harness's sweeps are an hour apart)
      Harness.await(
          "the reply linked to its message",
          WAIT,
          () -> h.sync.outbox().reply(replyId).get().message().isPresent());
      assertThat(h.sync.messages(B1, chat))
          .anyMatch(m -> m.messageId() == h.sync.outbox().reply(replyId).get().messageId());
      // one send, the catch-up read that fixes the watermark, and the read after; no listing
      assertThat(h.probe.calls(B1, ApiOperation.SEND_MESSAGE)).isEqualTo(1);
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHAT_HISTORY)).isEqualTo(2);
      assertThat(h.probe.calls(B1, ApiOperation.GET_CHATS)).isZero();
      Reply reply = h.sync.outbox().reply(replyId).get();
      assertThat(reply.state()).isEqualTo(ReplyState.SENT);
      List<ChatMessage> partner = partnerMessages(h.truthClient(B1), chat, "Спасибо!");
      assertThat(partner).hasSize(1);
      assertThat(reply.messageId()).isEqualTo(partner.get(0).messageId());
      assertThat(h.sync.events(0, 10_000))
          .filteredOn(e -> e.replyId() == replyId)
          .extracting(SyncEvent::type)
          .containsSubsequence(
              EventType.REPLY_QUEUED, EventType.REPLY_ATTEMPT, EventType.REPLY_SENT);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReplyQueuedInTheCallersTransaction_goesOutOnlyIfItCommits(Dialect dialect) {
    try (Harness h = Harness.builder(dialect).start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      assertThatThrownBy(
              () ->
                  h.sync
                      .jdbi()
                      .useTransaction(
                          handle -> {
                            h.sync.outbox().send(handle, B1, chat, "откатится");
                            throw new IllegalStateException("the caller's work failed");
                          }))
          .hasMessageContaining("caller's work failed");
      long kept =
          h.sync
              .jdbi()
              .inTransaction(handle -> h.sync.outbox().send(handle, B1, chat, "останется"));

      Harness.await(
          "the committed reply sent",
          WAIT,
          () -> h.sync.outbox().reply(kept).get().state() == ReplyState.SENT);
      assertThat(h.sync.outbox().replies(B1, chat))
          .extracting(Reply::replyId)
          .containsExactly(kept);
      assertThat(partnerMessages(h.truthClient(B1), chat, "откатится")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReplyToAFinishedChat_isBlocked_andCanBeEditedRetriedOrCancelled(Dialect dialect) {
    try (Harness h = Harness.builder(dialect).start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      h.sandbox.market().finishChat(B1, chat);

      long first = h.sync.outbox().send(B1, chat, "Первый");
      long second = h.sync.outbox().send(B1, chat, "Второй");

      Harness.await(
          "the reply blocked",
          WAIT,
          () -> h.sync.outbox().reply(first).get().state() == ReplyState.BLOCKED);
      assertThat(h.sync.outbox().reply(first).get().lastError()).contains("423");
      assertThat(h.sync.outbox().reply(second).get().state()).isEqualTo(ReplyState.QUEUED);
      assertThat(h.sync.status().businesses().get(0).blockedReplies()).isEqualTo(1);

      h.sync.outbox().edit(first, "Исправленный");
      assertThat(h.sync.outbox().reply(first).get().text()).isEqualTo("Исправленный");
      h.sync.outbox().cancel(first);
      assertThatThrownBy(() -> h.sync.outbox().retry(first))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CANCELLED");
      Harness.await(
          "the second reply blocked in its turn",
          WAIT,
          () -> h.sync.outbox().reply(second).get().state() == ReplyState.BLOCKED);
      h.sync.outbox().retry(second);
      assertThat(h.sync.events(0, 10_000))
          .filteredOn(e -> e.replyId() == first)
          .extracting(SyncEvent::type)
          .containsSubsequence(
              EventType.REPLY_QUEUED,
              EventType.REPLY_BLOCKED,
              EventType.REPLY_EDITED,
              EventType.REPLY_CANCELLED);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void twoBusinesses_withTheSameChatIds_neverMix(Dialect dialect) {
    try (Harness h = Harness.builder(dialect).noWebhooks().start()) {
      h.awaitBackfill();
      long chat = h.sync.chats(B1).get(0).chatId();
      // the API's chat ids are global; the mirror must not rely on it: write a colliding chat
      h.sync
          .jdbi()
          .useTransaction(
              handle -> {
                dev.ymchat.sync.store.Mirror mirror =
                    new dev.ymchat.sync.store.Mirror(h.sync.dialect());
                List<dev.ymchat.sync.events.EventLog.NewEvent> events = new ArrayList<>();
                dev.ymchat.client.model.Chat other = h.sync.chats(B2).get(0);
                mirror.upsertChat(
                    handle,
                    B2,
                    new dev.ymchat.client.model.Chat(
                        chat,
                        other.orderId(),
                        other.context(),
                        other.type(),
                        other.status(),
                        other.createdAt(),
                        other.updatedAt()),
                    java.time.Instant.now(),
                    events);
                mirror.ingestMessages(
                    handle,
                    B2,
                    chat,
                    List.of(
                        new ChatMessage(
                            999_999,
                            other.createdAt(),
                            MessageSender.CUSTOMER,
                            "чужое",
                            List.of())),
                    java.time.Instant.now(),
                    events);
              });

      assertThat(h.sync.chat(B1, chat).get().context())
          .isNotEqualTo(h.sync.chat(B2, chat).get().context());
      assertThat(h.sync.messages(B1, chat))
          .extracting(ChatMessage::message)
          .doesNotContain("чужое");
      assertThat(h.sync.messages(B2, chat))
          .extracting(ChatMessage::message)
          .containsExactly("чужое");
      h.assertMirrorEqualsSandbox(B1);
      assertThatThrownBy(() -> h.sync.outbox().send(4242, chat, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not served");
    }
  }

  static List<ChatMessage> partnerMessages(ChatsClient client, long chat, String text) {
    List<ChatMessage> out = new ArrayList<>();
    client
        .history(B1, chat, HistoryQuery.builder().limit(100).build())
        .autoPager()
        .forEach(
            m -> {
              if (MessageSender.PARTNER.equals(m.sender()) && text.equals(m.message())) {
                out.add(m);
              }
            });
    return out;
  }
}
