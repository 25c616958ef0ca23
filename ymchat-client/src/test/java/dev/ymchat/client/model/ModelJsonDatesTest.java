package dev.ymchat.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The API's date forms, read by the Java time module as {@link ModelJson} configures it. */
class ModelJsonDatesTest {

  private static final ObjectMapper MAPPER = ModelJson.newMapper();

  /** The Java time module alone, configured as {@link ModelJson} configures it. */
  private static final ObjectMapper STANDARD =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  @Test
  void theApiForms_parseWithTheirOffsetKept() throws Exception {
    for (String text :
        List.of(
            "2025-03-14T10:15:30+03:00",
            "2025-03-14T10:15+03:00",
            "2025-03-14T10:15:30.5+03:00",
            "2025-03-14T10:15:30.123456789-05:30",
            "2025-03-14T10:15:30Z",
            "2024-02-29T23:59:59.5-00:30")) {
      OffsetDateTime parsed = MAPPER.readValue("\"" + text + "\"", OffsetDateTime.class);
      assertThat(parsed).as(text).isEqualTo(OffsetDateTime.parse(text));
      assertThat(parsed.getOffset()).as(text).isEqualTo(OffsetDateTime.parse(text).getOffset());
    }
  }

  @Test
  void randomDatesInTheApiShape_parseAsTheIsoFormatterDoes() throws Exception {
    Random random = new Random(20261126L);
    for (int i = 0; i < 2_000; i++) {
      OffsetDateTime expected =
          OffsetDateTime.of(
              1 + random.nextInt(9999),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000),
              ZoneOffset.ofTotalSeconds((random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15 * 60));
      String text = expected.toString();
      OffsetDateTime parsed = MAPPER.readValue("\"" + text + "\"", OffsetDateTime.class);
      assertThat(parsed).as(text).isEqualTo(expected);
      assertThat(parsed.getOffset()).as(text).isEqualTo(expected.getOffset());
    }
  }

  @Test
  void impossibleDatesAndOtherShapes_fail() {
    for (String text :
        List.of(
            "2023-02-29T10:00:00+03:00",
            "2025-13-01T10:00:00+03:00",
            "2025-03-14T10:15:30+19:00",
            "2025-03-14 10:15:30+03:00",
            "2025-03-14T1O:15:30Z")) {
      assertThat(catchThrowable(() -> MAPPER.readValue("\"" + text + "\"", OffsetDateTime.class)))
          .as(text)
          .isNotNull();
    }
  }

  @Test
  void theMapper_answersEveryInputAsTheJavaTimeModuleAlone() {
    for (String json :
        List.of(
            "\"2025-03-14T10:15:30+03:00\"",
            "\"2025-03-14T10:15:30.123456789-05:30\"",
            "\"2025-03-14T10:15:30Z\"",
            "\"2025-03-14T10:15:30-00:00\"",
            "\"2025-03-14T10:15+03:00\"",
            "\"2025-03-14t10:15:30z\"",
            "\"2025-03-14T10:15:30+0300\"",
            "\"2025-02-30T10:15:30+03:00\"",
            "\"2025-03-14T25:00:00Z\"",
            "\"2025-03-14T10:15:30+19:00\"",
            "\"\"",
            "\"not a date\"",
            "1700000000",
            "1700000000.5",
            "null",
            "[]",
            "{}")) {
      Object mine = outcome(MAPPER, json);
      Object standard = outcome(STANDARD, json);
      assertThat(mine).as(json).isEqualTo(standard);
    }
  }

  @Test
  void aJsonFormatPattern_onAProperty_stillApplies() throws Exception {
    Dated dated = MAPPER.readValue("{\"at\":\"14.03.2025 10:15 +03:00\"}", Dated.class);
    // AssertJ's isEqualTo compares OffsetDateTime by instant: the text compares the offset too
    assertThat(dated.at()).hasToString("2025-03-14T10:15+03:00");
  }

  @Test
  void adjustingToTheContextZone_whenACallerEnablesIt_isStillHonoured() throws Exception {
    ObjectMapper adjusting =
        ModelJson.newMapper().enable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    OffsetDateTime adjusted =
        adjusting.readValue("\"2025-03-14T10:15:30+03:00\"", OffsetDateTime.class);
    // the same instant either way: only the offset shows whether the feature was honoured
    assertThat(adjusted).hasToString("2025-03-14T07:15:30Z");
    assertThat(adjusted.getOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(MAPPER.readValue("\"2025-03-14T10:15:30+03:00\"", OffsetDateTime.class))
        .hasToString("2025-03-14T10:15:30+03:00");
  }

  record Dated(@JsonFormat(pattern = "dd.MM.yyyy HH:mm xxx") OffsetDateTime at) {}

  /** The value with its offset, or the class and message of the failure. */
  private static Object outcome(ObjectMapper mapper, String json) {
    Throwable failure =
        catchThrowable(
            () -> {
              throw new Parsed(mapper.readValue(json, OffsetDateTime.class));
            });
    if (failure instanceof Parsed parsed) {
      return parsed.value == null ? "null" : parsed.value + " " + parsed.value.getOffset();
    }
    return failure.getClass().getName() + ": " + failure.getMessage();
  }

  private static final class Parsed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient OffsetDateTime value;

    Parsed(OffsetDateTime value) {
      this.value = value;
    }
  }
}
