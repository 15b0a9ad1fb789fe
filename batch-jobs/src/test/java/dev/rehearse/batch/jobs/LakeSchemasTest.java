package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.batch.LocalSpark;
import dev.rehearse.batch.transforms.AssessedFiles;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.batch.transforms.CohortReport;
import dev.rehearse.batch.transforms.Feedback;
import dev.rehearse.batch.transforms.PeerBenchmarks;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.batch.transforms.SessionAggregates;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.lake.ErasureFields;
import dev.rehearse.core.lake.LakeDataset;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.core.lake.LakeRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the jobs write to the lake has exactly the columns (and types) the registry, {@link
 * LakeDatasets}, documents: each gold dataset's transform is run on a few bronze answers built from
 * the registry's own bronze schema.
 */
class LakeSchemasTest {

  private static SparkSession spark;
  private static Dataset<Row> answers;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
    List<Row> rows = new ArrayList<>();
    for (int session = 0; session < 3; session++) {
      for (int question = 0; question < 2; question++) {
        rows.add(
            BronzeAnswers.answer(
                "s" + session,
                "u" + session,
                question,
                0.5,
                Instant.parse("2026-11-25T00:00:00Z")));
      }
    }
    answers = spark.createDataFrame(rows, BronzeAnswers.schema(LakeDatasets.BRONZE_ANSWERS));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sessionAggregatesHaveTheRegisteredColumns() {
    assertSchema(SessionAggregates.aggregate(answers), LakeDatasets.GOLD_SESSION_AGGREGATES);
  }

  @Test
  void assessmentsHaveTheRegisteredColumns() {
    assertSchema(assessed(), LakeDatasets.GOLD_ASSESSMENTS);
  }

  @Test
  void benchmarksHaveTheRegisteredColumns() {
    Dataset<Row> answerScores = Assessments.scoreAnswers(answers);
    Dataset<Row> scored = Assessments.sessions(answerScores, Rubrics.builtIn());
    assertSchema(PeerBenchmarks.of(scored, answerScores, 1), LakeDatasets.GOLD_BENCHMARKS);
  }

  @Test
  void assessedFilesHaveTheRegisteredColumns() {
    assertSchema(
        AssessedFiles.rows(spark, new String[] {"s3a://lake/bronze/answers/a.parquet"}),
        LakeDatasets.GOLD_ASSESSED_FILES);
  }

  @Test
  void cohortReportMembersHaveTheRegisteredColumns() {
    List<String> members = List.of("u0", "u1", "nobody");
    Dataset<Row> windowed =
        CohortReport.window(answers, members, Optional.empty(), Optional.empty());
    assertSchema(
        CohortReport.withScores(CohortReport.members(windowed, members), assessed()),
        LakeDatasets.COHORT_REPORTS);
  }

  @Test
  void erasureRecordsHaveTheRegisteredFields() {
    LakeRows.Erasure record =
        new LakeRows.Erasure(
            "b1", List.of("ab12"), 1, 2, 3, 4, 5, Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(fieldNames(record)).isEqualTo(LakeDatasets.GOLD_ERASURES.columnNames());
    assertThat(Json.newMapper().valueToTree(record).get(ErasureFields.COMPLETED_AT).asText())
        .isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void cachedFeedbackHasTheRegisteredFields() {
    LlmFeedback.Written written =
        new LlmFeedback.Written(Feedback.of(Map.of("clarity", 50.0), 50.0), "llm:groq/model");
    assertThat(fieldNames(written)).isEqualTo(LakeDatasets.GOLD_FEEDBACK_CACHE.columnNames());
  }

  private static Dataset<Row> assessed() {
    return Benchmarks.ranks(
        Assessments.sessions(Assessments.scoreAnswers(answers), Rubrics.builtIn()), 1);
  }

  private static void assertSchema(Dataset<Row> written, LakeDataset dataset) {
    Map<String, String> actual = new LinkedHashMap<>();
    for (StructField field : written.schema().fields()) {
      actual.put(field.name(), field.dataType().simpleString());
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (LakeDataset.Column column : dataset.columns()) {
      expected.put(column.name(), BronzeAnswers.sparkType(column.type()).simpleString());
    }
    assertThat(written.schema().fieldNames())
        .as("the columns of %s", dataset.path())
        .containsExactlyInAnyOrderElementsOf(dataset.columnNames());
    assertThat(actual).as("the column types of %s", dataset.path()).isEqualTo(expected);
  }

  private static List<String> fieldNames(Object value) {
    ObjectMapper mapper = Json.newMapper();
    JsonNode node = mapper.valueToTree(value);
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
