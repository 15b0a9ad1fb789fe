package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.LocalSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

class CohortReportTest {

  private static SparkSession spark;

  private static final StructType ANSWERS =
      new StructType()
          .add("eventId", DataTypes.StringType, false)
          .add("sessionId", DataTypes.StringType, false)
          .add("userId", DataTypes.StringType, false)
          .add("wordsPerMinute", DataTypes.DoubleType, true)
          .add("fillersPerMinute", DataTypes.DoubleType, true)
          .add("starCompleteness", DataTypes.DoubleType, false)
          .add("lexicalDiversity", DataTypes.DoubleType, false)
          .add("sentiment", DataTypes.DoubleType, false)
          .add("at", DataTypes.TimestampType, false);

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row answer(
      String user, String session, int i, double fillers, double star, String day) {
    return RowFactory.create(
        session + "/answer/" + i,
        session,
        user,
        140.0,
        fillers,
        star,
        0.7,
        0.1,
        Timestamp.from(Instant.parse(day + "T10:00:00Z")));
  }

  private Dataset<Row> answers() {
    return spark.createDataFrame(
        List.of(
            answer("ana", "s1", 0, 1.0, 1.0, "2026-03-01"),
            answer("ana", "s1", 0, 1.0, 1.0, "2026-03-01"), // replayed: same event id
            answer("ana", "s1", 1, 3.0, 0.5, "2026-03-01"),
            answer("ana", "s2", 0, 2.0, 0.75, "2026-03-10"),
            answer("bo", "s3", 0, 9.0, 0.25, "2026-03-02"),
            answer("outsider", "s4", 0, 1.0, 1.0, "2026-03-02")),
        ANSWERS);
  }

  private static Map<String, Row> byUser(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("userId"), r -> r));
  }

  @Test
  void everyMemberGetsARowAndOnlyMembersAreCounted() {
    List<String> members = List.of("ana", "bo", "cy");
    Map<String, Row> rows =
        byUser(
            CohortReport.members(
                CohortReport.window(answers(), members, Optional.empty(), Optional.empty()),
                members));

    assertThat(rows).containsOnlyKeys("ana", "bo", "cy");
    assertThat(rows.get("ana").<Long>getAs("sessions")).isEqualTo(2L);
    assertThat(rows.get("ana").<Long>getAs("answers")).isEqualTo(3L);
    assertThat(rows.get("ana").<Double>getAs("averageStarCompleteness")).isEqualTo(0.75);
    assertThat(rows.get("cy").<Long>getAs("sessions")).isZero();
  }

  @Test
  void membersWithoutSessionsLowStructureOrManyFillersNeedAttention() {
    List<String> members = List.of("ana", "bo", "cy");
    Map<String, Row> rows =
        byUser(
            CohortReport.members(
                CohortReport.window(answers(), members, Optional.empty(), Optional.empty()),
                members));

    assertThat(rows.get("ana").<Boolean>getAs("needsAttention")).isFalse();
    assertThat(rows.get("bo").<Boolean>getAs("needsAttention")).isTrue();
    assertThat(rows.get("cy").<Boolean>getAs("needsAttention")).isTrue();
  }

  @Test
  void theWindowKeepsTheDaysFromFromToToInclusive() {
    List<String> members = List.of("ana", "bo");
    Dataset<Row> window =
        CohortReport.window(
            answers(),
            members,
            Optional.of(LocalDate.parse("2026-03-02")),
            Optional.of(LocalDate.parse("2026-03-10")));

    assertThat(
            window
                .select("sessionId")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("s2", "s3");
  }

  /** Assessed sessions: ana scores 80 then 60, bo 40, and one session without an overall. */
  private Dataset<Row> assessed() {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("answeredAt", DataTypes.TimestampType);
    for (String score : Benchmarks.SCORES) {
      schema = schema.add(score, DataTypes.DoubleType);
    }
    List<Row> rows = new java.util.ArrayList<>();
    Object[][] sessions = {
      {"s1", "ana", "2026-03-01", 80.0}, {"s2", "ana", "2026-03-10", 60.0},
      {"s3", "bo", "2026-03-02", 40.0}, {"s5", "bo", "2026-03-02", null}
    };
    for (Object[] s : sessions) {
      Object[] values = new Object[3 + Benchmarks.SCORES.size()];
      values[0] = s[0];
      values[1] = s[1];
      values[2] = Timestamp.from(Instant.parse(s[2] + "T10:00:00Z"));
      values[3] = s[3];
      values[4] = s[3] == null ? null : 50.0; // communication
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void membersGetTheirAverageAndLatestOverallAndALowAverageNeedsAttention() {
    List<String> members = List.of("ana", "bo", "cy");
    Map<String, Row> rows =
        byUser(
            CohortReport.withScores(
                CohortReport.members(
                    CohortReport.window(answers(), members, Optional.empty(), Optional.empty()),
                    members),
                assessed()));

    assertThat(rows.get("ana").<Double>getAs("averageOverall")).isEqualTo(70.0);
    assertThat(rows.get("ana").<Double>getAs("latestOverall")).isEqualTo(60.0);
    assertThat(rows.get("ana").<Boolean>getAs("needsAttention")).isFalse();
    assertThat(rows.get("bo").<Double>getAs("averageOverall")).isEqualTo(40.0);
    assertThat((Object) rows.get("cy").getAs("averageOverall")).isNull();
    assertThat(rows.get("cy").<Boolean>getAs("needsAttention")).isTrue();
  }

  @Test
  void distributionCountsSessionsPerTenthAndTrendAveragesByDay() {
    Map<Integer, Long> buckets =
        CohortReport.distribution(assessed()).collectAsList().stream()
            .collect(
                Collectors.toMap(r -> r.<Integer>getAs("bucket"), r -> r.<Long>getAs("sessions")));
    List<Row> trend = CohortReport.trend(assessed()).collectAsList();
    Row averages = CohortReport.scoreAverages(assessed()).first();

    assertThat(buckets).containsExactlyInAnyOrderEntriesOf(Map.of(4, 1L, 6, 1L, 8, 1L));
    assertThat(trend)
        .extracting(r -> r.getAs("day").toString())
        .containsExactly("2026-03-01", "2026-03-02", "2026-03-10");
    assertThat(trend.get(1).<Long>getAs("sessions")).isEqualTo(2L);
    assertThat(trend.get(1).<Double>getAs("averageOverall")).isEqualTo(40.0);
    assertThat(averages.<Double>getAs("overall")).isEqualTo(60.0);
    assertThat(averages.<Double>getAs("communication")).isEqualTo(50.0);
    assertThat((Object) averages.getAs("pace")).isNull();
  }
}
