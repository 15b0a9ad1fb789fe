package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.Dimension;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.core.assessment.Scores;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The full assessment from the bronze answers, without an LLM: per-answer dimension scores from the
 * answer's metrics and text, then per session their means, the dimension groups, and the overall
 * score weighted by the interview type's rubric. Every score is 0–100; a dimension that cannot be
 * measured (pace without a duration, delivery without audio, technical accuracy without a model) is
 * null — "not assessed" — never invented. Pure {@code Dataset -> Dataset} functions.
 */
public final class Assessments {

  private Assessments() {}

  /** The per-answer dimensions the offline assessor scores, in the order they are stored. */
  public static final List<String> DIMENSIONS = Dimension.offlineWireNames();

  /** Dimensions a text-only assessment cannot measure; always null here. */
  public static final List<String> NOT_ASSESSED =
      Arrays.stream(Dimension.values())
          .filter(d -> !d.assessedOffline())
          .map(Dimension::wireName)
          .toList();

  private static Column clamp01(Column c) {
    return least(lit(1.0), greatest(lit(0.0), c));
  }

  /** The evidence quotes at most this much of an answer. */
  static final int QUOTE_CHARS = 240;

  /** Columns the lake gained over time; files written before they existed read as null. */
  static final List<String> OPTIONAL_COLUMNS =
      List.of("interviewType", "questionType", "role", "questionId");

  /** The answers with every optional column, null where their files predate it. */
  static Dataset<Row> withOptionalColumns(Dataset<Row> answers) {
    for (String column : OPTIONAL_COLUMNS) {
      if (!List.of(answers.columns()).contains(column)) {
        answers = answers.withColumn(column, lit(null).cast("string"));
      }
    }
    return answers;
  }

  /** Adds the per-answer dimension scores to each (de-duplicated) answer. */
  public static Dataset<Row> scoreAnswers(Dataset<Row> answers) {
    Column wpm = col("wordsPerMinute");
    Column wordCount = col("wordCount").cast("double");
    Column singular = col("text.singular");
    Column plural = col("text.plural");
    return SessionAggregates.distinctAnswers(withOptionalColumns(answers))
        .withColumn(
            "text",
            udf(TextFeatures.udf(), TextFeatures.SCHEMA).apply(col("question"), col("answer")))
        // 120–160 words a minute is 100; each word a minute further off costs 1.25
        .withColumn(
            Dimension.PACE.wireName(),
            when(wpm.isNull(), lit(null))
                .otherwise(
                    lit(100.0)
                        .minus(
                            least(lit(80.0), greatest(lit(0.0), abs(wpm.minus(140)).minus(20)))
                                .multiply(1.25))))
        // eight points off per filler a minute
        .withColumn(
            Dimension.FLUENCY.wireName(),
            when(col("fillersPerMinute").isNull(), lit(null))
                .otherwise(
                    greatest(lit(0.0), lit(100.0).minus(col("fillersPerMinute").multiply(8)))))
        // 80–250 words is 100; shorter rises from 40, longer falls to 20
        .withColumn(
            Dimension.CONCISENESS.wireName(),
            when(wordCount.lt(80), lit(40.0).plus(wordCount.divide(80).multiply(60)))
                .when(wordCount.leq(250), lit(100.0))
                .otherwise(greatest(lit(20.0), lit(100.0).minus(wordCount.minus(250).divide(5)))))
        .withColumn(
            Dimension.CLARITY.wireName(),
            clamp01(col("lexicalDiversity").divide(0.75))
                .multiply(60)
                .plus(lit(1.0).minus(clamp01(col("repetition").multiply(5))).multiply(40)))
        // how much of the question's vocabulary the answer takes up
        .withColumn(
            Dimension.RELEVANCE.wireName(),
            when(col("text.questionWords").equalTo(0), lit(null))
                .otherwise(
                    clamp01(col("text.sharedWords").divide(col("text.questionWords")).divide(0.3))
                        .multiply(100)))
        .withColumn(
            Dimension.DEPTH.wireName(),
            clamp01(wordCount.divide(150))
                .multiply(60)
                .plus(clamp01(col("lexicalDiversity").divide(0.75)).multiply(40)))
        .withColumn(Dimension.STRUCTURE.wireName(), col("starCompleteness").multiply(100))
        .withColumn(
            Dimension.STAR_ADHERENCE.wireName(),
            when(
                    coalesce(col("questionType"), col("interviewType"), lit("behavioral"))
                        .equalTo("behavioral"),
                    col("starCompleteness").multiply(100))
                .otherwise(lit(null)))
        // "I did" over "we did": who acted
        .withColumn(
            Dimension.OWNERSHIP.wireName(),
            when(singular.plus(plural).equalTo(0), lit(null))
                .otherwise(singular.divide(singular.plus(plural)).multiply(100)))
        .withColumn(
            Dimension.PROBLEM_SOLVING.wireName(),
            when(col("starAction"), lit(50.0))
                .otherwise(lit(0.0))
                .plus(when(col("starResult"), lit(50.0)).otherwise(lit(0.0))))
        .drop("text");
  }

