package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import dev.rehearse.core.analytics.AnswerAnalyzer;
import dev.rehearse.core.analytics.AnswerMetrics;
import dev.rehearse.core.assessment.AnswerDimensions;
import dev.rehearse.core.assessment.AnswerScorer;
import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.events.InterviewType;
import dev.rehearse.core.lake.BronzeAnswerFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-answer dimensions as one Spark function: {@link AnswerScorer} over a bronze answer — its
 * question (with the bank question's key points and misconceptions, found by the question id), its
 * text and its metrics. The language is detected from the text, as the analyzer does for an answer
 * given without one. The result is a struct of the dimensions {@link AnswerDimensions} scores, each
 * null when not assessed. Used for the answers the lake holds no current scores of ({@link
 * Assessments#scoreAnswers}).
 */
final class AnswerScoring implements UDF1<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** The dimensions in the result, in {@link Dimension} order. */
  static final List<Dimension> OUTPUT = Dimension.offline();

  /** The schema of the result. */
  static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType s = new StructType();
    for (Dimension d : OUTPUT) {
      s = s.add(d.wireName(), DataTypes.DoubleType, true);
    }
    return s;
  }

  /** The question's type: its own, else the interview's; null when neither is known. */
  private static final String TYPE = "askedAs";

  /** The argument: a struct of the bronze columns read, in this order. */
  static Column input() {
    return struct(
        col(BronzeAnswerFields.QUESTION_ID),
        coalesce(col(BronzeAnswerFields.QUESTION_TYPE), col(BronzeAnswerFields.INTERVIEW_TYPE))
            .as(TYPE),
        col(BronzeAnswerFields.QUESTION),
        col(BronzeAnswerFields.ANSWER),
        col(BronzeAnswerFields.WORD_COUNT),
        col(BronzeAnswerFields.WORDS_PER_MINUTE),
        col(BronzeAnswerFields.FILLERS_PER_MINUTE),
        col(BronzeAnswerFields.LEXICAL_DIVERSITY),
        col(BronzeAnswerFields.REPETITION),
        col(BronzeAnswerFields.STAR_ACTION),
        col(BronzeAnswerFields.STAR_RESULT),
        col(BronzeAnswerFields.STAR_COMPLETENESS));
  }

  private final AnswerScorer scorer;

  AnswerScoring(AnswerScorer scorer) {
    this.scorer = scorer;
  }

  /** The function with the built-in cues and question bank. */
  static AnswerScoring builtIn() {
    return new AnswerScoring(AnswerScorer.builtIn());
  }

  @Override
  public Row call(Row in) {
    String answer = in.isNullAt(3) ? "" : in.getString(3);
    Map<Dimension, Double> scores =
        scorer.score(
            in.getString(0),
            Optional.ofNullable(in.getString(1)).flatMap(InterviewType::fromWireName),
            in.getString(2),
            answer,
            metrics(in, answer));
    Object[] out = new Object[OUTPUT.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = scores.get(OUTPUT.get(i));
    }
    return RowFactory.create(out);
  }

  /** The metrics the lake keeps of the answer; the rest (fillers listed, pauses) left empty. */
  private static AnswerMetrics metrics(Row in, String answer) {
    return new AnswerMetrics(
        in.isNullAt(4) ? 0 : in.getInt(4),
        Optional.empty(),
        optionalDouble(in, 5),
        Optional.empty(),
        0,
        optionalDouble(in, 6),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        in.isNullAt(7) ? 0 : in.getDouble(7),
        in.isNullAt(8) ? 0 : in.getDouble(8),
        0,
        0,
        new AnswerMetrics.Star(
            false,
            false,
            !in.isNullAt(9) && in.getBoolean(9),
            !in.isNullAt(10) && in.getBoolean(10),
            in.isNullAt(11) ? 0 : in.getDouble(11),
            new AnswerMetrics.StarShares(0, 0, 0, 0),
            List.of()),
        null,
        null,
        null,
        AnswerAnalyzer.detectLanguage(answer),
        Optional.empty());
  }

  private static Optional<Double> optionalDouble(Row in, int i) {
    return in.isNullAt(i) ? Optional.empty() : Optional.of(in.getDouble(i));
  }
}
