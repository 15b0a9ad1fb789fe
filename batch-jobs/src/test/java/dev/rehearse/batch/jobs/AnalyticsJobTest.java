package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.batch.LocalSpark;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Benchmarks;
import dev.rehearse.batch.transforms.Rubrics;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.lake.LakeDatasets;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocument;
import dev.rehearse.search.documents.AnalyticsQuestionDocument;
import dev.rehearse.search.documents.AnalyticsSessionDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytics job's wiring, short of Elasticsearch and Kafka: bronze answers of six candidates go
 * through the assessment's own transforms to rows shaped as {@code gold/assessments}, and with the
 * session specs (as the {@code sessions} index gives them) and the cohort memberships (as the
 * cohorts topic gives them) become the documents of the three analytics indices.
 */
class AnalyticsJobTest {

  private static final String SALT = "a salt kept secret";
  private static final Instant DAY = Instant.parse("2026-11-25T00:00:00Z");

  private static SparkSession spark;
  private static Dataset<Row> answerScores;
  private static Dataset<Row> assessed;
  private static List<Replace> sessionDocs;
  private static List<Replace> questionDocs;
  private static List<Replace> progressDocs;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
    List<Row> rows = new ArrayList<>();
    for (int user = 0; user < 6; user++) {
      for (int question = 0; question < 2; question++) {
        rows.add(BronzeAnswers.answer("s" + user, "user-" + user, question, 0.2 + 0.1 * user, DAY));
      }
    }
    Dataset<Row> answers =
        spark.createDataFrame(rows, BronzeAnswers.schema(LakeDatasets.BRONZE_ANSWERS));
    answerScores = Assessments.scoreAnswers(answers).cache();
    assessed = Benchmarks.ranks(Assessments.sessions(answerScores, Rubrics.builtIn()), 1).cache();
    AnalyticsJob.Rows analytics =
        AnalyticsJob.rows(
            assessed, answerScores, specs(), members(), SALT, 5, "b1", "2026-11-26T00:00:00Z");
    sessionDocs =
        analytics.sessions().collectAsList().stream().map(AnalyticsDocuments::session).toList();
    questionDocs =
        analytics.questions().collectAsList().stream().map(AnalyticsDocuments::question).toList();
    progressDocs =
        analytics.cohortProgress().collectAsList().stream()
            .map(AnalyticsDocuments::cohortProgress)
            .toList();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Specs of s0…s4 (s5 is not in the index): seniority and language, s0 completed. */
  private static List<AnalyticsJob.SessionSpec> specs() {
    List<AnalyticsJob.SessionSpec> specs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      specs.add(
          new AnalyticsJob.SessionSpec(
              "s" + i,
              Optional.of("senior"),
              Optional.of("en"),
              Optional.of(DAY.plusSeconds(3_600)),
              i == 0 ? Optional.of(DAY.plusSeconds(7_200)) : Optional.empty()));
    }
    return specs;
  }

  /** cohort-a: user-0…user-4, large enough for 5; cohort-b: user-5 alone. */
  private static List<CohortLog.Membership> members() {
    List<CohortLog.Membership> members = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      members.add(new CohortLog.Membership("user-" + i, "cohort-a"));
    }
    members.add(new CohortLog.Membership("user-5", "cohort-b"));
    return members;
  }

  @Test
  void everyAssessedSessionBecomesOneSessionDocumentWithItsSpecAndCohort() {
    List<Replace> docs = sessionDocs;

    assertThat(docs).hasSize(6);
    assertThat(docs).allSatisfy(d -> assertThat(d.alias()).isEqualTo("analytics-sessions"));
    List<AnalyticsSessionDocument> sessions =
        docs.stream().map(d -> (AnalyticsSessionDocument) d.document()).toList();
    // five sessions have a spec: their seniority and language are kept (5 candidates each)
    assertThat(sessions.stream().filter(s -> s.seniority().isPresent()).toList()).hasSize(5);
    assertThat(sessions.stream().filter(s -> s.language().equals(Optional.of("en"))).toList())
        .hasSize(5);
    assertThat(sessions.stream().filter(AnalyticsSessionDocument::completed).toList()).hasSize(1);
    assertThat(sessions.stream().filter(s -> s.startedDay().equals(Optional.of(DAY))).toList())
        .hasSize(5);
    // the large cohort is named; the one-member cohort is left out
    assertThat(sessions.stream().map(AnalyticsSessionDocument::cohortId).toList())
        .containsOnly(Optional.of("cohort-a"), Optional.empty())
        .filteredOn(Optional::isPresent)
        .hasSize(5);
    assertThat(sessions).allSatisfy(s -> assertThat(s.day()).isEqualTo(DAY));
    assertThat(sessions).allSatisfy(s -> assertThat(s.answerCount()).isEqualTo(2));
    assertThat(sessions.stream().map(AnalyticsSessionDocument::candidateKey).distinct()).hasSize(6);
  }

  @Test
  void questionAndCohortDocumentsComeOutOfTheSameRun() {
    List<AnalyticsQuestionDocument> questions =
        questionDocs.stream().map(r -> (AnalyticsQuestionDocument) r.document()).toList();
    List<AnalyticsCohortProgressDocument> progress =
        progressDocs.stream().map(r -> (AnalyticsCohortProgressDocument) r.document()).toList();

    // two questions, each answered by all six candidates on one day
    assertThat(questions)
        .extracting(AnalyticsQuestionDocument::questionId)
        .containsOnly("q0", "q1");
    assertThat(questions).allSatisfy(q -> assertThat(q.candidates()).isEqualTo(6));
    assertThat(progress).hasSize(5);
    assertThat(progress).allSatisfy(p -> assertThat(p.cohortId()).isEqualTo("cohort-a"));
    assertThat(progress).allSatisfy(p -> assertThat(p.cohortMembers()).isEqualTo(5));
  }

  @Test
  void noDocumentNamesAUserOrASessionById() {
    List<Replace> docs = new ArrayList<>(sessionDocs);
    docs.addAll(questionDocs);
    docs.addAll(progressDocs);
    ObjectMapper mapper = Json.newMapper();

    assertThat(docs).hasSizeGreaterThan(10);
    for (Replace doc : docs) {
      JsonNode json = mapper.valueToTree(doc.document());
      assertThat(json.has("userId")).as("%s has a userId", doc.id()).isFalse();
      assertThat(json.has("sessionId")).as("%s has a sessionId", doc.id()).isFalse();
      assertThat(json.toString() + doc.id()).doesNotContain("user-").doesNotContain("\"s0\"");
    }
    assertThat(docs.stream().map(Replace::alias).distinct())
        .containsExactlyInAnyOrder(
            Indices.ANALYTICS_SESSIONS.alias(),
            Indices.ANALYTICS_QUESTIONS.alias(),
            Indices.ANALYTICS_COHORT_PROGRESS.alias());
  }

  @Test
  void withoutSpecsOrCohortsTheSessionsAreStillPublished() {
    List<Row> sessions =
        AnalyticsJob.rows(
                assessed, answerScores, List.of(), List.of(), SALT, 5, "b1", "2026-11-26T00:00:00Z")
            .sessions()
            .collectAsList();

    assertThat(sessions).hasSize(6);
    assertThat(sessions.stream().map(AnalyticsDocuments::session))
        .allSatisfy(
            d -> {
              AnalyticsSessionDocument s = (AnalyticsSessionDocument) d.document();
              assertThat(s.seniority()).isEmpty();
              assertThat(s.cohortId()).isEmpty();
            });
  }

  @Test
  void theJobRefusesToRunWithoutASalt() {
    AnalyticsJob job =
        new AnalyticsJob(
            new Lake(spark, "file:///nonexistent-lake"), null, List::of, AnalyticsSettings.none());

    assertThatThrownBy(
            () ->
                job.run(
                    dev.rehearse.core.events.BatchRequest.sessions(
                        "b1",
                        dev.rehearse.core.events.BatchJob.ANALYTICS,
                        "operator",
                        List.of(),
                        Instant.EPOCH),
                    dev.rehearse.batch.BatchRunner.Progress.NONE))
        .hasMessageContaining(AnalyticsSettings.SALT_SETTING);
  }
}
