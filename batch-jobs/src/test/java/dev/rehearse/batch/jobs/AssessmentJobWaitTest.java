package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.LocalSpark;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.LakeDatasets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an assessment of named sessions does before the heavy work, on a local lake: assesses the
 * sessions the lake has, and fails at once, with the reason, when one of them cannot get answers.
 * The clock stands still, so a job that waited would never end (the timeout fails the test).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AssessmentJobWaitTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final Instant FIVE_MINUTES_AGO = NOW.minusSeconds(300);

  private static SparkSession spark;

  @TempDir Path lakeDir;

  private Lake lake;
  private RecordingIndex index;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void lakeWithOneAnsweredSession() {
    lake = new Lake(spark, lakeDir.toUri().toString());
    index = new RecordingIndex();
    spark
        .createDataFrame(
            List.of(
                BronzeAnswers.answer("answered", "ana", 0, 0.8, NOW),
                BronzeAnswers.answer("answered", "ana", 1, 0.6, NOW)),
            BronzeAnswers.schema(LakeDatasets.BRONZE_ANSWERS))
        .write()
        .parquet(lake.uri(LakeDatasets.BRONZE_ANSWERS.resolve() + "/dt=2026-12-03"));
  }

  private AssessmentJob job() {
    return new AssessmentJob(
        lake,
        index,
        new AggregatePublisher(lake, index),
        new BenchmarkPublisher(lake, index, 5),
        Rubrics.builtIn(),
        5,
        Optional.empty(),
        Optional.empty(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static BatchRequest assess(Instant requestedAt, String... sessions) {
    return BatchRequest.sessions("b1", BatchJob.ASSESSMENT, "ana", List.of(sessions), requestedAt);
  }

  @Test
  void aSessionInTheLakeIsAssessedWithoutAskingTheIndex() throws Exception {
    long assessed = job().run(assess(NOW, "answered"), BatchRunner.Progress.NONE);

    assertThat(assessed).isEqualTo(1);
    assertThat(index.assessed).containsExactly("answered");
    assertThat(index.asked).isEmpty();
  }

  @Test
  void aQueuedAssessmentOfAnUnansweredSessionFailsAtOnceWithItsReason() {
    index.sessions.put(
        "silent",
        new SearchIndex.IndexedSession(
            Optional.of("active"), Optional.empty(), Optional.of(NOW.minusSeconds(900)), false));

    assertThatThrownBy(
            () -> job().run(assess(FIVE_MINUTES_AGO, "silent"), BatchRunner.Progress.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "session silent not answered: the index has no answer 300 s after the request"
                + " (last activity "
                + NOW.minusSeconds(900)
                + ")");
    assertThat(index.asked).containsExactly(List.of("silent"));
    assertThat(index.assessed).isEmpty();
  }

  @Test
  void aSessionTheIndexDoesNotKnowFailsTheBatchAndOnlyItIsAskedAbout() {
    // requested a minute ago (queued): past the grace, nothing is waited for
    Instant requested = NOW.minusSeconds(60);
    assertThatThrownBy(
            () -> job().run(assess(requested, "answered", "ghost"), BatchRunner.Progress.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("session ghost not in the sessions index: no such session");
    assertThat(index.asked).containsExactly(List.of("ghost"));
    assertThat(index.assessed).isEmpty();
  }
}
