package dev.rehearse.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.api.service.Problem;
import dev.rehearse.api.service.SessionQuery;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewSpec;
import dev.rehearse.core.events.InterviewType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {

  private static Requests.StartSession start(String type, String role, Integer count) {
    return new Requests.StartSession(type, role, null, null, null, count, null);
  }

  private static void assertBadField(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.field()).contains(field);
            });
  }

  @Test
  void aMinimalStartGetsSensibleDefaults() {
    InterviewSpec spec = start("system_design", "  Backend Engineer ", null).toSpec();

    assertThat(spec.type()).isEqualTo(InterviewType.SYSTEM_DESIGN);
    assertThat(spec.role()).isEqualTo("Backend Engineer");
    assertThat(spec.questionCount()).isEqualTo(5);
    assertThat(spec.language()).isEqualTo("en");
    assertThat(spec.company()).isEmpty();
  }

  @Test
  void theTypeIsRequiredAndMustBeKnown() {
    assertBadField(() -> start(null, "Dev", 3).toSpec(), "type");
    assertBadField(() -> start("BEHAVIORAL", "Dev", 3).toSpec(), "type");
    assertBadField(() -> start("panel", "Dev", 3).toSpec(), "type");
  }

  @Test
  void theRoleIsRequiredNotBlankAndBounded() {
    assertBadField(() -> start("case", null, 3).toSpec(), "role");
    assertBadField(() -> start("case", "   ", 3).toSpec(), "role");
    assertBadField(() -> start("case", "x".repeat(101), 3).toSpec(), "role");
    assertBadField(() -> start("case", "Dev\u0000ops", 3).toSpec(), "role");
  }

  @Test
  void theQuestionCountIsBetweenOneAndTwenty() {
    assertBadField(() -> start("case", "Dev", 0).toSpec(), "questionCount");
    assertBadField(() -> start("case", "Dev", 21).toSpec(), "questionCount");
    assertThat(start("case", "Dev", 20).toSpec().questionCount()).isEqualTo(20);
  }

  @Test
  void theLanguageIsOneWithALexicon() {
    assertBadField(
        () -> new Requests.StartSession("case", "Dev", null, null, "english", 3, null).toSpec(),
        "language");
    assertThat(
            new Requests.StartSession("case", "Dev", null, null, "de", 3, null).toSpec().language())
        .isEqualTo("de");
  }

  @Test
  void anAnswerNeedsText() {
    assertBadField(
        () -> new Requests.AnswerBody(null, null, null, null, null, null).toAnswer(), "text");
    assertBadField(
        () -> new Requests.AnswerBody("  ", null, null, null, null, null).toAnswer(), "text");
    assertBadField(
        () -> new Requests.AnswerBody("?!", null, null, null, null, null).toAnswer(), "text");
    assertBadField(
        () ->
            new Requests.AnswerBody(
                    "a".repeat(Requests.MAX_ANSWER_CHARS + 1), null, null, null, null, null)
                .toAnswer(),
        "text");
  }

  @Test
  void durationsAndTimesMustBeInRange() {
    assertBadField(
        () -> new Requests.AnswerBody("ok", -1L, null, null, null, null).toAnswer(), "durationMs");
    assertBadField(
        () ->
            new Requests.AnswerBody("ok", Requests.MAX_DURATION_MS + 1, null, null, null, null)
                .toAnswer(),
        "durationMs");
    assertBadField(
        () -> new Requests.AnswerBody("ok", null, null, null, -5L, null).toAnswer(),
        "questionAskedAtMs");
  }

  @Test
  void wordTimingsAreCheckedOneByOneNamingTheEntry() {
    List<Requests.Word> words =
        List.of(new Requests.Word("ok", 0L, 100L), new Requests.Word("then", 300L, 200L));

    assertBadField(
        () -> new Requests.AnswerBody("ok then", null, words, null, null, null).toAnswer(),
        "words[1].endMs");
    assertBadField(
        () ->
            new Requests.AnswerBody(
                    "ok", null, List.of(new Requests.Word("ok", -1L, 5L)), null, null, null)
                .toAnswer(),
        "words[0].startMs");
    assertBadField(
        () ->
            new Requests.AnswerBody(
                    "ok", null, List.of(new Requests.Word("ok", null, 5L)), null, null, null)
                .toAnswer(),
        "words[0].startMs");
  }

  @Test
  void aSessionListingHasDefaultsAndBounds() {
    SessionQuery defaults = Requests.sessionQuery(null, null, null, null);
    assertThat(defaults.offset()).isZero();
    assertThat(defaults.limit()).isEqualTo(20);
    assertThat(Requests.sessionQuery("active", "case", "40", "100").status()).contains("active");

    assertBadField(() -> Requests.sessionQuery(null, null, null, "0"), "limit");
    assertBadField(() -> Requests.sessionQuery(null, null, null, "101"), "limit");
    assertBadField(() -> Requests.sessionQuery(null, null, "-1", null), "offset");
    assertBadField(() -> Requests.sessionQuery(null, null, "ten", null), "offset");
    assertBadField(() -> Requests.sessionQuery("deleted", null, null, null), "status");
    assertBadField(() -> Requests.sessionQuery(null, "panel", null, null), "type");
  }

  @Test
  void aNullWordTimingIsRefusedNamingIt() {
    assertBadField(
        () ->
            new Requests.AnswerBody(
                    "ok", null, java.util.Arrays.asList((Requests.Word) null), null, null, null)
                .toAnswer(),
        "words[0]");
  }

  @Test
  void implausibleTimingsAreABadFieldNamingIt() {
    // 14 words in 100 ms
    assertBadField(
        () ->
            new Requests.AnswerBody(
                    "one two three four five six seven eight nine ten eleven twelve thirteen"
                        + " fourteen",
                    100L,
                    null,
                    null,
                    null,
                    null)
                .toAnswer(),
        "durationMs");
    // 3 timings for 20 words
    List<Requests.Word> three =
        List.of(
            new Requests.Word("a", 0L, 200L),
            new Requests.Word("b", 300L, 500L),
            new Requests.Word("c", 600L, 800L));
    assertBadField(
        () ->
            new Requests.AnswerBody("word ".repeat(20).strip(), null, three, null, null, null)
                .toAnswer(),
        "words");
    // a time of 9e12 ms
    List<Requests.Word> late =
        List.of(
            new Requests.Word("ok", 0L, 200L), new Requests.Word("then", 300L, 9_000_000_000_000L));
    assertBadField(
        () -> new Requests.AnswerBody("ok then", null, late, null, null, null).toAnswer(),
        "words[1].endMs");
    // overlapping words
    List<Requests.Word> overlapping =
        List.of(new Requests.Word("ok", 0L, 500L), new Requests.Word("then", 300L, 700L));
    assertBadField(
        () -> new Requests.AnswerBody("ok then", null, overlapping, null, null, null).toAnswer(),
        "words[1].startMs");
  }

  @Test
  void aValidAnswerMapsOntoTheWireAnswer() {
    Answer answer =
        new Requests.AnswerBody(
                "ok then",
                900L,
                List.of(new Requests.Word("ok", 0L, 100L)),
                "s3://a/b.wav",
                10L,
                20L)
            .toAnswer();

    assertThat(answer.text()).isEqualTo("ok then");
    assertThat(answer.durationMs()).contains(900L);
    assertThat(answer.words()).hasSize(1);
    assertThat(answer.audioRef()).contains("s3://a/b.wav");
    assertThat(answer.answerStartedAtMs()).contains(20L);
  }

  @Test
  void aCohortsRubricIsOptionalOnCreationAndCheckedWhenGiven() {
    assertThat(new Requests.CohortBody("Class of 2027", null).validRubric()).isEmpty();
    assertThat(
            new Requests.CohortBody(
                    "Class of 2027", java.util.Map.of("content", 60.0, "communication", 40.0))
                .validRubric())
        .containsExactly(
            java.util.Map.entry("communication", 40.0), java.util.Map.entry("content", 60.0));
    assertBadField(
        () -> new Requests.CohortBody("Class", java.util.Map.of("charm", 1.0)).validRubric(),
        "rubric");
    assertBadField(() -> new Requests.RubricBody(null).validRubric(), "rubric");
    assertThat(new Requests.RubricBody(java.util.Map.of()).validRubric()).isEmpty();
  }
}
