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
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageStoreTest {

  private final StoreFixture fixture = new StoreFixture();
  private final MessageStore messages = fixture.store.messages();
  private final long chatId =
      fixture.store.chats().createOrGetContextChat(BUSINESS, ContextType.ORDER, fixture.order("A"));

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void messages_roundTripWithFiles_inIdOrder() {
    long text = messages.addMessage(BUSINESS, chatId, Sender.CUSTOMER, "Где заказ?", null);
    byte[] bytes = "photo".getBytes(StandardCharsets.UTF_8);
    long file =
        messages.addMessage(
            BUSINESS, chatId, Sender.PARTNER, null, new NewFile("a.jpg", "image/jpeg", bytes));

    List<MessageRow> rows = messages.messages(chatId, 0, 10);
    assertThat(rows).extracting(MessageRow::id).containsExactly(text, file);
    MessageRow first = rows.get(0);
    assertThat(first.chatId()).isEqualTo(chatId);
    assertThat(first.sender()).isEqualTo(Sender.CUSTOMER);
    assertThat(first.text()).isEqualTo("Где заказ?");
    assertThat(first.createdAt()).isEqualTo(NOW_IN_MOSCOW);
    assertThat(first.files()).isEmpty();
    MessageRow second = rows.get(1);
    assertThat(second.text()).isNull();
    assertThat(second.files()).hasSize(1);
    FileRow stored = second.files().get(0);
    assertThat(stored.name()).isEqualTo("a.jpg");
    assertThat(stored.contentType()).isEqualTo("image/jpeg");
    assertThat(stored.size()).isEqualTo(bytes.length);
    assertThat(stored.downloadKey()).matches("[0-9a-f]{32}");
    FileContent content = fixture.store.files().file(stored.downloadKey()).orElseThrow();
    assertThat(content.bytes()).isEqualTo(bytes);
    assertThat(content.name()).isEqualTo("a.jpg");
    assertThat(fixture.store.files().file("0".repeat(32))).isEmpty();

    assertThat(messages.messages(chatId, file, 10))
        .extracting(MessageRow::id)
        .containsExactly(file);
    assertThat(messages.messages(chatId, 0, 1)).extracting(MessageRow::id).containsExactly(text);
    assertThat(messages.message(chatId, file)).contains(second);
    assertThat(messages.message(chatId + 1, file)).isEmpty();
  }

  @Test
  void aMessage_movesTheChatsStatusAndUpdatedAt() {
    messages.addMessage(BUSINESS, chatId, Sender.PARTNER, "Здравствуйте", null);
    assertThat(fixture.store.chats().chat(BUSINESS, chatId).orElseThrow().status())
        .isEqualTo(ChatStatus.WAITING_FOR_CUSTOMER);
    messages.addMessage(BUSINESS, chatId, Sender.MARKET, "Notice", null);
    assertThat(fixture.store.chats().chat(BUSINESS, chatId).orElseThrow().status())
        .isEqualTo(ChatStatus.WAITING_FOR_CUSTOMER);
  }

  @Test
  void finishedChat_refusesMessages_andNothingIsWrittenOrFired() {
    List<String> events = new ArrayList<>();
    fixture.store.setListener(
        new ChatEventListener() {
          @Override
          public void messageSent(
              long businessId, long chat, long messageId, Sender sender, OffsetDateTime at) {
            events.add(sender + " " + messageId);
          }
        });
    long id = messages.addMessage(BUSINESS, chatId, Sender.CUSTOMER, "one", null);
    fixture.store.chats().finishChat(BUSINESS, chatId);
    assertThatThrownBy(() -> messages.addMessage(BUSINESS, chatId, Sender.PARTNER, "two", null))
        .isInstanceOfSatisfying(
            SandboxException.class,
            e -> {
              assertThat(e.status()).isEqualTo(423);
              assertThat(e.code()).isEqualTo("CHAT_FINISHED");
            });
    assertThat(messages.messages(chatId, 0, 10)).extracting(MessageRow::id).containsExactly(id);
    assertThat(events).containsExactly("CUSTOMER " + id);
  }

  @Test
  void unknownChat_is404() {
    assertThatThrownBy(() -> messages.addMessage(BUSINESS, chatId + 99, Sender.PARTNER, "x", null))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage(
            "Chat "
                + (chatId + 99)
                + " not found in business "
                + BUSINESS
                + "; list the business's chats with getChats");
  }
}
