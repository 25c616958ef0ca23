package dev.ymchat.sandbox.store;

import static dev.ymchat.sandbox.store.StoreFixture.BUSINESS;
import static dev.ymchat.sandbox.store.StoreFixture.CAMPAIGN;
import static dev.ymchat.sandbox.store.StoreFixture.NOW_IN_MOSCOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ChatType;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.Sender;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkStoreTest {

  @Test
  void generatedChats_roundTripWithTheirOrdersReturnsAndMessages() {
    try (StoreFixture fixture = new StoreFixture()) {
      ContextType[] contexts = {ContextType.ORDER, ContextType.RETURN, ContextType.DIRECT};
      int chats = 450;
      long first =
          fixture
              .store
              .bulk()
              .insertChats(
                  BUSINESS,
                  CAMPAIGN,
                  chats,
                  2,
                  i ->
                      new BulkStore.GeneratedChat(
                          contexts[i % 3],
                          "buyer " + i,
                          "pub" + i,
                          i % 3 == 1 ? ChatType.ARBITRAGE : ChatType.CHAT,
                          i % 3 == 1
                              ? ChatStatus.WAITING_FOR_ARBITER
                              : ChatStatus.WAITING_FOR_CUSTOMER,
                          NOW_IN_MOSCOW.minusHours(chats - i),
                          NOW_IN_MOSCOW.minusHours(chats - i).plusMinutes(2),
                          List.of(
                              new BulkStore.GeneratedMessage(
                                  Sender.CUSTOMER, "q" + i, NOW_IN_MOSCOW.minusHours(chats - i)),
                              new BulkStore.GeneratedMessage(
                                  Sender.PARTNER,
                                  "a" + i,
                                  NOW_IN_MOSCOW.minusHours(chats - i).plusMinutes(1)))));

      List<ChatRow> rows = fixture.store.chats().chats(BUSINESS, ChatFilter.NONE, null, 1000);
      assertThat(rows).hasSize(chats);
      ChatRow ret = fixture.store.chats().chat(BUSINESS, first + 1).orElseThrow();
      assertThat(ret.contextType()).isEqualTo(ContextType.RETURN);
      assertThat(ret.orderId()).isNotNull();
      assertThat(ret.returnId()).isNotNull();
      assertThat(ret.type()).isEqualTo(ChatType.ARBITRAGE);
      assertThat(ret.buyerName()).isEqualTo("buyer 1");
      assertThat(ret.buyerPublicId()).isEqualTo("pub1");
      assertThat(ret.updatedAt()).isEqualTo(NOW_IN_MOSCOW.minusHours(chats - 1).plusMinutes(2));
      ChatRow direct = fixture.store.chats().chat(BUSINESS, first + 2).orElseThrow();
      assertThat(direct.orderId()).isNull();
      assertThat(direct.returnId()).isNull();
      assertThat(direct.campaignId()).isEqualTo(CAMPAIGN);
      assertThat(fixture.store.messages().messages(first + chats - 1, 0, 10))
          .extracting(MessageRow::sender, MessageRow::text)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Sender.CUSTOMER, "q" + (chats - 1)),
              org.assertj.core.groups.Tuple.tuple(Sender.PARTNER, "a" + (chats - 1)));
      // The generated orders already have their chats.
      assertThat(fixture.store.orders().ordersWithoutChat(BUSINESS, 10)).isEmpty();
    }
  }
}
