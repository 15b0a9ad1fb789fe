package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.BatchConfig;
import dev.rehearse.batch.Sessions;
import dev.rehearse.core.config.Connections;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionAggregatesTest {

  private static SparkSession spark;

  /** The bronze answers schema (docs/lake.md). */
  private static final StructType ANSWERS =
      new StructType()
          .add("eventId", DataTypes.StringType, false)
          .add("sessionId", DataTypes.StringType, false)
          .add("userId", DataTypes.StringType, false)
          .add("questionIndex", DataTypes.IntegerType, false)
          .add("question", DataTypes.StringType, false)
          .add("answer", DataTypes.StringType, false)
          .add("wordCount", DataTypes.IntegerType, false)
          .add("durationMs", DataTypes.LongType, true)
          .add("wordsPerMinute", DataTypes.DoubleType, true)
          .add("at", DataTypes.TimestampType, false);

  @BeforeAll
  static void start() {
    BatchConfig config =
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
            0);
    spark = Sessions.create(config, false);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row answer(String session, int index, int words, Double wpm, String at) {
    return RowFactory.create(
        session + "/answer/" + index,
        session,
        "user-" + session,
        index,
        "Q" + index,
        "A" + index,
        words,
        wpm == null ? null : 1_000L,
        wpm,
        Timestamp.from(Instant.parse(at)));
  }

  private static Dataset<Row> answers(Row... rows) {
    return spark.createDataFrame(List.of(rows), ANSWERS);
  }

  @Test
  void eachSessionGetsItsCountsAndAverages() {
    Dataset<Row> in =
        answers(
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"),
            answer("s1", 1, 30, 150.0, "2026-11-25T10:05:00Z"),
            answer("s2", 0, 7, 90.0, "2026-11-25T11:00:00Z"));

    List<Row> out = SessionAggregates.aggregate(in).collectAsList();

    assertThat(out).hasSize(2);
    Row s1 = out.get(0);
    assertThat(s1.<String>getAs("sessionId")).isEqualTo("s1");
    assertThat(s1.<String>getAs("userId")).isEqualTo("user-s1");
    assertThat(s1.<Integer>getAs("answerCount")).isEqualTo(2);
    assertThat(s1.<Long>getAs("totalWords")).isEqualTo(40L);
    assertThat(s1.<Double>getAs("averageWords")).isEqualTo(20.0);
    assertThat(s1.<Double>getAs("averageWordsPerMinute")).isEqualTo(135.0);
    assertThat(s1.<Timestamp>getAs("firstAnswerAt").toInstant())
        .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(s1.<Timestamp>getAs("lastAnswerAt").toInstant())
        .isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
  }

  @Test
  void anAnswerWrittenTwiceCountsOnce() {
    Dataset<Row> in =
        answers(
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"),
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"));

    Row s1 = SessionAggregates.aggregate(in).first();

    assertThat(s1.<Integer>getAs("answerCount")).isEqualTo(1);
    assertThat(s1.<Long>getAs("totalWords")).isEqualTo(10L);
  }

  @Test
  void answersWithoutAPaceDoNotPullTheAveragePaceDown() {
    Dataset<Row> in =
        answers(
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"),
            answer("s1", 1, 10, null, "2026-11-25T10:01:00Z"));

    Row s1 = SessionAggregates.aggregate(in).first();

    assertThat(s1.<Double>getAs("averageWordsPerMinute")).isEqualTo(120.0);
  }

  @Test
  void withoutAnyPaceTheAveragePaceIsAbsent() {
    Row s1 =
        SessionAggregates.aggregate(answers(answer("s1", 0, 10, null, "2026-11-25T10:00:00Z")))
            .first();

    assertThat(s1.<Double>getAs("averageWordsPerMinute")).isNull();
  }

  @Test
  void aSelectionKeepsOnlyTheNamedSessions() {
    Dataset<Row> in =
        answers(
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"),
            answer("s2", 0, 7, 90.0, "2026-11-25T11:00:00Z"));

    assertThat(SessionAggregates.ofSessions(in, List.of("s2")).collectAsList())
        .extracting(r -> r.<String>getAs("sessionId"))
        .containsExactly("s2");
    assertThat(SessionAggregates.ofSessions(in, List.of()).count()).isEqualTo(2);
  }

  @Test
  void newSessionsAreThoseWithAnAnswerInAFileTheLastRunDidNotRead(@TempDir Path lake) {
    // two commits of the lake: s1 and s2 first, then s2's second answer and s3
    answers(
            answer("s1", 0, 10, 120.0, "2026-11-25T10:00:00Z"),
            answer("s2", 0, 7, 90.0, "2026-11-25T11:00:00Z"))
        .coalesce(1)
        .write()
        .parquet(lake.resolve("first").toString());
    answers(
            answer("s2", 1, 8, 95.0, "2026-11-25T11:02:00Z"),
            answer("s3", 0, 9, 100.0, "2026-11-25T12:00:00Z"))
        .coalesce(1)
        .write()
        .parquet(lake.resolve("second").toString());
    String[] firstRun = spark.read().parquet(lake.resolve("first").toString()).inputFiles();
    String[] now =
        spark
            .read()
            .parquet(lake.resolve("first").toString(), lake.resolve("second").toString())
            .inputFiles();

    List<String> unseen = AssessedFiles.unseen(now, Set.of(firstRun));

    assertThat(unseen).hasSize(1).doesNotContain(firstRun);
    Dataset<Row> unseenAnswers = spark.read().parquet(unseen.toArray(String[]::new));
    assertThat(AssessedFiles.sessionsIn(unseenAnswers).collectAsList())
        .extracting(r -> r.<String>getAs("sessionId"))
        .containsExactlyInAnyOrder("s2", "s3");
    assertThat(AssessedFiles.unseen(now, Set.of(now))).isEmpty();
    assertThat(AssessedFiles.unseen(now, Set.of())).containsExactly(now);
  }
}
