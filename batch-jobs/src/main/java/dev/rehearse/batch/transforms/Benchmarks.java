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

  /** The session columns sessions are grouped by, with the group kind each makes. */
  public static final Map<String, String> GROUPS =
      Map.of("type", "interviewType", "role", "role", "cohort", "cohortId");

  /** The rank column of each group kind ({@code overallRankAll} ranks against everyone). */
  static String rankColumn(String kind) {
    return "overallRank" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }

  /**
   * One row per published group and score: {@code groupKind} ({@code all}, {@code type}, {@code
   * role}, or {@code cohort} when the sessions carry a {@code cohortId}), {@code groupValue},
   * {@code score}, {@code candidates}, {@code sessions}, {@code p10}…{@code p90}. A session with no
   * value for a group's column is in no group of that kind.
   */
  public static Dataset<Row> percentiles(Dataset<Row> assessed, int minGroup) {
    List<String> present = List.of(assessed.columns());
    List<Column> kept = new ArrayList<>(List.of(col("userId"), col("sessionId")));
    GROUPS.values().stream().filter(present::contains).forEach(c -> kept.add(col(c)));
    Column[] scores =
        SCORES.stream()
            .map(s -> struct(lit(s).as("score"), col(s).cast("double").as("value")))
            .toArray(Column[]::new);
    List<Column> exploded = new ArrayList<>(kept);
    exploded.add(explode(array(scores)).as("s"));
    List<Column> flat = new ArrayList<>(kept);
    flat.add(col("s.score"));
    flat.add(col("s.value"));
    Dataset<Row> values =
        assessed
            .select(exploded.toArray(Column[]::new))
            .select(flat.toArray(Column[]::new))
            .filter(col("value").isNotNull());
    Dataset<Row> grouped = group(values, "all", lit("everyone"));
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
            .map(s -> struct(lit(s).as("score"), col(s).cast("double").as("value")))
            .toArray(Column[]::new);
    Dataset<Row> values =
        scoredAnswers
            .filter(col("questionId").isNotNull())
            .select(
                col("userId"), col("sessionId"), col("questionId"), explode(array(scores)).as("s"))
            .select(
                col("userId"), col("sessionId"), col("questionId"), col("s.score"), col("s.value"))
            .filter(col("value").isNotNull());
    return summarize(group(values, "question", col("questionId")), minGroup);
  }

  private static Dataset<Row> group(Dataset<Row> values, String kind, Column value) {
    return values
        .withColumn("groupKind", lit(kind))
        .withColumn("groupValue", value.cast("string"))
        .select("groupKind", "groupValue", "score", "value", "userId");
  }

  private static Dataset<Row> summarize(Dataset<Row> grouped, int minGroup) {
    Column[] keys = {col("groupKind"), col("groupValue"), col("score")};
    // distinct candidates in an aggregation of their own: beside the percentiles, a distinct
    // count would multiply the rows and push the percentile aggregation onto a sort
    Dataset<Row> candidates =
        grouped
            .select(col("groupKind"), col("groupValue"), col("score"), col("userId"))
            .distinct()
            .groupBy(keys)
            .agg(count("*").as("candidates"))
            .filter(col("candidates").geq(minGroup));
    Dataset<Row> quantiles =
        grouped
            .groupBy(keys)
            .agg(
                count("*").as("sessions"),
                percentile_approx(
                        col("value"),
                        array(lit(0.1), lit(0.25), lit(0.5), lit(0.75), lit(0.9)),
                        lit(10_000))
                    .as("q"));
    return quantiles
        .join(
            candidates,
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of("groupKind", "groupValue", "score"))
                .toSeq())
        .select(
            col("groupKind"),
            col("groupValue"),
            col("score"),
            col("candidates"),
            col("sessions"),
            expr("q[0]").as("p10"),
            expr("q[1]").as("p25"),
            expr("q[2]").as("p50"),
            expr("q[3]").as("p75"),
            expr("q[4]").as("p90"));
  }

  /**
   * Adds each session's percentile rank (0–100) of its overall score: {@code overallRankAll}
   * against everyone, and {@code overallRankType}, {@code overallRankRole}, {@code
   * overallRankCohort} against the sessions of its group (for each group column the sessions
   * carry); null where the group is smaller than {@code minGroup} candidates.
   */
  public static Dataset<Row> ranks(Dataset<Row> assessed, int minGroup) {
    List<String> present = List.of(assessed.columns());
    List<Column> needed = new ArrayList<>(List.of(col("sessionId"), col("userId"), col("overall")));
    new TreeMap<>(GROUPS)
        .values().stream().filter(present::contains).forEach(c -> needed.add(col(c)));
    // every group's size comes from this one input: sizes taken from the ranks added so far would
    // nest each rank's plan inside the next, doubling the work with every group
    Dataset<Row> base =
        assessed.filter(col("overall").isNotNull()).select(needed.toArray(Column[]::new));
    Dataset<Row> ranked = rank(base, base, "all", null, minGroup);
    List<String> rankColumns = new ArrayList<>(List.of(rankColumn("all")));
    for (Map.Entry<String, String> g : new TreeMap<>(GROUPS).entrySet()) {
      if (present.contains(g.getValue())) {
        ranked = rank(ranked, base, g.getKey(), g.getValue(), minGroup);
        rankColumns.add(rankColumn(g.getKey()));
      }
    }
    List<Column> selected = new ArrayList<>(List.of(col("sessionId")));
    rankColumns.forEach(c -> selected.add(col(c)));
    return assessed.join(ranked.select(selected.toArray(Column[]::new)), "sessionId", "left");
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
            ? base.agg(countDistinct("userId").as(size))
            : base.groupBy(col(column)).agg(countDistinct("userId").as(size));
    Dataset<Row> joined =
        column == null ? sessions.crossJoin(sizes) : sessions.join(sizes, column, "left");
    WindowSpec window =
        column == null
            ? Window.orderBy(col("overall"))
            : Window.partitionBy(col(column)).orderBy(col("overall"));
    return joined
        .withColumn(
            rankColumn(kind),
            when(col(size).geq(minGroup), round(percent_rank().over(window).multiply(100), 1))
                .otherwise(lit(null).cast("double")))
        .drop(size);
  }
}
