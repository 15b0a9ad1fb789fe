package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.core.lake.BenchmarkFields;
import dev.rehearse.core.lake.BronzeAnswerFields;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Peer benchmarks over assessed sessions: the p10…p90 of every score per group (everyone, each
 * interview type, role and cohort, and per question over its answers), and each session's
 * percentile rank against everyone and against its type, role and cohort. A group with fewer than
 * {@code minGroup} candidates is not published, so no one can be singled out. Pure {@code Dataset
 * -> Dataset} functions.
 */
public final class Benchmarks {

  private Benchmarks() {}

  /** The scores benchmarked. */
  public static final List<String> SCORES = Scores.benchmarked();

  /** The group kind ({@code groupKind}) of everyone. */
  public static final String KIND_ALL = "all";

  /** The group kind of the sessions of one interview type. */
  public static final String KIND_TYPE = "type";

  /** The group kind of the sessions of one role. */
  public static final String KIND_ROLE = "role";

  /** The group kind of the sessions of one cohort. */
  public static final String KIND_COHORT = "cohort";

  /** The group kind of the answers to one question. */
  public static final String KIND_QUESTION = "question";

  /** The session columns sessions are grouped by, with the group kind each makes. */
  public static final Map<String, String> GROUPS =
      Map.of(
          KIND_TYPE,
          AssessmentKeyFields.INTERVIEW_TYPE,
          KIND_ROLE,
          AssessmentKeyFields.ROLE,
          KIND_COHORT,
          AssessmentDocumentFields.COHORT_ID);

  /** The rank column of each group kind ({@code overallRankAll} ranks against everyone). */
  private static final Map<String, String> RANK_COLUMNS =
      Map.of(
          KIND_ALL,
          AssessmentStatisticsFields.OVERALL_RANK_ALL,
          KIND_TYPE,
          AssessmentStatisticsFields.OVERALL_RANK_TYPE,
          KIND_ROLE,
          AssessmentStatisticsFields.OVERALL_RANK_ROLE,
          KIND_COHORT,
          AssessmentDocumentFields.OVERALL_RANK_COHORT);

  /** The rank column of a group kind. */
  static String rankColumn(String kind) {
    return RANK_COLUMNS.get(kind);
  }

  /**
   * One row per published group and score: {@code groupKind} ({@code all}, {@code type}, {@code
   * role}, or {@code cohort} when the sessions carry a {@code cohortId}), {@code groupValue},
   * {@code score}, {@code candidates}, {@code sessions}, {@code p10}…{@code p90}. A session with no
   * value for a group's column is in no group of that kind.
   */
  public static Dataset<Row> percentiles(Dataset<Row> assessed, int minGroup) {
    List<String> present = List.of(assessed.columns());
    Dataset<Row> published = summarize(assessed, KIND_ALL, lit("everyone"), SCORES, minGroup);
    for (Map.Entry<String, String> g : new TreeMap<>(GROUPS).entrySet()) {
      if (present.contains(g.getValue())) {
        published =
            published.unionByName(
                summarize(
                    assessed.filter(col(g.getValue()).isNotNull()),
                    g.getKey(),
                    col(g.getValue()),
                    SCORES,
                    minGroup));
      }
    }
    return published;
  }

  /**
   * Per question: the percentiles of each answer-level dimension over the answers to that question
   * ({@code groupKind} {@code question}, {@code groupValue} the question id), from the scored
   * answers.
   */
  public static Dataset<Row> questionPercentiles(Dataset<Row> scoredAnswers, int minGroup) {
    return summarize(
        scoredAnswers.filter(col(BronzeAnswerFields.QUESTION_ID).isNotNull()),
        KIND_QUESTION,
        col(BronzeAnswerFields.QUESTION_ID),
        Assessments.DIMENSIONS,
        minGroup);
  }

