package dev.ymchat.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.internal.wire.ChatHistory;
import dev.ymchat.client.internal.wire.ChatsResult;
import dev.ymchat.client.internal.wire.GetChatsRequest;
import dev.ymchat.client.internal.wire.SendMessageRequest;
import dev.ymchat.client.model.ModelJson;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON cost of the client: decoding a full getChatHistory page (100 messages) and getChats page (20
 * chats) into the model records, and writing the request bodies. The {@code *_clientPath}
 * benchmarks are what the client runs per answer; the {@code *_previousClientPath} ones are the
 * decoding it replaced, and {@code readHistoryPageTokens_only} the cost of reading the JSON at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonBenchmarks {

  private ObjectMapper mapper;
  private byte[] historyBody;
  private byte[] chatsBody;
  private ClientDecode current;
  private ClientDecode previous;
  private GetChatsRequest chatsFilter;
  private SendMessageRequest sendMessage;

  /** Builds the fixtures and the decoders. */
  @Setup
  public void setUp() {
    mapper = ModelJson.newMapper();
    current = ClientDecode.current();
    previous = ClientDecode.previous();
    historyBody = Fixtures.historyResponse();
    chatsBody = Fixtures.chatsResponse();
    chatsFilter = Fixtures.chatsFilter();
    sendMessage = Fixtures.sendMessage();
  }

  /**
   * Decodes a 100-message history page as the client does.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatHistory parseHistoryPage_clientPath() throws IOException {
    return current.decode(historyBody, ChatHistory.class);
  }

  /**
   * Decodes a 20-chat page as the client does.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatsResult parseChatsPage_clientPath() throws IOException {
    return current.decode(chatsBody, ChatsResult.class);
  }

  /**
   * Decodes a 100-message history page as the client did before 2026-11-26 (tree, then binding, JDK
   * date parsing), for comparison.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatHistory parseHistoryPage_previousClientPath() throws IOException {
    return previous.decode(historyBody, ChatHistory.class);
  }

  /**
   * Decodes a 20-chat page as the client did before 2026-11-26, for comparison.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatsResult parseChatsPage_previousClientPath() throws IOException {
    return previous.decode(chatsBody, ChatsResult.class);
  }

  /**
   * The least any Jackson-based decoding of the history page costs: every token read and every name
   * and string turned into a {@code String}, nothing bound.
   *
   * @return a checksum of the tokens
   * @throws IOException never with the fixture
   */
  @Benchmark
  public int readHistoryPageTokens_only() throws IOException {
    int sum = 0;
    try (JsonParser parser = mapper.getFactory().createParser(historyBody)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        sum +=
            token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME
                ? parser.getText().length()
                : 1;
      }
    }
    return sum;
  }

  /**
   * Writes a getChats body with every filter set, as the client does.
   *
   * @return the bytes
   * @throws IOException never
   */
  @Benchmark
  public byte[] writeGetChatsRequest() throws IOException {
    return mapper.writeValueAsBytes(chatsFilter);
  }

  /**
   * Writes a sendMessageToChat body of a few hundred Cyrillic characters, as the client does.
   *
   * @return the bytes
   * @throws IOException never
   */
  @Benchmark
  public byte[] writeSendMessageRequest() throws IOException {
    return mapper.writeValueAsBytes(sendMessage);
  }
}
