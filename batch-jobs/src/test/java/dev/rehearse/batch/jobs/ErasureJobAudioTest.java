package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearse.batch.LocalSpark;
import dev.rehearse.core.events.BatchJob;
import dev.rehearse.core.events.BatchRequest;
import dev.rehearse.core.lake.LakeDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasure removes a user's spoken answers from the lake, and no one else's. */
class ErasureJobAudioTest {

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

  /** An index that holds nothing and records who was erased. */
  private static final class EmptyIndex implements SearchIndex {
    final List<String> erased = new ArrayList<>();

    @Override
    public void mergeAggregates(Dataset<Row> aggregates, String batchId) {}

    @Override
    public void writeAssessments(Dataset<Row> a, String batchId, Optional<LlmFeedback> llm) {}

    @Override
    public void replacePeerBenchmarks(List<Row> rows, String batchId) {}

    @Override
    public void replaceCohortBenchmarks(List<Row> rows, String batchId, String cohortId) {}

    @Override
    public Map<String, IndexedSession> indexedSessions(java.util.Collection<String> sessionIds) {
      return Map.of();
    }

    @Override
    public Erased eraseUsers(List<String> userIds) {
      erased.addAll(userIds);
      return new Erased(0, 0);
    }

    @Override
    public List<AnalyticsJob.SessionSpec> sessionSpecs(java.util.Collection<String> sessionIds) {
      return List.of();
    }

    @Override
    public long rebuild(
        dev.rehearse.search.Indices.Index index,
        Dataset<Row> rows,
        org.apache.spark.api.java.function.Function<Row, dev.rehearse.search.Replace> document) {
      return 0;
    }
  }

  private Path spoken(String user, String session, String command) throws Exception {
    Path file = lakeDir.resolve(LakeDatasets.audioKey(user, session, command));
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {'R', 'I', 'F', 'F'});
    return file;
  }

  @Test
  void theErasedUsersAudioFolderIsDeletedAndOthersAreKept() throws Exception {
    Path anasFirst = spoken("ana", "s1", "c1");
    Path anasSecond = spoken("ana", "s2", "c2");
    Path bobs = spoken("bob", "s3", "c3");
    EmptyIndex index = new EmptyIndex();
    BatchRequest erasure =
        new BatchRequest(
            BatchRequest.SCHEMA_VERSION,
            "erase-1",
            BatchJob.ERASURE,
            "admin",
            List.of(),
            List.of("ana"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Map.of(),
            Instant.parse("2026-11-25T10:00:00Z"));

    new ErasureJob(new Lake(spark, lakeDir.toUri().toString()), index).run(erasure);

    assertThat(index.erased).containsExactly("ana");
    assertThat(anasFirst).doesNotExist();
    assertThat(anasSecond).doesNotExist();
    assertThat(lakeDir.resolve(LakeDatasets.audioFolder("ana"))).doesNotExist();
    assertThat(bobs).exists();
    assertThat(lakeDir.resolve(LakeDatasets.GOLD_ERASURES.resolve() + "/erase-1.json")).exists();
  }
}