  /**
   * One row per session: the dimensions (means over the answers that have them), the groups, the
   * overall score by the rubric of the session's type, the aggregates, and the evidence.
   */
  public static Dataset<Row> sessions(
      Dataset<Row> scored, Map<String, Map<String, Double>> rubrics) {
    Column[] aggs =
        new Column[] {
          first(coalesce(col("interviewType"), lit("mixed")), true).as("interviewType"),
          first(col("role"), true).as("role"),
          count("*").cast("int").as("answerCount"),
          sum("wordCount").as("totalWords"),
          round(avg("wordCount"), 1).as("averageWords"),
          round(avg("wordsPerMinute"), 1).as("averageWordsPerMinute"),
          round(avg("fillersPerMinute"), 2).as("averageFillersPerMinute"),
          round(avg("pauseRatio"), 3).as("averagePauseRatio"),
          sum(coalesce(col("longPauseCount"), lit(0))).cast("int").as("longPauses"),
          round(avg("responseLatencyMs"), 0).as("averageResponseLatencyMs"),
          round(avg("lexicalDiversity"), 3).as("averageLexicalDiversity"),
          round(avg("hedgeCount"), 2).as("averageHedges"),
          round(avg("sentiment"), 3).as("averageSentiment"),
          round(avg("starCompleteness"), 3).as("starCompleteness"),
          sum(when(col("starResult"), 1).otherwise(0)).cast("int").as("answersWithResult"),
          max(col("at")).as("answeredAt"),
          max_by(col("answer"), col(Dimension.STRUCTURE.wireName())).as("bestStructuredAnswer")
        };
    Column[] all = new Column[aggs.length + DIMENSIONS.size()];
    System.arraycopy(aggs, 0, all, 0, aggs.length);
    for (int i = 0; i < DIMENSIONS.size(); i++) {
      all[aggs.length + i] = round(avg(DIMENSIONS.get(i)), 1).as(DIMENSIONS.get(i));
    }
    Dataset<Row> sessions =
        scored
            .groupBy(col("sessionId"), col("userId"))
            .agg(all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
    for (String missing : NOT_ASSESSED) {
      sessions = sessions.withColumn(missing, lit(null).cast("double"));
    }
    for (DimensionGroup group : DimensionGroup.values()) {
      sessions =
          sessions.withColumn(
              group.wireName(),
              mean(group.dimensions().stream().map(Dimension::wireName).toList()));
    }
    return sessions
        .withColumn(Scores.OVERALL, overall(rubrics))
        .withColumn(
            "evidence",
            org.apache.spark.sql.functions.map(
                lit(Dimension.PACE.wireName()),
                org.apache.spark.sql.functions.concat(
                    lit("average "),
                    coalesce(col("averageWordsPerMinute").cast("string"), lit("unknown")),
                    lit(" words a minute")),
                lit(Dimension.FLUENCY.wireName()),
                org.apache.spark.sql.functions.concat(
                    lit("average "),
                    coalesce(col("averageFillersPerMinute").cast("string"), lit("unknown")),
                    lit(" fillers a minute")),
                lit(Dimension.STRUCTURE.wireName()),
                org.apache.spark.sql.functions.concat(
                    col("answersWithResult").cast("string"),
                    lit(" of "),
                    col("answerCount").cast("string"),
                    lit(" answers state a result")),
                lit("quote"),
                col("bestStructuredAnswer")))
        .drop("bestStructuredAnswer");
  }

  /** The mean of the columns that are not null; null when all are. */
  static Column mean(List<String> columns) {
    Column total = lit(0.0);
    Column present = lit(0);
    for (String c : columns) {
      total = total.plus(coalesce(col(c), lit(0.0)));
      present = present.plus(when(col(c).isNull(), 0).otherwise(1));
    }
    return when(present.equalTo(0), lit(null)).otherwise(round(total.divide(present), 1));
  }

  /**
   * The groups weighted by the rubric of the session's type, over the groups that were assessed.
   */
  public static Column overall(Map<String, Map<String, Double>> rubrics) {
    Column weighted = lit(0.0);
    Column weights = lit(0.0);
    for (String group : DimensionGroup.wireNames()) {
      Column weight = lit(0.0);
      for (Map.Entry<String, Map<String, Double>> rubric : rubrics.entrySet()) {
        weight =
            when(
                    col("interviewType").equalTo(rubric.getKey()),
                    lit(rubric.getValue().getOrDefault(group, 0.0)))
                .otherwise(weight);
      }
      Column present = col(group).isNotNull();
      weighted = weighted.plus(when(present, col(group).multiply(weight)).otherwise(0.0));
      weights = weights.plus(when(present, weight).otherwise(0.0));
    }
    return when(weights.equalTo(0), lit(null)).otherwise(round(weighted.divide(weights), 1));
  }
}
