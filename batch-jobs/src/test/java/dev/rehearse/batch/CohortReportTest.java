package dev.rehearse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.core.config.Connections;
import java.net.URI;
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
    spark =
        Sessions.create(
            new BatchConfig(
                new Connections(
                    "unused:9092",
                    URI.create("http://unused:9200"),
                    URI.create("http://unused:9000"),
                    "k",
                    "s",
                    "lake"),
                "local[1]",
                0,
                0),
            false);
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
}
