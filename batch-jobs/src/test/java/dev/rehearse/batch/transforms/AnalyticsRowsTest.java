package dev.rehearse.batch.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rehearse.batch.LocalSpark;
import dev.rehearse.core.assessment.DimensionGroup;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocument;
import dev.rehearse.search.documents.AnalyticsQuestionDocument;
import dev.rehearse.search.documents.AnalyticsSessionDocument;
import dev.rehearse.search.documents.DocumentFields;
import dev.rehearse.search.documents.Mappings;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

class AnalyticsRowsTest {

  private static final String SALT = "a secret salt";
  private static final String BATCH = "b1";
  private static final String NOW = "2026-03-10T12:00:00Z";
  private static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * Seven candidates: u1…u6 backend engineers, u7 the only designer; u1 has two sessions, a day
   * apart, overall 50 then 70; the others score 10 × their number.
   */
  private Dataset<Row> assessed() {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("userId", DataTypes.StringType)
            .add("interviewType", DataTypes.StringType)
            .add("role", DataTypes.StringType)
            .add("overall", DataTypes.DoubleType);
    for (String group : DimensionGroup.wireNames()) {
      schema = schema.add(group, DataTypes.DoubleType);
    }
    schema =
        schema
            .add("answerCount", DataTypes.IntegerType)
            .add("averageWordsPerMinute", DataTypes.DoubleType)
            .add("averageFillersPerMinute", DataTypes.DoubleType)
            .add("averagePauseRatio", DataTypes.DoubleType)
            .add("averageResponseLatencyMs", DataTypes.DoubleType)
            .add("starCompleteness", DataTypes.DoubleType)
            .add("answeredAt", DataTypes.TimestampType)
            .add("overallRankAll", DataTypes.DoubleType)
            .add("evidence", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    rows.add(session(schema, "s1a", "u1", "backend", 50.0, DAY1.plusSeconds(3_600)));
    rows.add(session(schema, "s1b", "u1", "backend", 70.0, DAY1.plusSeconds(86_400 + 7_200)));
    for (int i = 2; i <= 6; i++) {
      rows.add(session(schema, "s" + i, "u" + i, "backend", 10.0 * i, DAY1.plusSeconds(60 * i)));
    }
    rows.add(session(schema, "s7", "u7", "designer", 90.0, DAY1.plusSeconds(600)));
    return spark.createDataFrame(rows, schema);
  }

  private static Row session(
      StructType schema, String id, String user, String role, double overall, Instant at) {
    Object[] v = new Object[schema.size()];
    v[0] = id;
    v[1] = user;
    v[2] = "behavioral";
    v[3] = role;
    v[4] = overall;
    int k = 5;
    for (int g = 0; g < DimensionGroup.values().length; g++) {
      v[k++] = g == 3 ? null : overall;
    }
    v[k++] = 4;
    v[k++] = 130.0;
    v[k++] = 2.5;
    v[k++] = 0.2;
    v[k++] = 900.0;
    v[k++] = 0.75;
    v[k++] = Timestamp.from(at);
    v[k++] = 40.0;
    v[k] = scala.collection.immutable.Map$.MODULE$.<String, String>empty();
    return RowFactory.create(v);
  }

  private Dataset<Row> specs() {
    StructType schema =
        new StructType()
            .add("sessionId", DataTypes.StringType)
            .add("language", DataTypes.StringType)
            .add("completedAt", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (String id : List.of("s1a", "s1b", "s2", "s3", "s4", "s5", "s6")) {
      rows.add(
          RowFactory.create(
              id, "en", id.equals("s1b") ? null : Timestamp.from(DAY1.plusSeconds(7_000))));
    }
    rows.add(RowFactory.create("s7", "fr", null));
    return spark.createDataFrame(rows, schema);
  }

  /** c-large: u1…u5; c-small: u6 and u7. */
  private Dataset<Row> members() {
    StructType schema =
        new StructType().add("userId", DataTypes.StringType).add("cohortId", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      rows.add(RowFactory.create("u" + i, "c-large"));
    }
    rows.add(RowFactory.create("u6", "c-small"));
    rows.add(RowFactory.create("u7", "c-small"));
    return spark.createDataFrame(rows, schema);
  }

  /** A row as the document fields a batch job would index: times as ISO-8601 text. */
  private static Map<String, Object> fields(Row row) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : row.schema().fieldNames()) {
      Object value = row.getAs(field);
      if (value instanceof Timestamp t) {
        doc.put(field, t.toInstant().toString());
      } else if (value != null) {
        doc.put(field, value);
      }
    }
    return doc;
  }

