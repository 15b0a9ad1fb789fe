package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.assessment.Dimension;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class AnswerScoringTest {

  private static final AnswerScoring SCORING = AnswerScoring.builtIn();

  private static final String ACCURATE =
      "An index is a sorted B-tree over a column, so a lookup does not scan the whole table."
          + " Writes get slower because every insert updates the index, and it uses disk space.";

  /** A bronze answer as {@link AnswerScoring#input()} passes it. */
  private static Row input(String questionId, String type, String question, String answer) {
    return RowFactory.create(
        questionId, type, question, answer, 32, null, null, 0.7, 0.0, true, false, 0.25);
  }

  private static Double get(Row scores, Dimension d) {
    return (Double) scores.get(AnswerScoring.SCHEMA.fieldIndex(d.wireName()));
  }

  @Test
  void theBankQuestionsKeyPointsComeByItsId() {
    Row scored = SCORING.call(input("tech-006", "technical", "How does an index work?", ACCURATE));
    Row unknown = SCORING.call(input(null, "technical", "How does an index work?", ACCURATE));

    assertThat(get(scored, Dimension.TECHNICAL_ACCURACY)).isEqualTo(100.0);
    assertThat(get(unknown, Dimension.TECHNICAL_ACCURACY)).isNull();
  }

  @Test
  void whatTheLakeCannotTellIsNull() {
    Row scored = SCORING.call(input("tech-006", "technical", "How does an index work?", ACCURATE));

    // no duration: no pace, no fluency; a technical question: no STAR adherence
    assertThat(get(scored, Dimension.PACE)).isNull();
    assertThat(get(scored, Dimension.FLUENCY)).isNull();
    assertThat(get(scored, Dimension.STAR_ADHERENCE)).isNull();
    assertThat(get(scored, Dimension.DEPTH)).isNotNull();
  }

  @Test
  void aQuestionOfUnknownTypeIsBehavioural() {
    Row scored = SCORING.call(input(null, null, "Tell me about a project.", "I led it."));

    assertThat(get(scored, Dimension.STAR_ADHERENCE)).isEqualTo(25.0);
  }

  @Test
  void theAnswersLanguageChoosesTheCues() {
    String es =
        "Primero, analicé los registros y encontré la causa raíz. Luego comparamos dos opciones."
            + " Finalmente, probamos el cambio.";
    Row scored = SCORING.call(input(null, "behavioral", "Describe un problema.", es));

    assertThat(get(scored, Dimension.PROBLEM_SOLVING)).isEqualTo(100.0);
  }
}
