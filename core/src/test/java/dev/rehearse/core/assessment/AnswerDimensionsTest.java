package dev.rehearse.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.analytics.AnalysisRequest;
import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.events.Answer;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.interview.Question;
import dev.rehearse.core.interview.QuestionBank;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerDimensionsTest {

  private static final AnswerDimensions DIMENSIONS = AnswerDimensions.builtIn();
  private static final AnswerAnalyzer ANALYZER = new AnswerAnalyzer();
  private static final QuestionBank BANK = QuestionBank.builtIn();

  static AnswerMetrics metrics(String text, Optional<Long> durationMs) {
    Answer answer = new Answer(text, durationMs, null, null, null, null);
    return ANALYZER.analyze(new AnalysisRequest(Optional.empty(), answer, null));
  }

  private static Map<Dimension, Double> score(String questionId, String answer) {
    Question q = BANK.questions().stream().filter(x -> x.id().equals(questionId)).findFirst().get();
    return DIMENSIONS.score(
        AnswerDimensions.Asked.of(q, q.text()), answer, metrics(answer, Optional.empty()));
  }

  private static Map<Dimension, Double> behavioural(String question, String answer) {
    return DIMENSIONS.score(
        AnswerDimensions.Asked.of(question, Optional.of(InterviewType.BEHAVIORAL)),
        answer,
        metrics(answer, Optional.empty()));
  }

  @Test
  void relevanceCountsTheQuestionsContentWordsNotItsFraming() {
    String question = "Tell me about a time you improved a slow data pipeline.";
    // "tell", "about", "time" frame every question: saying them is not answering it
    assertThat(
            behavioural(question, "Let me tell you about a time. It was a good time.")
                .get(Dimension.RELEVANCE))
        .isZero();
    // improved, slow, data, pipeline, by their stems: "pipelines", "improving"
    assertThat(
            behavioural(question, "Our pipelines were slow; improving the data loads took a week.")
                .get(Dimension.RELEVANCE))
        .isEqualTo(100.0);
  }

  @Test
  void technicalAccuracyIsTheKeyPointsCoveredLessMisconceptions() {
    Map<Dimension, Double> right =
        score(
            "tech-006",
            "An index is a sorted B-tree over a column, so a lookup does not scan the whole table. "
                + "Writes get slower because every insert updates the index, and it uses disk space.");
    Map<Dimension, Double> wrong =
        score(
            "tech-006",
            "An index is a sorted B-tree over a column, so a lookup does not scan the whole table. "
                + "Writes get slower because every insert updates the index, and it uses disk space. "
                + "So you should index every column.");
    assertThat(right.get(Dimension.TECHNICAL_ACCURACY)).isEqualTo(100.0);
    assertThat(wrong.get(Dimension.TECHNICAL_ACCURACY)).isEqualTo(65.0);
  }

  @Test
  void technicalAccuracyIsNotAssessedWithoutKeyPoints() {
    assertThat(score("beh-002", "We talked it through and agreed on a plan."))
        .doesNotContainKey(Dimension.TECHNICAL_ACCURACY);
    assertThat(BANK.questions())
        .filteredOn(
            q -> q.type() == InterviewType.TECHNICAL || q.type() == InterviewType.SYSTEM_DESIGN)
        .allSatisfy(q -> assertThat(q.keyPoints()).as(q.id()).hasSizeBetween(3, 6));
  }

  @Test
  void depthIsSpecificityNotLength() {
    String vague = "We looked at the system and made some improvements to how it works. ";
    Map<Dimension, Double> long_ = behavioural("Describe a project.", vague.repeat(12));
    Map<Dimension, Double> specific =
        behavioural(
            "Describe a project.",
            "We moved 3 services from MySQL to Postgres because the licence cost 40 percent of the"
                + " budget; the trade-off was two weeks of migration.");
    assertThat(long_.get(Dimension.DEPTH)).isZero();
    assertThat(specific.get(Dimension.DEPTH)).isGreaterThan(70);
  }

  @Test
  void structureIsSignpostingAndOrderNotStar() {
    String story =
        "At my last job the reports were late. I had to fix them. I rewrote the queries. As a"
            + " result they arrived on time.";
    String signposted =
        "There are three steps. First, I listed the late reports. Then I rewrote the slowest"
            + " queries. Finally, I moved the job earlier. In short, small changes in order.";
    Map<Dimension, Double> s = behavioural("Tell me about a time you fixed a process.", story);
    Map<Dimension, Double> t = behavioural("Tell me about a time you fixed a process.", signposted);
    assertThat(s.get(Dimension.STAR_ADHERENCE)).isGreaterThan(t.get(Dimension.STAR_ADHERENCE));
    assertThat(t.get(Dimension.STRUCTURE)).isEqualTo(100.0);
    assertThat(s.get(Dimension.STRUCTURE)).isZero();
  }

  @Test
  void starAdherenceOnlyForBehaviouralQuestions() {
    assertThat(score("tech-001", "At my last job I checked the dashboards."))
        .doesNotContainKey(Dimension.STAR_ADHERENCE);
    assertThat(score("beh-001", "At my last job I checked the dashboards."))
        .containsKey(Dimension.STAR_ADHERENCE);
  }

  @Test
  void problemSolvingIsDiagnosisAlternativesAndVerificationNotActionAndResult() {
    String actionAndResult = "I fixed the bug and as a result the errors stopped.";
    String method =
        "I reproduced the bug and found the root cause in a retry loop. I considered a timeout"
            + " instead of removing the retry, and after the fix I monitored the errors for a week.";
    assertThat(behavioural("Tell me about a bug.", actionAndResult).get(Dimension.PROBLEM_SOLVING))
        .isZero();
    assertThat(behavioural("Tell me about a bug.", method).get(Dimension.PROBLEM_SOLVING))
        .isEqualTo(100.0);
  }

  @Test
  void ownershipCountsFirstPersonSingularOverPluralWithCurlyApostrophes() {
    Map<Dimension, Double> s =
        behavioural("Why?", "I’m proud: my fix, our team's review, and we shipped; I did it.");
    // i'm, my, I against our, we
    assertThat(s.get(Dimension.OWNERSHIP)).isEqualTo(60.0);
    assertThat(behavioural("Why?", "The fix shipped.")).doesNotContainKey(Dimension.OWNERSHIP);
  }

  @Test
  void cuesOfTheAnswersLanguage() {
    Map<Dimension, Double> es =
        DIMENSIONS.score(
            AnswerDimensions.Asked.of(
                "Describe un proyecto.", Optional.of(InterviewType.BEHAVIORAL)),
            "Primero, analicé los registros y encontré la causa raíz. Luego comparamos dos"
                + " opciones. Finalmente, probamos el cambio. En resumen, funcionó.",
            metrics(
                "Primero, analicé los registros y encontré la causa raíz. Luego comparamos dos"
                    + " opciones. Finalmente, probamos el cambio. En resumen, funcionó.",
                Optional.empty()));
    assertThat(es.get(Dimension.STRUCTURE)).isGreaterThanOrEqualTo(85.0);
    assertThat(es.get(Dimension.PROBLEM_SOLVING)).isEqualTo(100.0);
  }

  @Test
  void timingDimensionsNeedADurationAndDeliveryIsNeverScoredFromText() {
    String text = "Um, I fixed it and, um, tested it.";
    Map<Dimension, Double> typed = behavioural("Tell me about a fix.", text);
    assertThat(typed).doesNotContainKeys(Dimension.PACE, Dimension.FLUENCY);
    Map<Dimension, Double> spoken =
        DIMENSIONS.score(
            AnswerDimensions.Asked.of("Tell me about a fix.", Optional.empty()),
            text,
            metrics(text, Optional.of(3_000L)));
    // 8 words in 3 s is 160 a minute; 2 fillers in 3 s is 40 a minute
    assertThat(spoken.get(Dimension.PACE)).isEqualTo(100.0);
    assertThat(spoken.get(Dimension.FLUENCY)).isZero();
    assertThat(spoken.keySet()).noneMatch(Dimension::needsAudio);
  }
}