  private List<AnalyticsSessionDocument> sessionDocuments(int minGroup) {
    return AnalyticsRows.sessions(
            assessed(), Optional.of(specs()), Optional.of(members()), SALT, minGroup, BATCH, NOW)
        .collectAsList()
        .stream()
        .map(r -> DocumentFields.of(fields(r), AnalyticsSessionDocument.class))
        .toList();
  }

  @Test
  void sessionRowsAreTheDocumentsFieldsAndNameNoUser() {
    Dataset<Row> rows =
        AnalyticsRows.sessions(
            assessed(), Optional.of(specs()), Optional.of(members()), SALT, 5, BATCH, NOW);

    assertThat(rows.columns())
        .containsExactlyElementsOf(Mappings.properties(AnalyticsSessionDocument.class).keySet());
    List<AnalyticsSessionDocument> docs = sessionDocuments(5);
    assertThat(docs).hasSize(8);
    Map<String, List<AnalyticsSessionDocument>> byCandidate =
        docs.stream().collect(Collectors.groupingBy(AnalyticsSessionDocument::candidateKey));
    // one pseudonym per candidate, the HMAC of the id: the same in both of u1's sessions
    assertThat(byCandidate).hasSize(7);
    assertThat(byCandidate.get(AnalyticsRows.pseudonym(SALT, "u1"))).hasSize(2);
    assertThat(byCandidate.keySet())
        .allSatisfy(k -> assertThat(k).hasSize(64).doesNotContain("u1").doesNotContain("u7"))
        .doesNotContain(AnalyticsRows.pseudonym("another salt", "u1"));
    assertThat(docs)
        .extracting(AnalyticsSessionDocument::sessionKey)
        .doesNotHaveDuplicates()
        .contains(AnalyticsRows.pseudonym(SALT, "s1a"));
  }

  @Test
  void smallGroupsAreBucketedAndSmallCohortsLeftOut() {
    Map<String, AnalyticsSessionDocument> byCandidate =
        sessionDocuments(5).stream()
            .collect(
                Collectors.toMap(
                    AnalyticsSessionDocument::candidateKey, Function.identity(), (a, b) -> a));
    AnalyticsSessionDocument u1 = byCandidate.get(AnalyticsRows.pseudonym(SALT, "u1"));
    AnalyticsSessionDocument u6 = byCandidate.get(AnalyticsRows.pseudonym(SALT, "u6"));
    AnalyticsSessionDocument u7 = byCandidate.get(AnalyticsRows.pseudonym(SALT, "u7"));

    assertThat(u1.role()).contains("backend");
    assertThat(u1.language()).contains("en");
    assertThat(u1.cohortId()).contains("c-large");
    // the only designer, the only French speaker
    assertThat(u7.role()).contains(AnalyticsRows.OTHER);
    assertThat(u7.language()).contains(AnalyticsRows.OTHER);
    // a cohort of two is no cohort here
    assertThat(u6.cohortId()).isEmpty();
    assertThat(u7.cohortId()).isEmpty();
    // all seven are behavioural: the type stays; an unknown seniority stays unknown
    assertThat(u7.interviewType()).isEqualTo("behavioral");
    assertThat(u7.seniority()).isEmpty();
  }

  @Test
  void sessionTimesAreWholeDaysAndCompletionComesFromTheSpecs() {
    Map<String, AnalyticsSessionDocument> bySession =
        sessionDocuments(5).stream()
            .collect(Collectors.toMap(AnalyticsSessionDocument::sessionKey, Function.identity()));
    AnalyticsSessionDocument first = bySession.get(AnalyticsRows.pseudonym(SALT, "s1a"));
    AnalyticsSessionDocument second = bySession.get(AnalyticsRows.pseudonym(SALT, "s1b"));

    assertThat(first.day()).isEqualTo(DAY1);
    assertThat(second.day()).isEqualTo(DAY1.plusSeconds(86_400));
    assertThat(first.completed()).isTrue();
    assertThat(first.completedDay()).contains(DAY1);
    assertThat(second.completed()).isFalse();
    assertThat(first.overall()).contains(50.0);
    assertThat(first.delivery()).isEmpty();
    assertThat(first.fillersPerMinute()).contains(2.5);
    assertThat(first.computedAt()).isEqualTo(Instant.parse(NOW));
  }

  @Test
  void fewerCandidatesThanTheMinimumInAllPublishNothing() {
    assertThat(sessionDocuments(8)).isEmpty();
    assertThat(sessionDocuments(7)).hasSize(8);
  }

