package dev.ymchat.sandbox.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.ChatRuleException.Violation;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChatRulesTest {

  private record Chat(long id, ContextType contextType, ChatType type, ChatStatus status)
      implements ChatRules.ChatState {}

  @ParameterizedTest(name = "{0} chat, {1}, {2} writes -> {3}")
  @CsvSource({
    "CHAT, NEW, PARTNER, WAITING_FOR_CUSTOMER",
    "CHAT, NEW, CUSTOMER, WAITING_FOR_PARTNER",
    "CHAT, NEW, SUPPORT, WAITING_FOR_PARTNER",
    "CHAT, NEW, MARKET, NEW",
    "CHAT, WAITING_FOR_CUSTOMER, CUSTOMER, WAITING_FOR_PARTNER",
    "CHAT, WAITING_FOR_PARTNER, PARTNER, WAITING_FOR_CUSTOMER",
    "CHAT, WAITING_FOR_CUSTOMER, MARKET, WAITING_FOR_CUSTOMER",
    "CHAT, WAITING_FOR_PARTNER, SUPPORT, WAITING_FOR_PARTNER",
    "ARBITRAGE, WAITING_FOR_ARBITER, PARTNER, WAITING_FOR_ARBITER",
    "ARBITRAGE, WAITING_FOR_ARBITER, CUSTOMER, WAITING_FOR_ARBITER",
    "ARBITRAGE, WAITING_FOR_ARBITER, SUPPORT, WAITING_FOR_PARTNER",
    "ARBITRAGE, WAITING_FOR_PARTNER, MARKET, WAITING_FOR_PARTNER",
    "ARBITRAGE, WAITING_FOR_PARTNER, PARTNER, WAITING_FOR_ARBITER",
  })
  void afterMessage_movesTheStatusBySender(
      ChatType type, ChatStatus current, Sender sender, ChatStatus expected) {
    assertThat(ChatRules.afterMessage(type, current, sender)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(value = ChatStatus.class, names = "FINISHED", mode = EnumSource.Mode.EXCLUDE)
  void openChat_takesMessages(ChatStatus status) {
    assertThatCode(
            () ->
                ChatRules.requireOpenForMessages(
                    new Chat(7, ContextType.ORDER, ChatType.CHAT, status)))
        .doesNotThrowAnyException();
  }

  @Test
  void finishedChat_refusesMessagesWithChatFinished() {
    assertThatThrownBy(
            () ->
                ChatRules.requireOpenForMessages(
                    new Chat(7, ContextType.ORDER, ChatType.CHAT, ChatStatus.FINISHED)))
        .isInstanceOfSatisfying(
            ChatRuleException.class,
            e -> assertThat(e.violation()).isEqualTo(Violation.CHAT_FINISHED))
        .hasMessage(
            "Chat 7 is finished and accepts no new messages; start a new chat for the order"
                + " instead");
  }

  @ParameterizedTest(name = "{0} {1}/{2}: open dispute -> {3}")
  @CsvSource({
    "ORDER, CHAT, NEW, ",
    "RETURN, CHAT, WAITING_FOR_PARTNER, ",
    "ORDER, CHAT, WAITING_FOR_CUSTOMER, ",
    "DIRECT, CHAT, NEW, NOT_ALLOWED",
    "DIRECT, CHAT, FINISHED, NOT_ALLOWED",
    "ORDER, CHAT, FINISHED, CHAT_FINISHED",
    "RETURN, ARBITRAGE, FINISHED, CHAT_FINISHED",
    "ORDER, ARBITRAGE, WAITING_FOR_ARBITER, DISPUTE_ALREADY_OPEN",
    "RETURN, ARBITRAGE, WAITING_FOR_PARTNER, DISPUTE_ALREADY_OPEN",
  })
  void openDispute_allowedOnlyInAnOpenOrderOrReturnChat(
      ContextType context, ChatType type, ChatStatus status, Violation expected) {
    Chat chat = new Chat(9, context, type, status);
    assertThat(violation(() -> ChatRules.requireDisputeCanOpen(chat))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}/{1}: finish dispute -> {2}")
  @CsvSource({
    "ARBITRAGE, WAITING_FOR_ARBITER, ",
    "ARBITRAGE, WAITING_FOR_PARTNER, ",
    "ARBITRAGE, FINISHED, NO_OPEN_DISPUTE",
    "CHAT, NEW, NO_OPEN_DISPUTE",
    "CHAT, WAITING_FOR_ARBITER, NO_OPEN_DISPUTE",
    "CHAT, FINISHED, NO_OPEN_DISPUTE",
  })
  void finishDispute_needsAnOpenDispute(ChatType type, ChatStatus status, Violation expected) {
    Chat chat = new Chat(9, ContextType.RETURN, type, status);
    assertThat(violation(() -> ChatRules.requireOpenDispute(chat))).isEqualTo(expected);
  }

  @Test
  void disputeMessages_nameTheChat() {
    assertThatThrownBy(
            () ->
                ChatRules.requireDisputeCanOpen(
                    new Chat(12, ContextType.DIRECT, ChatType.CHAT, ChatStatus.NEW)))
        .hasMessage("Chat 12 is a DIRECT chat; disputes exist only for ORDER and RETURN chats");
    assertThatThrownBy(
            () ->
                ChatRules.requireOpenDispute(
                    new Chat(12, ContextType.ORDER, ChatType.CHAT, ChatStatus.NEW)))
        .hasMessage("Chat 12 has no open dispute; open one first");
  }

  @Test
  void sellerContext_refusesDirect() {
    assertThat(violation(() -> ChatRules.requireSellerContext(ContextType.DIRECT)))
        .isEqualTo(Violation.NOT_ALLOWED);
    assertThat(violation(() -> ChatRules.requireSellerContext(ContextType.ORDER))).isNull();
    assertThat(violation(() -> ChatRules.requireSellerContext(ContextType.RETURN))).isNull();
  }

  @Test
  void chatNotFound_namesChatAndBusiness() {
    ChatRuleException e = ChatRules.chatNotFound(5000, 42);
    assertThat(e.violation()).isEqualTo(Violation.NOT_FOUND);
    assertThat(e)
        .hasMessage("Chat 42 not found in business 5000; list the business's chats with getChats");
  }

  @Test
  void wireNames_mapNamesToConstantsAndKeepNullAsNoFilter() {
    assertThat(WireNames.setOf(ChatStatus.class, Set.of("NEW", "FINISHED")))
        .isEqualTo(EnumSet.of(ChatStatus.NEW, ChatStatus.FINISHED));
    assertThat(WireNames.setOf(ChatStatus.class, null)).isNull();
    assertThatThrownBy(() -> WireNames.setOf(ChatType.class, Set.of("DISPUTE")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Violation violation(Runnable rule) {
    try {
      rule.run();
      return null;
    } catch (ChatRuleException e) {
      return e.violation();
    }
  }
}
