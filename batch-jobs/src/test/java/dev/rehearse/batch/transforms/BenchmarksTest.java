package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.LocalSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Six behavioural candidates scoring 10, 20 … 60 and two technical ones. */
  private Dataset<Row> assessed() {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("interviewType", DataTypes.StringType);
    for (String s : Benchmarks.SCORES) {
      schema = schema.add(s, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      Object[] values = new Object[3 + Benchmarks.SCORES.size()];
      values[0] = "s" + i;
      values[1] = "u" + i;
      values[2] = i <= 6 ? "behavioral" : "technical";
      for (int k = 0; k < Benchmarks.SCORES.size(); k++) {
        values[3 + k] = Benchmarks.SCORES.get(k).equals("pace") ? null : 10.0 * i;
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void percentilesArePublishedOnlyForGroupsOfTheMinimumSize() {
    List<Row> published =
        Benchmarks.percentiles(assessed(), 5).filter("score = 'overall'").collectAsList();
    Map<String, Row> byGroup =
        published.stream()
            .collect(
                Collectors.toMap(r -> r.getAs("groupKind") + ":" + r.getAs("groupValue"), r -> r));

    assertThat(byGroup).containsOnlyKeys("all:everyone", "type:behavioral");
    Row behavioural = byGroup.get("type:behavioral");
    assertThat(behavioural.<Long>getAs("candidates")).isEqualTo(6L);
    assertThat(behavioural.<Double>getAs("p50")).isEqualTo(30.0);
    assertThat(behavioural.<Double>getAs("p90")).isEqualTo(60.0);
    assertThat(byGroup.get("all:everyone").<Double>getAs("p10")).isEqualTo(10.0);
    // a score nobody has is not benchmarked
    assertThat(Benchmarks.percentiles(assessed(), 5).filter("score = 'pace'").count()).isZero();
  }

  @Test
  void eachSessionIsRankedAgainstEveryoneAndItsTypeWhenTheGroupIsLargeEnough() {
    Map<String, Row> ranked =
        Benchmarks.ranks(assessed(), 5).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));

    assertThat(ranked.get("s8").<Double>getAs("overallRankAll")).isEqualTo(100.0);
    assertThat(ranked.get("s1").<Double>getAs("overallRankAll")).isEqualTo(0.0);
    assertThat(ranked.get("s6").<Double>getAs("overallRankType")).isEqualTo(100.0);
    assertThat((Object) ranked.get("s8").getAs("overallRankType"))
        .as("two technical candidates")
        .isNull();
    assertThat(Benchmarks.ranks(assessed(), 10).collectAsList())
        .allSatisfy(r -> assertThat((Object) r.getAs("overallRankAll")).isNull());
  }

  /** The eight sessions with a role (five backend) and a cohort (u1–u5 in c1, u3 twice). */
  private Dataset<Row> assessedWithGroups() {
    Dataset<Row> groups =
        spark.createDataFrame(
            List.of(
                RowFactory.create("s1", "backend", "c1"),
                RowFactory.create("s2", "backend", "c1"),
                RowFactory.create("s3", "backend", "c1"),
                RowFactory.create("s4", "backend", "c1"),
                RowFactory.create("s5", "backend", "c1"),
                RowFactory.create("s6", "frontend", null),
                RowFactory.create("s7", "frontend", null),
                RowFactory.create("s8", null, null)),
            new StructType()
                .add("sessionId", DataTypes.StringType)
                .add("role", DataTypes.StringType)
                .add("cohortId", DataTypes.StringType));
    return assessed().join(groups, "sessionId");
  }

  @Test
  void rolesAndCohortsAreBenchmarkedAndRankedLikeTypes() {
    Map<String, Row> overall =
        Benchmarks.percentiles(assessedWithGroups(), 5)
            .filter("score = 'overall'")
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(r -> r.getAs("groupKind") + ":" + r.getAs("groupValue"), r -> r));
    Map<String, Row> ranked =
        Benchmarks.ranks(assessedWithGroups(), 5).collectAsList().stream()
            .collect(Collectors.toMap(r -> r.<String>getAs("sessionId"), r -> r));

    assertThat(overall)
        .containsOnlyKeys("all:everyone", "type:behavioral", "role:backend", "cohort:c1");
    assertThat(overall.get("cohort:c1").<Double>getAs("p90")).isEqualTo(50.0);
    assertThat(ranked.get("s5").<Double>getAs("overallRankCohort")).isEqualTo(100.0);
    assertThat(ranked.get("s5").<Double>getAs("overallRankRole")).isEqualTo(100.0);
    assertThat(ranked.get("s5").<Double>getAs("overallRankAll")).isEqualTo(57.1);
    assertThat((Object) ranked.get("s6").getAs("overallRankCohort")).isNull();
    assertThat((Object) ranked.get("s6").getAs("overallRankRole")).as("two frontend").isNull();
  }

  @Test
  void questionsAreBenchmarkedOverTheAnswersOfEnoughCandidates() {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("questionId", DataTypes.StringType);
    for (String d : Assessments.DIMENSIONS) {
      schema = schema.add(d, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      for (String question : List.of("beh-001", "tech-002")) {
        if (question.equals("tech-002") && i > 3) {
          continue;
        }
        Object[] values = new Object[3 + Assessments.DIMENSIONS.size()];
        values[0] = "s" + i;
        values[1] = "u" + i;
        values[2] = question;
        for (int k = 0; k < Assessments.DIMENSIONS.size(); k++) {
          values[3 + k] = 10.0 * i;
        }
        rows.add(RowFactory.create(values));
      }
    }

    List<Row> published =
        Benchmarks.questionPercentiles(spark.createDataFrame(rows, schema), 5)
            .filter("score = 'depth'")
            .collectAsList();

    assertThat(published).hasSize(1);
    assertThat(published.get(0).<String>getAs("groupKind")).isEqualTo("question");
    assertThat(published.get(0).<String>getAs("groupValue")).isEqualTo("beh-001");
    assertThat(published.get(0).<Long>getAs("candidates")).isEqualTo(6L);
    assertThat(published.get(0).<Double>getAs("p50")).isEqualTo(30.0);
  }
}
