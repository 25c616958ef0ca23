package dev.ymchat.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ymchat.client.internal.wire.GetChatsRequest;
import dev.ymchat.client.internal.wire.SendMessageRequest;
import dev.ymchat.client.model.ChatContext;
import dev.ymchat.client.model.ChatContextType;
import dev.ymchat.client.model.ChatStatus;
import dev.ymchat.client.model.ChatType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic, deterministic API answers and requests for the benchmarks: Cyrillic texts of varied
 * length, files on some messages, Moscow-time dates ({@code +03:00}), written in the API's envelope
 * {@code {"status":"OK","result":…}} exactly as the current OpenAPI description shapes them.
 */
public final class Fixtures {

  /** Messages on one history page: the API's maximum {@code limit}. */
  public static final int HISTORY_PAGE_SIZE = 100;

  /** Chats on one getChats page: the API's maximum {@code limit}. */
  public static final int CHATS_PAGE_SIZE = 20;

  /** The business the benchmarks call. */
  public static final long BUSINESS_ID = 10_001L;

  /** The chat whose history the benchmarks read. */
  public static final long CHAT_ID = 77_000_123L;

  private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);
  private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, MOSCOW);

  private static final String[] SENTENCES = {
    "Здравствуйте!",
    "Подскажите, пожалуйста, когда будет доставлен заказ?",
    "Курьер не приехал в назначенное время, я ждала до вечера.",
    "Добрый день, спасибо за обращение.",
    "Ваш заказ передан в службу доставки, трек-номер придёт в уведомлении.",
    "Можно ли заменить цвет на тёмно-синий?",
    "К сожалению, этой модели больше нет на складе, предлагаем аналог со скидкой 10%.",
    "Коробка пришла помятая, а у чайника трещина на крышке — фото прикладываю.",
    "Мы оформим возврат, деньги вернутся на карту в течение 3–5 рабочих дней.",
    "Размер XL маломерит, нужен 52-й.",
    "Спасибо, всё получила, претензий нет 🙂",
    "Уточните, пожалуйста, номер заказа и адрес пункта выдачи.",
    "Продавец не отвечает уже двое суток, прошу Маркет вмешаться.",
    "Служба поддержки Маркета: мы проверили информацию и передали её продавцу.",
    "Гарантия на товар — 12 месяцев, чек и гарантийный талон лежат в коробке.",
    "Ок.",
  };

  private static final String[] FILE_NAMES = {
    "фото_упаковки.jpg", "чек.pdf", "IMG_20261120_101533.heic", "акт_возврата.pdf", "скриншот.png",
  };

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final JsonFactory JSON = new JsonFactory();

  private Fixtures() {}

  /**
   * Builds a getChatHistory answer with {@link #HISTORY_PAGE_SIZE} messages and a next-page token.
   *
   * @return the UTF-8 JSON bytes of the whole envelope
   */
  public static byte[] historyResponse() {
    return historyResponse(HISTORY_PAGE_SIZE, 42L);
  }

  /**
   * Builds a getChatHistory answer.
   *
   * @param messages how many messages
   * @param seed the seed of the texts, senders and files
   * @return the UTF-8 JSON bytes of the whole envelope
   */
  public static byte[] historyResponse(int messages, long seed) {
    Random random = new Random(seed);
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "OK");
          g.writeObjectFieldStart("result");
          g.writeNumberField("orderId", 51_234_567L);
          g.writeObjectFieldStart("context");
          g.writeStringField("type", "ORDER");
          g.writeObjectFieldStart("customer");
          g.writeStringField("name", "Анна Сергеевна К.");
          g.writeStringField("publicId", "a7f3c2e1-buyer");
          g.writeEndObject();
          g.writeNumberField("campaignId", 21_000_345L);
          g.writeNumberField("orderId", 51_234_567L);
          g.writeEndObject();
          g.writeArrayFieldStart("messages");
          OffsetDateTime at = START;
          for (int i = 0; i < messages; i++) {
            at = at.plusSeconds(30 + random.nextInt(3_600));
            g.writeStartObject();
            g.writeNumberField("messageId", 900_000_000L + i);
            g.writeStringField("createdAt", ISO.format(at));
            g.writeStringField("sender", sender(random));
            boolean hasFile = random.nextInt(5) == 0;
            boolean textless = hasFile && random.nextBoolean();
            if (!textless) {
              g.writeStringField("message", text(random));
            }
            if (hasFile) {
              g.writeArrayFieldStart("payload");
              int files = 1 + random.nextInt(2);
              for (int f = 0; f < files; f++) {
                String name = FILE_NAMES[random.nextInt(FILE_NAMES.length)];
                g.writeStartObject();
                g.writeStringField("name", name);
                g.writeStringField(
                    "url",
                    "https://market-chats.s3.yandex.net/files/"
                        + (i * 7 + f)
                        + "/"
                        + Integer.toHexString(random.nextInt())
                        + ".bin");
                g.writeNumberField("size", 20_000 + random.nextInt(4_000_000));
                g.writeEndObject();
              }
              g.writeEndArray();
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeObjectFieldStart("paging");
          g.writeStringField("nextPageToken", "eyJvcCI6Imhpc3RvcnkiLCJtc2ciOjkwMDAwMDA5OX0");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * Builds a getChats answer with {@link #CHATS_PAGE_SIZE} chats and a next-page token.
   *
   * @return the UTF-8 JSON bytes of the whole envelope
   */
  public static byte[] chatsResponse() {
    return chatsResponse(CHATS_PAGE_SIZE, 7L);
  }

  /**
   * Builds a getChats answer.
   *
   * @param chats how many chats
   * @param seed the seed of the contexts and statuses
   * @return the UTF-8 JSON bytes of the whole envelope
   */
  public static byte[] chatsResponse(int chats, long seed) {
    Random random = new Random(seed);
    String[] statuses = {
      "NEW",
      "WAITING_FOR_CUSTOMER",
      "WAITING_FOR_PARTNER",
      "WAITING_FOR_ARBITER",
      "WAITING_FOR_MARKET",
      "FINISHED"
    };
    String[] names = {"Иван П.", "Мария Ковалёва", "Алексей", "Ольга Дмитриевна С.", "Тимур Х."};
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("status", "OK");
          g.writeObjectFieldStart("result");
          g.writeArrayFieldStart("chats");
          for (int i = 0; i < chats; i++) {
            OffsetDateTime created =
                START.minusDays(random.nextInt(60)).plusMinutes(random.nextInt(1_440));
            OffsetDateTime updated = created.plusMinutes(5 + random.nextInt(20_000));
            int kind = random.nextInt(10);
            String contextType = kind < 6 ? "ORDER" : kind < 8 ? "RETURN" : "DIRECT";
            long orderId = 51_000_000L + random.nextInt(900_000);
            g.writeStartObject();
            g.writeNumberField("chatId", 77_000_000L + i);
            if (!"DIRECT".equals(contextType)) {
              g.writeNumberField("orderId", orderId);
            }
            g.writeObjectFieldStart("context");
            g.writeStringField("type", contextType);
            g.writeObjectFieldStart("customer");
            g.writeStringField("name", names[random.nextInt(names.length)]);
            g.writeStringField("publicId", "buyer-" + Integer.toHexString(random.nextInt()));
            g.writeEndObject();
            g.writeNumberField("campaignId", 21_000_345L);
            if (!"DIRECT".equals(contextType)) {
              g.writeNumberField("orderId", orderId);
            }
            if ("RETURN".equals(contextType)) {
              g.writeNumberField("returnId", 3_000_000L + random.nextInt(100_000));
            }
            g.writeEndObject();
            g.writeStringField("type", random.nextInt(8) == 0 ? "ARBITRAGE" : "CHAT");
            g.writeStringField("status", statuses[random.nextInt(statuses.length)]);
            g.writeStringField("createdAt", ISO.format(created));
            g.writeStringField("updatedAt", ISO.format(updated));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeObjectFieldStart("paging");
          g.writeStringField("nextPageToken", "eyJvcCI6ImNoYXRzIiwib2Zmc2V0IjoyMH0");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * A getChats request with every current filter set, as a seller's "what needs an answer" query.
   *
   * @return the request body model
   */
  public static GetChatsRequest chatsFilter() {
    return new GetChatsRequest(
        null,
        List.of(
            ChatContext.order(51_234_567L),
            ChatContext.order(51_234_568L),
            ChatContext.ofReturn(3_000_101L)),
        List.of(ChatContextType.ORDER, ChatContextType.RETURN, ChatContextType.DIRECT),
        List.of(ChatType.CHAT, ChatType.ARBITRAGE),
        List.of(ChatStatus.NEW, ChatStatus.WAITING_FOR_PARTNER, ChatStatus.WAITING_FOR_ARBITER));
  }

  /**
   * A typical seller answer of a few hundred Cyrillic characters.
   *
   * @return the request body model
   */
  public static SendMessageRequest sendMessage() {
    return new SendMessageRequest(
        SENTENCES[3]
            + " "
            + SENTENCES[4]
            + " "
            + SENTENCES[6]
            + " "
            + SENTENCES[8]
            + " "
            + SENTENCES[14]);
  }

  /**
   * The headers of a 200 answer besides the framing ones: content type and the three rate-limit
   * headers the API sends on every answer.
   *
   * @return header name to values, in the order the server writes them
   */
  public static Map<String, List<String>> responseHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json;charset=UTF-8"));
    headers.put("X-RateLimit-Resource-Limit", List.of("10000"));
    headers.put("X-RateLimit-Resource-Remaining", List.of("9876"));
    headers.put("X-RateLimit-Resource-Until", List.of("Thu, 26 Nov 2026 03:00:00 GMT"));
    return headers;
  }

  private static String sender(Random random) {
    int r = random.nextInt(20);
    return r < 9 ? "CUSTOMER" : r < 17 ? "PARTNER" : r < 19 ? "MARKET" : "SUPPORT";
  }

  /** One to six sentences: from "Ок." to a paragraph of several hundred characters. */
  private static String text(Random random) {
    int count = 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 2);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(SENTENCES[random.nextInt(SENTENCES.length)]);
    }
    return s.toString();
  }

  @FunctionalInterface
  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("could not build a benchmark fixture", e);
    }
    return out.toByteArray();
  }
}
