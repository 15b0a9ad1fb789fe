package dev.rehearse.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.SessionEvent;
import dev.rehearse.core.events.SessionEvent.AnswerAnalyzed;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {

  private final ObjectMapper mapper = Json.newMapper();

  private final AnswerAnalyzed event =
      new AnswerAnalyzed(
          1,
          "s1/answer/0",
          "s1",
          "u1",
          "c1",
          0,
          dev.rehearse.core.events.InterviewType.BEHAVIORAL,
          dev.rehearse.core.events.InterviewType.BEHAVIORAL,
          "backend engineer",
          "beh-001",
          "Why?",
          "Because.",
          new AnswerAnalyzer().analyze(Answer.ofText("Because.")),
          Instant.parse("2026-11-25T10:00:00Z"));

  @Test
  void eventsRoundTripThroughTheirInterface() {
    byte[] bytes = Json.toBytes(mapper, event);

    assertThat(Json.fromBytes(mapper, bytes, SessionEvent.class)).isEqualTo(event);
  }

  @Test
  void eventsNameTheirTypeAndMetricsNameWhatIsUnknownAsNull() {
    String json = new String(Json.toBytes(mapper, event), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"type\":\"answer-analyzed\"")
        .contains("\"at\":\"2026-11-25T10:00:00Z\"")
        .contains("\"durationMs\":null")
        .contains("\"wordsPerMinute\":null")
        .contains("\"wordCount\":1");
  }

  @Test
  void aBatchRequestWrittenBeforeOnlyNewExistedReadsAsNotOnlyNew() {
    String before =
        "{\"schemaVersion\":1,\"batchId\":\"b1\",\"job\":\"assessment\",\"requestedBy\":\"operator\","
            + "\"sessionIds\":[],\"userIds\":[],\"at\":\"2026-11-25T10:00:00Z\"}";

    dev.rehearse.core.events.BatchRequest old =
        Json.fromBytes(
            mapper,
            before.getBytes(StandardCharsets.UTF_8),
            dev.rehearse.core.events.BatchRequest.class);
    dev.rehearse.core.events.BatchRequest onlyNew =
        Json.fromBytes(
            mapper,
            before.replace("\"at\"", "\"onlyNew\":true,\"at\"").getBytes(StandardCharsets.UTF_8),
            dev.rehearse.core.events.BatchRequest.class);

    assertThat(old.onlyNew()).isFalse();
    assertThat(old.cohortId()).isEmpty();
    assertThat(onlyNew.onlyNew()).isTrue();
    assertThat(Json.fromBytes(mapper, Json.toBytes(mapper, onlyNew), onlyNew.getClass()))
        .isEqualTo(onlyNew);
  }

  record Typed(String text, Integer count) {}

  @Test
  void scalarsAreNotCoercedBetweenTypes() {
    for (String wrong :
        java.util.List.of(
            "{\"text\":5}",
            "{\"text\":true}",
            "{\"text\":1.5}",
            "{\"count\":\"5\"}",
            "{\"count\":1.5}")) {
      assertThatThrownBy(
              () -> Json.fromBytes(mapper, wrong.getBytes(StandardCharsets.UTF_8), Typed.class))
          .as(wrong)
          .isInstanceOf(UncheckedIOException.class);
    }
    assertThat(
            Json.fromBytes(
                mapper,
                "{\"text\":\"5\",\"count\":5}".getBytes(StandardCharsets.UTF_8),
                Typed.class))
        .isEqualTo(new Typed("5", 5));
  }

  @Test
  void tooDeeplyNestedDocumentsAreRefused() {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);

    assertThatThrownBy(
            () -> Json.fromBytes(mapper, deep.getBytes(StandardCharsets.UTF_8), Object.class))
        .isInstanceOf(UncheckedIOException.class);
  }
}
