package dev.ymchat.sandbox.store;

import static dev.ymchat.sandbox.store.StoreFixture.BUSINESS;
import static dev.ymchat.sandbox.store.StoreFixture.NOW_IN_MOSCOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.ChatEventListener;
import dev.ymchat.sandbox.domain.ChatStatus;
import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import dev.ymchat.sandbox.domain.Sender;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void aFailedWrite_isRolledBack_andItsEventsNeverFire() {
    try (Database db = Database.openInMemory(Clock.fixed(StoreFixture.NOW, ZoneOffset.UTC))) {
      List<Long> created = new ArrayList<>();
      db.setListener(
          new ChatEventListener() {
            @Override
            public void chatCreated(long businessId, long chatId, OffsetDateTime at) {
              created.add(chatId);
            }
          });
      assertThatThrownBy(
              () ->
                  db.write(
                      tx -> {
                        long first = tx.allocate(IdCounter.CHAT, 1);
                        tx.afterCommit(l -> l.chatCreated(1, first, db.now()));
                        throw SandboxException.badRequest("stop");
                      }))
          .hasMessage("stop");
      long next = db.write(tx -> tx.allocate(IdCounter.CHAT, 1));
      assertThat(next).isEqualTo(10000);
      assertThat(created).isEmpty();
      db.write(
          tx -> {
            tx.afterCommit(l -> l.chatCreated(1, 5, db.now()));
            return null;
          });
      assertThat(created).containsExactly(5L);
    }
  }

  @Test
  void idCounters_handOutBlocksInOrder() {
    try (Database db = Database.openInMemory(Clock.systemUTC())) {
      long block = db.write(tx -> tx.allocate(IdCounter.MESSAGE, 5));
      long next = db.write(tx -> tx.allocate(IdCounter.MESSAGE, 1));
      long business = db.write(tx -> tx.allocate(IdCounter.BUSINESS, 1));
      assertThat(block).isEqualTo(100000);
      assertThat(next).isEqualTo(100005);
      assertThat(business).isEqualTo(5000);
    }
  }

  @Test
  void now_isWholeSecondsInMoscowTime() {
    try (Database db =
        Database.openInMemory(
            Clock.fixed(StoreFixture.NOW.plusMillis(750), ZoneOffset.ofHours(-5)))) {
      assertThat(db.now()).isEqualTo(NOW_IN_MOSCOW);
      assertThat(db.now().getOffset()).isEqualTo(ZoneOffset.ofHours(3));
    }
  }

  @Test
  void afterClose_readsAndWritesAre503() {
    Database db = Database.openInMemory(Clock.systemUTC());
    db.close();
    db.close();
    assertThatThrownBy(() -> db.read(h -> 1))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("shutting down");
    assertThatThrownBy(() -> db.write(tx -> 1))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void snapshot_readsBusinessesChatsAndMessagesInAscendingOrder() {
    try (StoreFixture fixture = new StoreFixture()) {
      SandboxStore store = fixture.store;
      long other = store.accounts().createBusiness(null, "Other");
      long chat1 =
          store.chats().createOrGetContextChat(BUSINESS, ContextType.ORDER, fixture.order("A"));
      long chat2 = store.chats().openDirectChat(BUSINESS, "B", "first");
      long reply = store.messages().addMessage(BUSINESS, chat2, Sender.PARTNER, "reply", null);
      List<String> seen =
          store.snapshot(
              reader -> {
                List<String> lines = new ArrayList<>();
                for (long business : reader.businessIds()) {
                  for (ChatRow chat : reader.chatsAfter(business, 0, 10)) {
                    lines.add(business + ":" + chat.id() + ":" + chat.status());
                    reader.messagesFrom(chat.id(), 1, 10).forEach(m -> lines.add("  " + m.text()));
                  }
                  lines.add(business + " done");
                }
                assertThat(reader.chatsAfter(BUSINESS, chat1, 10)).hasSize(1);
                assertThat(reader.messagesFrom(chat2, reply, 10)).hasSize(1);
                return lines;
              });
      assertThat(seen)
          .containsExactly(
              other + " done",
              BUSINESS + ":" + chat1 + ":" + ChatStatus.NEW,
              BUSINESS + ":" + chat2 + ":" + ChatStatus.WAITING_FOR_CUSTOMER,
              "  first",
              "  reply",
              BUSINESS + " done");
    }
  }
}
