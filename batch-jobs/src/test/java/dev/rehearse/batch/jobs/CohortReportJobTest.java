package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.BatchRunner;
import dev.rehearse.batch.LocalSpark;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.LakeDatasets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cohort report whose members have no answers, on a local lake. */
class CohortReportJobTest {

  private static final Instant DAY = Instant.parse("2026-12-03T00:00:00Z");

  private static SparkSession spark;

  @TempDir Path lakeDir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static BatchRequest report(String batchId, List<String> members) {
    return new BatchRequest(
        BatchRequest.SCHEMA_VERSION,
        batchId,
        BatchJob.COHORT_REPORT,
        "admin",
        List.of(),
        members,
        Optional.of("cohort-1"),
        Optional.empty(),
        Optional.empty(),
        false,
        Map.of(),
        DAY);
  }

  @Test
  void membersWithoutAnswersAreReportedAndNothingStaysCached() throws Exception {
    Lake lake = new Lake(spark, lakeDir.toUri().toString());
    spark
        .createDataFrame(
            List.of(BronzeAnswers.answer("s1", "someone-else", 0, 0.8, DAY)),
            BronzeAnswers.schema(LakeDatasets.BRONZE_ANSWERS))
        .write()
        .parquet(lake.uri(LakeDatasets.BRONZE_ANSWERS.resolve() + "/dt=2026-12-03"));
    RecordingIndex index = new RecordingIndex();
    CohortReportJob job =
        new CohortReportJob(spark, lake, index, Rubrics.builtIn(), 5, Optional.empty());

    long reported = job.run(report("b1", List.of("mx-member")), BatchRunner.Progress.NONE);

    assertThat(reported).isEqualTo(1);
    Path csv =
        lakeDir.resolve(LakeDatasets.COHORT_REPORTS.resolve("cohort-1", "b1") + "/members.csv");
    assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("mx-member");
    assertThat(index.assessed).isEmpty();
    // the runner lives for weeks: a report with nothing to assess leaves nothing cached
    assertThat(spark.sharedState().cacheManager().isEmpty()).as("nothing cached").isTrue();
  }
}
