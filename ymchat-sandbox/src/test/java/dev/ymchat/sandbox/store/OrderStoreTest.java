package dev.ymchat.sandbox.store;

import static dev.ymchat.sandbox.store.StoreFixture.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.sandbox.domain.ContextType;
import dev.ymchat.sandbox.domain.SandboxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderStoreTest {

  private final StoreFixture fixture = new StoreFixture();
  private final OrderStore orders = fixture.store.orders();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void ordersWithoutChat_listsOrdersUntilTheirChatExists() {
    long first = fixture.order("Анна");
    long second = fixture.order(null);
    assertThat(second).isGreaterThan(first);
    assertThat(orders.ordersWithoutChat(BUSINESS, 10)).containsExactly(first, second);
    assertThat(orders.ordersWithoutChat(BUSINESS, 1)).containsExactly(first);

    fixture.store.chats().createOrGetContextChat(BUSINESS, ContextType.ORDER, first);
    assertThat(orders.ordersWithoutChat(BUSINESS, 10)).containsExactly(second);
  }

  @Test
  void orderInAnotherBusinessesCampaign_is404() {
    long other = fixture.store.accounts().createBusiness(null, "Other");
    assertThatThrownBy(() -> orders.createOrder(other, StoreFixture.CAMPAIGN, "Иван"))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("does not exist in business " + other);
  }

  @Test
  void returns_belongToTheOrdersBusiness() {
    long order = fixture.order("Мария");
    long first = orders.createReturn(BUSINESS, order);
    assertThat(orders.createReturn(BUSINESS, order)).isEqualTo(first + 1);
    assertThatThrownBy(() -> orders.createReturn(BUSINESS + 1, order))
        .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage("Order " + order + " not found in business " + (BUSINESS + 1));
  }
}
