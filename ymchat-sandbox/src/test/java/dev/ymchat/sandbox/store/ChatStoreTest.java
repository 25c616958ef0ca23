package dev.ymchat.sandbox.store;

import static dev.ymchat.sandbox.store.StoreFixture.BUSINESS;
import static dev.ymchat.sandbox.store.StoreFixture.CAMPAIGN;
import static dev.ymchat.sandbox.store.StoreFixture.NOW_IN_MOSCOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatStoreTest {

  private final StoreFixture fixture = new StoreFixture();
  private final ChatStore chats = fixture.store.chats();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void orderChat_roundTripsEveryColumn_andIsCreatedOnce() {
    long order = fixture.order("Анна К.");
    long chatId = chats.createOrGetContextChat(BUSINESS, ContextType.ORDER, order);
    assertThat(chats.createOrGetContextChat(BUSINESS, ContextType.ORDER, order)).isEqualTo(chatId);

    ChatRow chat = chats.chat(BUSINESS, chatId).orElseThrow();
    assertThat(chat.id()).isEqualTo(chatId);
    assertThat(chat.businessId()).isEqualTo(BUSINESS);
    assertThat(chat.contextType()).isEqualTo(ContextType.ORDER);
    assertThat(chat.campaignId()).isEqualTo(CAMPAIGN);
    assertThat(chat.orderId()).isEqualTo(order);
    assertThat(chat.returnId()).isNull();
    assertThat(chat.buyerName()).isEqualTo("Анна К.");
    assertThat(chat.buyerPublicId()).hasSize(26);
    assertThat(chat.type()).isEqualTo(ChatType.CHAT);
    assertThat(chat.status()).isEqualTo(ChatStatus.NEW);
    assertThat(chat.createdAt()).isEqualTo(NOW_IN_MOSCOW);
    assertThat(chat.createdAt().getOffset()).isEqualTo(NOW_IN_MOSCOW.getOffset());
    assertThat(chat.updatedAt()).isEqualTo(NOW_IN_MOSCOW);
    assertThat(chats.chat(BUSINESS + 1, chatId)).isEmpty();
  }

  @Test
  void returnChat_carriesOrderAndReturn_andUnknownReturnIs404() {
    long order = fixture.order("Иван");
    long ret = fixture.store.orders().createReturn(BUSINESS, order);
    ChatRow chat =
        chats
            .chat(BUSINESS, chats.createOrGetContextChat(BUSINESS, ContextType.RETURN, ret))
            .orElseThrow();
    assertThat(chat.orderId()).isEqualTo(order);
    assertThat(chat.returnId()).isEqualTo(ret);
    assertThatThrownBy(() -> chats.createOrGetContextChat(BUSINESS, ContextType.RETURN, ret + 5))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("Return " + (ret + 5) + " not found in business " + BUSINESS);
    assertThatThrownBy(() -> chats.createOrGetContextChat(BUSINESS, ContextType.DIRECT, order))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void directChat_hasNoOrder_andStartsWithTheBuyersMessage() {
    long chatId = chats.openDirectChat(BUSINESS, null, "Есть в синем?");
    ChatRow chat = chats.chat(BUSINESS, chatId).orElseThrow();
    assertThat(chat.contextType()).isEqualTo(ContextType.DIRECT);
    assertThat(chat.orderId()).isNull();
    assertThat(chat.campaignId()).isEqualTo(CAMPAIGN);
    assertThat(chat.buyerName()).startsWith("Покупатель ");
    assertThat(chat.status()).isEqualTo(ChatStatus.WAITING_FOR_PARTNER);
    assertThat(fixture.store.messages().messages(chatId, 0, 10))
        .extracting(MessageRow::text)
        .containsExactly("Есть в синем?");
  }

  @Test
  void disputeLifecycle_andItsRefusals() {
    long chatId = chats.createOrGetContextChat(BUSINESS, ContextType.ORDER, fixture.order("Ольга"));
    assertThatThrownBy(() -> chats.finishDispute(BUSINESS, chatId))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.code()).isEqualTo("NO_OPEN_DISPUTE"));

    chats.openDispute(BUSINESS, chatId);
    assertThat(chats.chat(BUSINESS, chatId).orElseThrow())
        .extracting(ChatRow::type, ChatRow::status)
        .containsExactly(ChatType.ARBITRAGE, ChatStatus.WAITING_FOR_ARBITER);
    assertThatThrownBy(() -> chats.openDispute(BUSINESS, chatId))
        .isInstanceOfSatisfying(
            SandboxException.class,
            e -> {
              assertThat(e.status()).isEqualTo(423);
              assertThat(e.code()).isEqualTo("DISPUTE_ALREADY_OPEN");
            });

    chats.finishDispute(BUSINESS, chatId);
    assertThat(chats.chat(BUSINESS, chatId).orElseThrow())
        .extracting(ChatRow::type, ChatRow::status)
        .containsExactly(ChatType.ARBITRAGE, ChatStatus.FINISHED);
    assertThatThrownBy(() -> chats.openDispute(BUSINESS, chatId))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.code()).isEqualTo("CHAT_FINISHED"));
    assertThatThrownBy(() -> chats.finishChat(BUSINESS + 1, chatId))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("Chat " + chatId + " not found in business " + (BUSINESS + 1));
  }

  @Test
  void chats_pageNewestFirst_andFilterOnEveryField() {
    long order1 = fixture.order("A");
    long order2 = fixture.order("B");
    long ret = fixture.store.orders().createReturn(BUSINESS, order2);
    long chat1 = chats.createOrGetContextChat(BUSINESS, ContextType.ORDER, order1);
    long chat2 = chats.createOrGetContextChat(BUSINESS, ContextType.RETURN, ret);
    long chat3 = chats.openDirectChat(BUSINESS, "C", "hello");
    chats.openDispute(BUSINESS, chat2);

    assertThat(ids(ChatFilter.NONE, null, 10)).containsExactly(chat3, chat2, chat1);
    assertThat(ids(ChatFilter.NONE, chat3, 1)).containsExactly(chat2);
    assertThat(ids(new ChatFilter(Set.of(order2), null, null, null, null, null), null, 10))
        .containsExactly(chat2);
    assertThat(ids(new ChatFilter(null, Set.of(order1), Set.of(ret), null, null, null), null, 10))
        .containsExactly(chat2, chat1);
    assertThat(ids(new ChatFilter(null, Set.of(order2), null, null, null, null), null, 10))
        .isEmpty();
    assertThat(
            ids(
                new ChatFilter(
                    null, null, null, Set.of(ContextType.DIRECT, ContextType.ORDER), null, null),
                null,
                10))
        .containsExactly(chat3, chat1);
    assertThat(
            ids(new ChatFilter(null, null, null, null, Set.of(ChatType.ARBITRAGE), null), null, 10))
        .containsExactly(chat2);
    assertThat(
            ids(
                new ChatFilter(
                    null, null, null, null, null, Set.of(ChatStatus.WAITING_FOR_PARTNER)),
                null,
                10))
        .containsExactly(chat3);
  }

  private List<Long> ids(ChatFilter filter, Long before, int limit) {
    return chats.chats(BUSINESS, filter, before, limit).stream().map(ChatRow::id).toList();
  }
}