  /** Five candidates answer q1 on one day scoring 40…80; two answer q2. */
  private Dataset<Row> scoredAnswers() {
    StructType schema =
        new StructType()
            .add("userId", DataTypes.StringType)
            .add("questionId", DataTypes.StringType)
            .add("questionType", DataTypes.StringType)
            .add("interviewType", DataTypes.StringType)
            .add("starCompleteness", DataTypes.DoubleType)
            .add("at", DataTypes.TimestampType)
            .add("answer", DataTypes.StringType);
    for (String d : Assessments.DIMENSIONS) {
      schema = schema.add(d, DataTypes.DoubleType);
    }
    double[] stars = {0.25, 0.25, 0.75, 1.0, 1.0};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(answer(schema, "u" + i, "q1", 40.0 + 10 * i, stars[i]));
    }
    rows.add(answer(schema, "u0", "q2", 90.0, 1.0));
    rows.add(answer(schema, "u1", "q2", 90.0, 1.0));
    return spark.createDataFrame(rows, schema);
  }

  private static Row answer(
      StructType schema, String user, String question, double score, double star) {
    Object[] v = new Object[schema.size()];
    v[0] = user;
    v[1] = question;
    v[2] = "behavioral";
    v[3] = "behavioral";
    v[4] = star;
    v[5] = Timestamp.from(DAY1.plusSeconds(3_600));
    v[6] = "free text that must not be published";
    for (int k = 7; k < v.length; k++) {
      v[k] = score;
    }
    return RowFactory.create(v);
  }

  @Test
  void questionsOfEnoughCandidatesGetTheirMeanSpreadAndLowStarShare() {
    Dataset<Row> rows = AnalyticsRows.questions(scoredAnswers(), 5, BATCH, NOW);

    assertThat(rows.columns())
        .containsExactlyElementsOf(Mappings.properties(AnalyticsQuestionDocument.class).keySet());
    List<AnalyticsQuestionDocument> docs =
        rows.collectAsList().stream()
            .map(r -> DocumentFields.of(fields(r), AnalyticsQuestionDocument.class))
            .toList();
    // q2 had two candidates
    assertThat(docs).extracting(AnalyticsQuestionDocument::questionId).containsExactly("q1");
    AnalyticsQuestionDocument q1 = docs.get(0);
    assertThat(q1.answers()).isEqualTo(5);
    assertThat(q1.candidates()).isEqualTo(5);
    assertThat(q1.meanScore()).isEqualTo(60.0);
    assertThat(q1.scoreStd()).isCloseTo(Math.sqrt(200), within(0.06));
    assertThat(q1.difficulty()).isEqualTo(40.0);
    assertThat(q1.difficultyBand()).isEqualTo("medium");
    assertThat(q1.lowStarShare()).isEqualTo(0.4);
    assertThat(q1.day()).isEqualTo(DAY1);
    assertThat(AnalyticsRows.questions(scoredAnswers(), 2, BATCH, NOW).count()).isEqualTo(2);
  }

  @Test
  void cohortProgressNumbersEachMembersSessionsAndRanksWithinTheCohort() {
    Dataset<Row> rows = AnalyticsRows.cohortProgress(assessed(), members(), SALT, 5, BATCH, NOW);

    assertThat(rows.columns())
        .containsExactlyElementsOf(
            Mappings.properties(AnalyticsCohortProgressDocument.class).keySet());
    List<AnalyticsCohortProgressDocument> docs =
        rows.collectAsList().stream()
            .map(r -> DocumentFields.of(fields(r), AnalyticsCohortProgressDocument.class))
            .toList();
    // u1…u5 in c-large, u1 twice; c-small has two members and is left out
    assertThat(docs).hasSize(6).allMatch(d -> d.cohortId().equals("c-large"));
    assertThat(docs).allMatch(d -> d.cohortMembers() == 5);
    Map<String, AnalyticsCohortProgressDocument> bySession =
        docs.stream()
            .collect(
                Collectors.toMap(AnalyticsCohortProgressDocument::sessionKey, Function.identity()));
    AnalyticsCohortProgressDocument first = bySession.get(AnalyticsRows.pseudonym(SALT, "s1a"));
    AnalyticsCohortProgressDocument second = bySession.get(AnalyticsRows.pseudonym(SALT, "s1b"));
    assertThat(first.sessionNumber()).isEqualTo(1);
    assertThat(second.sessionNumber()).isEqualTo(2);
    assertThat(first.candidateKey()).isEqualTo(second.candidateKey());
    // overall scores in the cohort: 20, 30, 40, 50, 50(u1 first), 70(u1 second)
    assertThat(second.overallRankCohort()).contains(100.0);
    assertThat(bySession.get(AnalyticsRows.pseudonym(SALT, "s2")).overallRankCohort())
        .contains(0.0);
    assertThat(AnalyticsRows.cohortProgress(assessed(), members(), SALT, 6, BATCH, NOW).count())
        .isZero();
  }
}
