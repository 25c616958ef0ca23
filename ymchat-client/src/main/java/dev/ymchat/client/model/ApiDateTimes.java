package dev.ymchat.client.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the API's dates ({@code 2025-03-14T10:15:30+03:00}) without {@code DateTimeFormatter}.
 *
 * <p>Every message and chat carries one or two dates, and parsing them with the JDK's ISO formatter
 * was more than half of the cost of decoding a 100-message history page (about 0.7 µs a date). The
 * API writes one strict shape, which {@link #parse} reads directly from the parser's buffer; any
 * other text (a missing second, a lowercase {@code t}, an offset without a colon, a number) and any
 * impossible value go to Jackson's own deserializer, which decides and words the error exactly as
 * before.
 */
final class ApiDateTimes {

  private ApiDateTimes() {}

  /**
   * Wraps the {@code OffsetDateTime} deserializer that the Java time module provides, so that the
   * module keeps every other decision (numbers, lenient shapes, {@code @JsonFormat}, errors).
   */
  static final class Modifier extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config,
        BeanDescription description,
        JsonDeserializer<?> deserializer) {
      if (description.getBeanClass() == OffsetDateTime.class) {
        @SuppressWarnings("unchecked")
        JsonDeserializer<OffsetDateTime> standard = (JsonDeserializer<OffsetDateTime>) deserializer;
        return new Deserializer(standard);
      }
      return deserializer;
    }
  }

  /** The fast path in front of the module's deserializer. */
  static final class Deserializer extends StdScalarDeserializer<OffsetDateTime>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final JsonDeserializer<OffsetDateTime> standard;

    Deserializer(JsonDeserializer<OffsetDateTime> standard) {
      super(OffsetDateTime.class);
      this.standard = standard;
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)
          && !context.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
        OffsetDateTime value =
            parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (value != null) {
          return value;
        }
      }
      return standard.deserialize(parser, context);
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      if (standard instanceof ContextualDeserializer contextual) {
        JsonDeserializer<?> specific = contextual.createContextual(context, property);
        if (specific != standard) {
          // A @JsonFormat on the property: its pattern and leniency rule, not the API's shape.
          return specific;
        }
      }
      return this;
    }
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, the shape the API writes.
   *
   * @param text the characters
   * @param start where the date starts
   * @param length how many characters it has
   * @return the date with its offset kept, or {@code null} when the text has another shape or names
   *     an impossible date (the caller then asks the standard parser, which explains)
   */
  static OffsetDateTime parse(char[] text, int start, int length) {
    if (length < 20 || length > 35) {
      return null;
    }
    int end = start + length;
    int year = digits(text, start, 4);
    if (year < 0
        || text[start + 4] != '-'
        || text[start + 7] != '-'
        || text[start + 10] != 'T'
        || text[start + 13] != ':'
        || text[start + 16] != ':') {
      return null;
    }
    int month = digits(text, start + 5, 2);
    int day = digits(text, start + 8, 2);
    int hour = digits(text, start + 11, 2);
    int minute = digits(text, start + 14, 2);
    int second = digits(text, start + 17, 2);
    if ((month | day | hour | minute | second) < 0) {
      return null;
    }
    int at = start + 19;
    int nanos = 0;
    if (text[at] == '.') {
      int first = ++at;
      while (at < end && text[at] >= '0' && text[at] <= '9') {
        at++;
      }
      int count = at - first;
      if (count == 0 || count > 9) {
        return null;
      }
      nanos = digits(text, first, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (at == end - 1 && text[at] == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (at == end - 6 && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
      int hours = digits(text, at + 1, 2);
      int minutes = digits(text, at + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      int sign = text[at] == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value of {@code count} ASCII digits, or -1 if one of them is not a digit. */
  private static int digits(char[] text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
