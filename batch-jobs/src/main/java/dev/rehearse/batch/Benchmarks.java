package dev.rehearse.batch;

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

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Peer benchmarks over assessed sessions: the p10…p90 of every score per group (everyone, each
 * interview type), and each session's percentile rank against everyone and against its type. A
 * group with fewer than {@code minGroup} candidates is not published, so no one can be singled out.
 * Pure {@code Dataset -> Dataset} functions.
 */
public final class Benchmarks {

  private Benchmarks() {}

  /** The scores benchmarked. */
  public static final List<String> SCORES =
      List.of(
          "overall",
          "communication",
          "content",
          "behavioural",
          "clarity",
          "conciseness",
          "pace",
          "fluency",
          "relevance",
          "depth",
          "structure",
          "starAdherence",
          "ownership",
          "problemSolving");

  /**
   * One row per published group and score: {@code groupKind} ({@code all} or {@code type}), {@code
   * groupValue}, {@code score}, {@code candidates}, {@code sessions}, {@code p10}…{@code p90}.
   */
  public static Dataset<Row> percentiles(Dataset<Row> assessed, int minGroup) {
    // one row per session and score, then every group in one aggregation
    Column[] scores =
        SCORES.stream()
            .map(s -> struct(lit(s).as("score"), col(s).cast("double").as("value")))
            .toArray(Column[]::new);
    Dataset<Row> values =
        assessed
            .select(col("userId"), col("interviewType"), explode(array(scores)).as("s"))
            .select(col("userId"), col("interviewType"), col("s.score"), col("s.value"))
            .filter(col("value").isNotNull());
    Dataset<Row> grouped =
        values
            .withColumn("groupKind", lit("all"))
            .withColumn("groupValue", lit("everyone"))
            .unionByName(
                values
                    .withColumn("groupKind", lit("type"))
                    .withColumn("groupValue", col("interviewType")));
    return grouped
        .groupBy(col("groupKind"), col("groupValue"), col("score"))
        .agg(
            countDistinct("userId").as("candidates"),
            count("*").as("sessions"),
            percentile_approx(
                    col("value"),
                    array(lit(0.1), lit(0.25), lit(0.5), lit(0.75), lit(0.9)),
                    lit(10_000))
                .as("q"))
        .filter(col("candidates").geq(minGroup))
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
   * against everyone, {@code overallRankType} against its interview type; null where the group is
   * smaller than {@code minGroup} candidates.
   */
  public static Dataset<Row> ranks(Dataset<Row> assessed, int minGroup) {
    Dataset<Row> withOverall = assessed.filter(col("overall").isNotNull());
    Dataset<Row> typeSizes =
        withOverall.groupBy("interviewType").agg(countDistinct("userId").as("typeCandidates"));
    Dataset<Row> everyone = withOverall.agg(countDistinct("userId").as("allCandidates"));
    Dataset<Row> ranked =
        withOverall
            .join(typeSizes, "interviewType")
            .crossJoin(everyone)
            .withColumn(
                "overallRankAll",
                when(
                        col("allCandidates").geq(minGroup),
                        round(percent_rank().over(Window.orderBy(col("overall"))).multiply(100), 1))
                    .otherwise(lit(null).cast("double")))
            .withColumn(
                "overallRankType",
                when(
                        col("typeCandidates").geq(minGroup),
                        round(
                            percent_rank()
                                .over(
                                    Window.partitionBy(col("interviewType"))
                                        .orderBy(col("overall")))
                                .multiply(100),
                            1))
                    .otherwise(lit(null).cast("double")))
            .select(col("sessionId"), col("overallRankAll"), col("overallRankType"));
    return assessed.join(ranked, "sessionId", "left");
  }
}
