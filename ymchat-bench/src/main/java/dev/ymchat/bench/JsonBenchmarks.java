package dev.ymchat.bench;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ymchat.client.model.ApiResponse;
import dev.ymchat.client.model.ApiResponseStatus;
import dev.ymchat.client.model.ChatHistory;
import dev.ymchat.client.model.ChatsResult;
import dev.ymchat.client.model.GetChatsRequest;
import dev.ymchat.client.model.ModelJson;
import dev.ymchat.client.model.SendMessageRequest;
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
 * benchmarks are what the client runs per answer; the {@code *_directBinding} ones bind the
 * envelope in one pass without the intermediate tree, to show what that change would save.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonBenchmarks {

  private ObjectMapper mapper;
  private byte[] historyBody;
  private byte[] chatsBody;
  private JavaType historyEnvelope;
  private JavaType chatsEnvelope;
  private GetChatsRequest chatsFilter;
  private SendMessageRequest sendMessage;

  /** Builds the fixtures and a mapper configured as the client's. */
  @Setup
  public void setUp() {
    mapper = ModelJson.newMapper();
    historyBody = Fixtures.historyResponse();
    chatsBody = Fixtures.chatsResponse();
    historyEnvelope =
        mapper.getTypeFactory().constructParametricType(ApiResponse.class, ChatHistory.class);
    chatsEnvelope =
        mapper.getTypeFactory().constructParametricType(ApiResponse.class, ChatsResult.class);
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
    return ClientDecode.decode(mapper, historyBody, ChatHistory.class);
  }

  /**
   * Decodes a 20-chat page as the client does.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatsResult parseChatsPage_clientPath() throws IOException {
    return ClientDecode.decode(mapper, chatsBody, ChatsResult.class);
  }

  /**
   * Decodes a 100-message history page in one binding pass, for comparison.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatHistory parseHistoryPage_directBinding() throws IOException {
    ApiResponse<ChatHistory> envelope = mapper.readValue(historyBody, historyEnvelope);
    return checked(envelope);
  }

  /**
   * Decodes a 20-chat page in one binding pass, for comparison.
   *
   * @return the page
   * @throws IOException never with the fixture
   */
  @Benchmark
  public ChatsResult parseChatsPage_directBinding() throws IOException {
    ApiResponse<ChatsResult> envelope = mapper.readValue(chatsBody, chatsEnvelope);
    return checked(envelope);
  }

  /**
   * Only the first step of the client path: the 100-message page read into a {@code JsonNode} tree;
   * the rest of {@code parseHistoryPage_clientPath} is binding the tree to the records.
   *
   * @return the tree
   * @throws IOException never with the fixture
   */
  @Benchmark
  public JsonNode readHistoryPageTree_only() throws IOException {
    return mapper.readTree(historyBody);
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

  private static <T> T checked(ApiResponse<T> envelope) throws IOException {
    if (!ApiResponseStatus.OK.equals(envelope.status()) || envelope.result() == null) {
      throw new IOException("not an OK answer: " + envelope.status());
    }
    return envelope.result();
  }
}
