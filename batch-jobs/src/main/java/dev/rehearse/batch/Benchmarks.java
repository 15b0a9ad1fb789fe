package dev.rehearse.batch;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.round;

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
    Dataset<Row> out = null;
    for (String score : SCORES) {
      for (String[] group :
          List.of(new String[] {"all", null}, new String[] {"type", "interviewType"})) {
        Column value = group[1] == null ? lit("everyone") : col(group[1]);
        Dataset<Row> rows =
            assessed
                .filter(col(score).isNotNull())
                .withColumn("groupValue", value)
                .groupBy(col("groupValue"))
                .agg(
                    countDistinct("userId").as("candidates"),
                    count("*").as("sessions"),
                    percentile_approx(
                            col(score),
                            array(lit(0.1), lit(0.25), lit(0.5), lit(0.75), lit(0.9)),
                            lit(10_000))
                        .as("q"))
                .filter(col("candidates").geq(minGroup))
                .select(
                    lit(group[0]).as("groupKind"),
                    col("groupValue"),
                    lit(score).as("score"),
                    col("candidates"),
                    col("sessions"),
                    expr("q[0]").as("p10"),
                    expr("q[1]").as("p25"),
                    expr("q[2]").as("p50"),
                    expr("q[3]").as("p75"),
                    expr("q[4]").as("p90"));
        out = out == null ? rows : out.unionByName(rows);
      }
    }
    return out;
  }

  /**
   * Adds each session's percentile rank (0–100) of its overall score: {@code overallRankAll}
   * against everyone, {@code overallRankType} against its interview type; null where the group is
   * smaller than {@code minGroup} candidates.
   */
  public static Dataset<Row> ranks(Dataset<Row> assessed, int minGroup) {
    Dataset<Row> withOverall = assessed.filter(col("overall").isNotNull());
    long everyone = withOverall.select("userId").distinct().count();
    Dataset<Row> typeSizes =
        withOverall.groupBy("interviewType").agg(countDistinct("userId").as("typeCandidates"));
    Column all =
        everyone >= minGroup
            ? round(percent_rank().over(Window.orderBy(col("overall"))).multiply(100), 1)
            : lit(null).cast("double");
    Column byType =
        org.apache
            .spark
            .sql
            .functions
            .when(
                col("typeCandidates").geq(minGroup),
                round(
                    percent_rank()
                        .over(Window.partitionBy(col("interviewType")).orderBy(col("overall")))
                        .multiply(100),
                    1))
            .otherwise(lit(null).cast("double"));
    Dataset<Row> ranked =
        withOverall
            .join(typeSizes, "interviewType")
            .withColumn("overallRankAll", all)
            .withColumn("overallRankType", byType)
            .select(col("sessionId"), col("overallRankAll"), col("overallRankType"));
    return assessed.join(ranked, "sessionId", "left");
  }
}
