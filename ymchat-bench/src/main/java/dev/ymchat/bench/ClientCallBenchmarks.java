package dev.ymchat.bench;

import dev.ymchat.client.ChatsClient;
import dev.ymchat.client.ChatsPage;
import dev.ymchat.client.ChatsQuery;
import dev.ymchat.client.HistoryPage;
import dev.ymchat.client.HistoryQuery;
import dev.ymchat.client.RetryPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The client's own work per call, without a network: the real {@link ChatsClient} (retries on,
 * limiter off, no logging backend) over a {@link CannedHttpClient} that answers at once. This is
 * what the client adds on top of the HTTP exchange: URI and request building, the decorator chain,
 * rate-limit header parsing and decoding the answer into the model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientCallBenchmarks {

  private ChatsClient client;
  private ChatsQuery chatsQuery;
  private HistoryQuery historyQuery;

  /** Builds the client over the canned transport. */
  @Setup
  public void setUp() {
    byte[] history = Fixtures.historyResponse();
    byte[] chats = Fixtures.chatsResponse();
    CannedHttpClient http =
        new CannedHttpClient(
            uri -> uri.getRawPath().endsWith("/chats/history") ? history : chats,
            Fixtures.responseHeaders());
    client =
        ChatsClient.builder()
            .apiKey("bench-api-key-not-a-secret")
            .baseUrl("http://127.0.0.1:9")
            .retryPolicy(RetryPolicy.defaults())
            .httpClient(http)
            .build();
    chatsQuery = ChatsQuery.builder().limit(Fixtures.CHATS_PAGE_SIZE).build();
    historyQuery = HistoryQuery.builder().limit(Fixtures.HISTORY_PAGE_SIZE).build();
  }

  /** Closes the client. */
  @TearDown
  public void tearDown() {
    client.close();
  }

  /**
   * One getChats call of 20 chats.
   *
   * @return the page
   */
  @Benchmark
  public ChatsPage getChats_inProcess() {
    return client.chats(Fixtures.BUSINESS_ID, chatsQuery);
  }

  /**
   * One getChatHistory call of 100 messages.
   *
   * @return the page
   */
  @Benchmark
  public HistoryPage getChatHistory_inProcess() {
    return client.history(Fixtures.BUSINESS_ID, Fixtures.CHAT_ID, historyQuery);
  }
}
