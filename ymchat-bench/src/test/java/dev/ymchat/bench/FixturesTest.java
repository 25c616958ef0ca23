package dev.ymchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.ModelJson;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FixturesTest {

  private final ObjectMapper mapper = ModelJson.newMapper();
  private final ClientDecode decoder = ClientDecode.current();

  @Test
  void historyPage_decodesThroughTheClientPathIntoHundredRealisticMessages() throws Exception {
    ChatHistory history = decoder.decode(Fixtures.historyResponse(), ChatHistory.class);

    assertThat(history.messages()).hasSize(Fixtures.HISTORY_PAGE_SIZE);
    assertThat(history.context().type()).isEqualTo(ChatContextType.ORDER);
    assertThat(history.paging().nextPageToken()).isNotBlank();
    assertThat(history.messages())
        .allSatisfy(
            m -> {
              assertThat(m.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHours(3));
              assertThat(m.sender().isKnown()).isTrue();
              assertThat(m.message() != null || !m.payload().isEmpty()).isTrue();
            });
    assertThat(history.messages()).filteredOn(m -> !m.payload().isEmpty()).hasSizeBetween(10, 35);
    assertThat(history.messages()).filteredOn(m -> m.message() == null).isNotEmpty();
    assertThat(
            history.messages().stream()
                .map(ChatMessage::message)
                .filter(t -> t != null)
                .collect(Collectors.joining()))
        .containsPattern("[А-Яа-яЁё]{5,}");
    IntSummary lengths = IntSummary.of(history);
    assertThat(lengths.min).isLessThan(20);
    assertThat(lengths.max).isGreaterThan(200);
  }

  @Test
  void chatsPage_decodesThroughTheClientPathIntoTwentyChatsOfEveryContextType() throws Exception {
    ChatsResult chats = decoder.decode(Fixtures.chatsResponse(), ChatsResult.class);

    assertThat(chats.chats()).hasSize(Fixtures.CHATS_PAGE_SIZE);
    assertThat(chats.chats())
        .extracting(c -> c.context().type())
        .contains(ChatContextType.ORDER, ChatContextType.RETURN, ChatContextType.DIRECT);
    assertThat(chats.chats())
        .allSatisfy(
            c -> {
              assertThat(c.status().isKnown()).isTrue();
              assertThat(c.updatedAt()).isAfter(c.createdAt());
              assertThat(c.createdAt().getOffset()).isEqualTo(ZoneOffset.ofHours(3));
            });
  }

  @Test
  void previousDecoding_givesTheSameRecords() throws Exception {
    ClientDecode previous = ClientDecode.previous();
    assertThat(previous.decode(Fixtures.historyResponse(), ChatHistory.class))
        .isEqualTo(decoder.decode(Fixtures.historyResponse(), ChatHistory.class));
    assertThat(previous.decode(Fixtures.chatsResponse(), ChatsResult.class))
        .isEqualTo(decoder.decode(Fixtures.chatsResponse(), ChatsResult.class));
  }

  @Test
  void fixtures_areTheSameBytesOnEveryBuild() {
    assertThat(Fixtures.historyResponse()).isEqualTo(Fixtures.historyResponse());
    assertThat(new String(Fixtures.chatsResponse(), StandardCharsets.UTF_8))
        .startsWith("{\"status\":\"OK\",\"result\":{\"chats\":[");
  }

  @Test
  void requestBodies_carryEveryFilterAndCyrillicText() throws Exception {
    String filter = mapper.writeValueAsString(Fixtures.chatsFilter());
    String send =
        new String(mapper.writeValueAsBytes(Fixtures.sendMessage()), StandardCharsets.UTF_8);

    assertThat(filter)
        .contains(
            "\"contexts\":[{\"type\":\"ORDER\",\"id\":51234567}",
            "\"contextTypes\":[\"ORDER\",\"RETURN\",\"DIRECT\"]",
            "\"types\":[\"CHAT\",\"ARBITRAGE\"]",
            "\"statuses\":[\"NEW\",\"WAITING_FOR_PARTNER\",\"WAITING_FOR_ARBITER\"]");
    assertThat(send).startsWith("{\"message\":\"Добрый день").hasSizeGreaterThan(200);
  }

  private static final class IntSummary {
    int min = Integer.MAX_VALUE;
    int max;

    static IntSummary of(ChatHistory history) {
      IntSummary s = new IntSummary();
      for (ChatMessage m : history.messages()) {
        if (m.message() != null) {
          s.min = Math.min(s.min, m.message().length());
          s.max = Math.max(s.max, m.message().length());
        }
      }
      return s;
    }
  }
}
