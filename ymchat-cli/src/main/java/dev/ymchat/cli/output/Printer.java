package dev.ymchat.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ymchat.client.model.Chat;
import dev.ymchat.client.model.ChatFullContext;
import dev.ymchat.client.model.ChatMessage;
import dev.ymchat.client.model.MessagePayload;
import dev.ymchat.client.model.ModelJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.stream.Collectors;

/** Prints the API's records as tables for a person or as JSON for scripts. */
public final class Printer {

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int DEFAULT_WIDTH = 120;

  private final PrintWriter out;
  private final ZoneId zone;
  private final int width;
  private final ObjectMapper pretty;
  private final ObjectMapper compact;

  /**
   * Creates a printer.
   *
   * @param out where to print
   * @param zone the zone of displayed times
   * @param columns the {@code COLUMNS} environment variable, or {@code null}
   */
  public Printer(PrintWriter out, ZoneId zone, String columns) {
    this.out = out;
    this.zone = zone;
    this.width = parseWidth(columns);
    this.compact = withSafeEscapes(ModelJson.newMapper());
    this.pretty = withSafeEscapes(ModelJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT));
  }

  /**
   * JSON escapes control characters itself; the bidirectional controls are valid in a JSON string
   * and would reach the terminal of whoever reads the output as they are, so they are written as
   * {@code \\uXXXX} escapes too (the parsed value is the same).
   */
  private static ObjectMapper withSafeEscapes(ObjectMapper mapper) {
    mapper.getFactory().setCharacterEscapes(SafeEscapes.INSTANCE);
    return mapper;
  }

  /** Escapes the characters of {@link Text#isUnsafe(int)} that JSON would write as they are. */
  private static final class SafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    static final SafeEscapes INSTANCE = new SafeEscapes();
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch > 0x7F && Text.isUnsafe(ch)) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }

  private static int parseWidth(String columns) {
    try {
      int value = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
      return Math.max(40, value);
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /**
   * The screen width tables are fitted to.
   *
   * @return the width in characters
   */
  public int width() {
    return width;
  }

  /**
   * A time as a person reads it: local, to the minute.
   *
   * @param time the time, or {@code null}
   * @return {@code yyyy-MM-dd HH:mm} in the local zone, or an empty string
   */
  public String time(OffsetDateTime time) {
    return time == null ? "" : LOCAL_TIME.format(time.atZoneSameInstant(zone));
  }

  /**
   * Prints one JSON document, indented.
   *
   * @param value the record or list
   */
  public void json(Object value) {
    try {
      out.println(pretty.writeValueAsString(value));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints one JSON document on one line (JSON lines).
   *
   * @param value the record
   */
  public void jsonLine(Object value) {
    try {
      out.println(compact.writeValueAsString(value));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints a JSON array while iterating, so a long, lazily fetched list is never held in memory.
   *
   * @param items the items
   * @param <T> the item type
   */
  public <T> void jsonArray(Iterator<T> items) {
    try {
      JsonGenerator generator = pretty.getFactory().createGenerator(new NonClosingWriter(out));
      generator.useDefaultPrettyPrinter();
      generator.writeStartArray();
      while (items.hasNext()) {
        pretty.writeValue(generator, items.next());
        generator.flush();
      }
      generator.writeEndArray();
      generator.close();
      out.println();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prints a table fitted to the screen.
   *
   * @param table the table
   */
  public void table(Table table) {
    table.print(out, width);
  }

  /**
   * Prints a plain line.
   *
   * @param line the text
   */
  public void line(String line) {
    out.println(Text.safe(line));
    out.flush();
  }

  /**
   * A table for chats.
   *
   * @return an empty table with the chat columns
   */
  public static Table chatTable() {
    return Table.withColumns(
        "CHAT ID", "TYPE", "STATUS", "CONTEXT", "CUSTOMER~", "CREATED", "UPDATED");
  }

  /**
   * Adds a chat to a table from {@link #chatTable()}.
   *
   * @param table the table
   * @param chat the chat
   */
  public void addChat(Table table, Chat chat) {
    table.row(
        chat.chatId(),
        chat.type(),
        chat.status(),
        context(chat.context(), chat.orderId()),
        customer(chat.context()),
        time(chat.createdAt()),
        time(chat.updatedAt()));
  }

  /**
   * A table for messages.
   *
   * @return an empty table with the message columns
   */
  public static Table messageTable() {
    return Table.withColumns("MESSAGE ID", "TIME", "SENDER", "TEXT~");
  }

  /**
   * Adds a message to a table from {@link #messageTable()}.
   *
   * @param table the table
   * @param message the message
   */
  public void addMessage(Table table, ChatMessage message) {
    table.row(message.messageId(), time(message.createdAt()), message.sender(), text(message));
  }

  /**
   * A message's text followed by the names of its files.
   *
   * @param message the message
   * @return the text to show
   */
  public static String text(ChatMessage message) {
    String text = message.message() == null ? "" : message.message();
    if (message.payload().isEmpty()) {
      return text;
    }
    String files =
        message.payload().stream().map(MessagePayload::name).collect(Collectors.joining(", "));
    return (text.isEmpty() ? "" : text + " ") + "[files: " + files + "]";
  }

  /**
   * What a chat is about, such as {@code ORDER 123} or {@code RETURN 7 (order 123)}.
   *
   * @param context the context, or {@code null}
   * @param legacyOrderId the deprecated order id, or {@code null}
   * @return the description
   */
  public static String context(ChatFullContext context, Long legacyOrderId) {
    if (context == null || context.type() == null) {
      return legacyOrderId == null ? "" : "ORDER " + legacyOrderId;
    }
    String type = context.type().value();
    if (context.returnId() != null) {
      return type
          + " "
          + context.returnId()
          + (context.orderId() != null ? " (order " + context.orderId() + ")" : "");
    }
    if (context.orderId() != null) {
      return type + " " + context.orderId();
    }
    Long order = legacyOrderId;
    return order == null ? type : type + " " + order;
  }

  private static String customer(ChatFullContext context) {
    if (context == null || context.customer() == null) {
      return "";
    }
    return context.customer().name() != null ? context.customer().name() : "";
  }

  /** Lets Jackson close its generator without closing the shared writer. */
  private static final class NonClosingWriter extends java.io.Writer {
    private final java.io.Writer delegate;

    NonClosingWriter(java.io.Writer delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      delegate.write(buffer, offset, length);
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      delegate.flush();
    }
  }
}