  /**
   * The published rows of one group kind: per group and score, the rows with a value ({@code
   * sessions}), the distinct candidates among them, and the percentiles; groups of fewer than
   * {@code minGroup} candidates left out. Each group is one row through the aggregations, with a
   * column per score (not a row per score: the rows would multiply by the scores before the
   * shuffle), and becomes a row per score only once aggregated.
   */
  private static Dataset<Row> summarize(
      Dataset<Row> rows, String kind, Column groupValue, List<String> scores, int minGroup) {
    List<Column> keyed =
        new ArrayList<>(
            List.of(
                groupValue.cast("string").as(BenchmarkFields.GROUP_VALUE),
                col(AssessmentKeyFields.USER_ID)));
    for (int i = 0; i < scores.size(); i++) {
      keyed.add(col(scores.get(i)).cast("double").as(value(i)));
    }
    Dataset<Row> values = rows.select(keyed.toArray(Column[]::new));
    List<Column> quantiles = new ArrayList<>();
    List<Column> hasValue = new ArrayList<>();
    List<Column> candidates = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      quantiles.add(count(col(value(i))).as("n" + i));
      quantiles.add(
          percentile_approx(
                  col(value(i)),
                  array(lit(0.1), lit(0.25), lit(0.5), lit(0.75), lit(0.9)),
                  lit(10_000))
              .as("q" + i));
      hasValue.add(max(when(col(value(i)).isNotNull(), 1).otherwise(0)).as("h" + i));
      candidates.add(sum(col("h" + i)).as("c" + i));
    }
    // distinct candidates in an aggregation of their own: one row per group and candidate first
    Dataset<Row> perGroup =
        values
            .groupBy(col(BenchmarkFields.GROUP_VALUE))
            .agg(quantiles.get(0), quantiles.subList(1, quantiles.size()).toArray(Column[]::new))
            .join(
                values
                    .groupBy(col(BenchmarkFields.GROUP_VALUE), col(AssessmentKeyFields.USER_ID))
                    .agg(
                        hasValue.get(0),
                        hasValue.subList(1, hasValue.size()).toArray(Column[]::new))
                    .groupBy(col(BenchmarkFields.GROUP_VALUE))
                    .agg(
                        candidates.get(0),
                        candidates.subList(1, candidates.size()).toArray(Column[]::new)),
                BenchmarkFields.GROUP_VALUE);
    Column[] perScore = new Column[scores.size()];
    for (int i = 0; i < scores.size(); i++) {
      perScore[i] =
          struct(
              lit(scores.get(i)).as(BenchmarkFields.SCORE),
              col("c" + i).as(BenchmarkFields.CANDIDATES),
              col("n" + i).as(BenchmarkFields.SESSIONS),
              col("q" + i).as("q"));
    }
    return perGroup
        .select(
            lit(kind).as(BenchmarkFields.GROUP_KIND),
            col(BenchmarkFields.GROUP_VALUE),
            explode(array(perScore)).as("s"))
        .filter(
            col("s." + BenchmarkFields.SESSIONS)
                .gt(0)
                .and(col("s." + BenchmarkFields.CANDIDATES).geq(minGroup)))
        .select(
            col(BenchmarkFields.GROUP_KIND),
            col(BenchmarkFields.GROUP_VALUE),
            col("s." + BenchmarkFields.SCORE).as(BenchmarkFields.SCORE),
            col("s." + BenchmarkFields.CANDIDATES).as(BenchmarkFields.CANDIDATES),
            col("s." + BenchmarkFields.SESSIONS).as(BenchmarkFields.SESSIONS),
            expr("s.q[0]").as(BenchmarkFields.P10),
            expr("s.q[1]").as(BenchmarkFields.P25),
            expr("s.q[2]").as(BenchmarkFields.P50),
            expr("s.q[3]").as(BenchmarkFields.P75),
            expr("s.q[4]").as(BenchmarkFields.P90));
  }

  /** The column of the i-th score while a group kind is summarized. */
  private static String value(int i) {
    return "v" + i;
  }

  /**
   * Adds each session's percentile rank (0–100) of its overall score: {@code overallRankAll}
   * against everyone, and {@code overallRankType}, {@code overallRankRole}, {@code
   * overallRankCohort} against the sessions of its group (for each group column the sessions
   * carry); null where the group is smaller than {@code minGroup} candidates.
   */
  public static Dataset<Row> ranks(Dataset<Row> assessed, int minGroup) {
    List<String> present = List.of(assessed.columns());
    List<Column> needed =
        new ArrayList<>(
            List.of(
                col(AssessmentKeyFields.SESSION_ID),
                col(AssessmentKeyFields.USER_ID),
                col(Scores.OVERALL)));
    new TreeMap<>(GROUPS)
        .values().stream().filter(present::contains).forEach(c -> needed.add(col(c)));
    // every group's size comes from this one input: sizes taken from the ranks added so far would
    // nest each rank's plan inside the next, doubling the work with every group
    Dataset<Row> base =
        assessed.filter(col(Scores.OVERALL).isNotNull()).select(needed.toArray(Column[]::new));
    Dataset<Row> ranked = rank(base, base, KIND_ALL, null, minGroup);
    List<String> rankColumns = new ArrayList<>(List.of(rankColumn(KIND_ALL)));
    for (Map.Entry<String, String> g : new TreeMap<>(GROUPS).entrySet()) {
      if (present.contains(g.getValue())) {
        ranked = rank(ranked, base, g.getKey(), g.getValue(), minGroup);
        rankColumns.add(rankColumn(g.getKey()));
      }
    }
    List<Column> selected = new ArrayList<>(List.of(col(AssessmentKeyFields.SESSION_ID)));
    rankColumns.forEach(c -> selected.add(col(c)));
    return assessed.join(
        ranked.select(selected.toArray(Column[]::new)), AssessmentKeyFields.SESSION_ID, "left");
  }

  /**
   * Ranks {@code sessions} by overall score within the groups of {@code column} (everyone when it
   * is null), the groups' sizes counted in {@code base}.
   */
  private static Dataset<Row> rank(
      Dataset<Row> sessions, Dataset<Row> base, String kind, String column, int minGroup) {
    String size = "candidatesIn_" + kind;
    Dataset<Row> sizes =
        column == null
            ? base.agg(countDistinct(AssessmentKeyFields.USER_ID).as(size))
            : base.groupBy(col(column)).agg(countDistinct(AssessmentKeyFields.USER_ID).as(size));
    Dataset<Row> joined =
        column == null ? sessions.crossJoin(sizes) : sessions.join(sizes, column, "left");
    WindowSpec window =
        column == null
            ? Window.orderBy(col(Scores.OVERALL))
            : Window.partitionBy(col(column)).orderBy(col(Scores.OVERALL));
    return joined
        .withColumn(
            rankColumn(kind),
            when(col(size).geq(minGroup), round(percent_rank().over(window).multiply(100), 1))
                .otherwise(lit(null).cast("double")))
        .drop(size);
  }
}
