package dev.rehearse.batch.transforms;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
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
    List<Column> kept =
        new ArrayList<>(
            List.of(col(AssessmentKeyFields.USER_ID), col(AssessmentKeyFields.SESSION_ID)));
    GROUPS.values().stream().filter(present::contains).forEach(c -> kept.add(col(c)));
    Column[] scores =
        SCORES.stream()
            .map(s -> struct(lit(s).as(BenchmarkFields.SCORE), col(s).cast("double").as("value")))
            .toArray(Column[]::new);
    List<Column> exploded = new ArrayList<>(kept);
    exploded.add(explode(array(scores)).as("s"));
    List<Column> flat = new ArrayList<>(kept);
    flat.add(col("s." + BenchmarkFields.SCORE));
    flat.add(col("s.value"));
    Dataset<Row> values =
        assessed
            .select(exploded.toArray(Column[]::new))
            .select(flat.toArray(Column[]::new))
            .filter(col("value").isNotNull());
    Dataset<Row> grouped = group(values, KIND_ALL, lit("everyone"));
    for (Map.Entry<String, String> g : new TreeMap<>(GROUPS).entrySet()) {
      if (present.contains(g.getValue())) {
        grouped =
            grouped.unionByName(
                group(values.filter(col(g.getValue()).isNotNull()), g.getKey(), col(g.getValue())));
      }
    }
    return summarize(grouped, minGroup);
  }

  /**
   * Per question: the percentiles of each answer-level dimension over the answers to that question
   * ({@code groupKind} {@code question}, {@code groupValue} the question id), from the scored
   * answers.
   */
  public static Dataset<Row> questionPercentiles(Dataset<Row> scoredAnswers, int minGroup) {
    Column[] scores =
        Assessments.DIMENSIONS.stream()
            .map(s -> struct(lit(s).as(BenchmarkFields.SCORE), col(s).cast("double").as("value")))
            .toArray(Column[]::new);
    Dataset<Row> values =
        scoredAnswers
            .filter(col(BronzeAnswerFields.QUESTION_ID).isNotNull())
            .select(
                col(BronzeAnswerFields.USER_ID),
                col(BronzeAnswerFields.SESSION_ID),
                col(BronzeAnswerFields.QUESTION_ID),
                explode(array(scores)).as("s"))
            .select(
                col(BronzeAnswerFields.USER_ID),
                col(BronzeAnswerFields.SESSION_ID),
                col(BronzeAnswerFields.QUESTION_ID),
                col("s." + BenchmarkFields.SCORE),
                col("s.value"))
            .filter(col("value").isNotNull());
    return summarize(group(values, KIND_QUESTION, col(BronzeAnswerFields.QUESTION_ID)), minGroup);
  }

  private static Dataset<Row> group(Dataset<Row> values, String kind, Column value) {
    return values
        .withColumn(BenchmarkFields.GROUP_KIND, lit(kind))
        .withColumn(BenchmarkFields.GROUP_VALUE, value.cast("string"))
        .select(
            BenchmarkFields.GROUP_KIND,
            BenchmarkFields.GROUP_VALUE,
            BenchmarkFields.SCORE,
            "value",
            AssessmentKeyFields.USER_ID);
  }

  private static Dataset<Row> summarize(Dataset<Row> grouped, int minGroup) {
    Column[] keys = {
      col(BenchmarkFields.GROUP_KIND), col(BenchmarkFields.GROUP_VALUE), col(BenchmarkFields.SCORE)
    };
    // distinct candidates in an aggregation of their own: beside the percentiles, a distinct
    // count would multiply the rows and push the percentile aggregation onto a sort
    Dataset<Row> candidates =
        grouped
            .select(
                col(BenchmarkFields.GROUP_KIND),
                col(BenchmarkFields.GROUP_VALUE),
                col(BenchmarkFields.SCORE),
                col(AssessmentKeyFields.USER_ID))
            .distinct()
            .groupBy(keys)
            .agg(count("*").as(BenchmarkFields.CANDIDATES))
            .filter(col(BenchmarkFields.CANDIDATES).geq(minGroup));
    Dataset<Row> quantiles =
        grouped
            .groupBy(keys)
            .agg(
                count("*").as(BenchmarkFields.SESSIONS),
                percentile_approx(
                        col("value"),
                        array(lit(0.1), lit(0.25), lit(0.5), lit(0.75), lit(0.9)),
                        lit(10_000))
                    .as("q"));
    return quantiles
        .join(
            candidates,
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of(
                        BenchmarkFields.GROUP_KIND,
                        BenchmarkFields.GROUP_VALUE,
                        BenchmarkFields.SCORE))
                .toSeq())
        .select(
            col(BenchmarkFields.GROUP_KIND),
            col(BenchmarkFields.GROUP_VALUE),
            col(BenchmarkFields.SCORE),
            col(BenchmarkFields.CANDIDATES),
            col(BenchmarkFields.SESSIONS),
            expr("q[0]").as(BenchmarkFields.P10),
            expr("q[1]").as(BenchmarkFields.P25),
            expr("q[2]").as(BenchmarkFields.P50),
            expr("q[3]").as(BenchmarkFields.P75),
            expr("q[4]").as(BenchmarkFields.P90));
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
