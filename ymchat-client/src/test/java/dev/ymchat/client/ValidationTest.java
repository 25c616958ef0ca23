package dev.ymchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

  private final Stub stub = new Stub();
  private final ChatsClient client = stub.client().build();
  private int validRequests;

  @AfterEach
  void nothingInvalidWasSent() {
    client.close();
    assertThat(stub.requestCount()).isEqualTo(validRequests);
    stub.close();
  }

  @Test
  void businessIdBelowOne_isRejectedNamingParameterValueAndRange() {
    assertThatThrownBy(() -> client.chats(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("businessId must be at least 1 (an id of the API), got 0");
  }

  @Test
  void everyIdOfEveryOperation_isChecked() {
    assertThatThrownBy(() -> client.chat(1, -5))
        .hasMessageContaining("chatId")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> client.message(1, 2, 0)).hasMessageContaining("messageId");
    assertThatThrownBy(() -> client.history(1, 0)).hasMessageContaining("chatId");
    assertThatThrownBy(() -> client.createChat(1, ChatContext.order(0)))
        .hasMessageContaining("context.id");
    assertThatThrownBy(() -> client.createChatForOrder(1, 0)).hasMessageContaining("orderId");
    assertThatThrownBy(() -> client.sendMessageAsync(0, 1, "x")).hasMessageContaining("businessId");
    assertThatThrownBy(() -> HistoryQuery.builder().messageIdFrom(0))
        .hasMessageContaining("messageIdFrom");
  }

  @Test
  void aContextThatNamesNoOrderOrReturn_isRejectedWithWhatToDoInstead() {
    ChatContext direct = new ChatContext(ChatContextType.DIRECT, 5);
    assertThatThrownBy(() -> client.createChat(1, direct))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context.type must be ORDER or RETURN (a context names an order or a return), got"
                + " DIRECT; to find chats that buyers started, filter by contextTypes(DIRECT)");
    assertThatThrownBy(() -> ChatsQuery.builder().contexts(ChatContext.order(1), direct))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contexts[].type must be ORDER or RETURN");
    assertThatThrownBy(
            () -> ChatsQuery.builder().contexts(new ChatContext(ChatContextType.of("SHOP"), 1)))
        .hasMessageContaining("got SHOP");
    assertThatThrownBy(() -> ChatsQuery.builder().contexts(ChatContext.ofReturn(0)))
        .hasMessageContaining("contexts[].id");
  }

  @Test
  void emptyMessage_isRejected() {
    assertThatThrownBy(() -> client.sendMessage(1, 2, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message must be 1 to 4096 characters (Unicode code points), got 0");
    assertThatThrownBy(() -> client.sendMessage(1, 2, null)).hasMessageContaining("got null");
  }

  @Test
  void messageLength_isCountedInCodePoints() {
    String tooLong = "я".repeat(4097);
    assertThatThrownBy(() -> client.sendMessage(1, 2, tooLong))
        .hasMessageContaining("1 to 4096")
        .hasMessageContaining("got 4097");
    // 4096 emoji are 8192 UTF-16 units but 4096 characters: accepted by validation
    String emoji = "👋".repeat(4096);
    stub.ok(null);
    client.sendMessage(1, 2, emoji);
    validRequests = 1;
    assertThat(stub.take().getMethod()).isEqualTo("POST");
    assertThatThrownBy(() -> client.sendMessage(1, 2, emoji + "!"))
        .hasMessageContaining("got 4097");
  }

  @Test
  void limits_areCheckedPerOperation() {
    assertThatThrownBy(() -> ChatsQuery.builder().limit(21))
        .hasMessage("limit must be between 1 and 20, got 21");
    assertThatThrownBy(() -> ChatsQuery.builder().limit(0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> HistoryQuery.builder().limit(101))
        .hasMessage("limit must be between 1 and 100, got 101");
    assertThat(HistoryQuery.builder().limit(100).build().limit()).hasValue(100);
  }

  @Test
  void presentFilters_mustNotBeEmpty() {
    assertThatThrownBy(() -> ChatsQuery.builder().statuses())
        .hasMessageContaining("statuses must hold at least one value");
    assertThatThrownBy(() -> ChatsQuery.builder().orderIds())
        .hasMessageContaining("orderIds must hold at least one id");
    assertThatThrownBy(() -> ChatsQuery.builder().contexts()).hasMessageContaining("contexts");
    assertThatThrownBy(() -> ChatsQuery.builder().statuses(ChatStatus.NEW, null))
        .hasMessageContaining("null");
    assertThatThrownBy(() -> ChatsQuery.builder().pageToken(" ")).hasMessageContaining("pageToken");
  }

  @Test
  void emptyFile_isRejected() {
    assertThatThrownBy(() -> client.sendFile(1, 2, FileUpload.of("a.pdf", new byte[0])))
        .hasMessageContaining("file size must be 1 to 5242880 bytes (5 MB), got 0");
  }

  @Test
  void fileOverFiveMegabytes_isRejected_fromBytesStreamAndPath(@TempDir Path dir) throws Exception {
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    assertThatThrownBy(() -> client.sendFile(1, 2, FileUpload.of("big.bin", big)))
        .hasMessageContaining("got 5242881");
    assertThatThrownBy(
            () -> client.sendFile(1, 2, FileUpload.of("big.bin", new ByteArrayInputStream(big))))
        .hasMessageContaining("got more than 5242880");
    Path file = dir.resolve("big.bin");
    Files.write(file, big);
    assertThatThrownBy(() -> client.sendFile(1, 2, FileUpload.of(file)))
        .hasMessageContaining("got 5242881");
    assertThatThrownBy(() -> client.sendFile(1, 2, FileUpload.of(dir.resolve("missing.pdf"))))
        .hasMessageContaining("missing.pdf");
  }

  @Test
  void exactlyFiveMegabytes_isAccepted() {
    stub.ok(null);
    client.sendFile(1, 2, FileUpload.of("max.bin", new byte[5 * 1024 * 1024]));
    validRequests = 1;
    assertThat(stub.take().getBodySize()).isGreaterThan(5L * 1024 * 1024);
  }
}
