package dev.rehearse.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocument;
import dev.rehearse.search.documents.AnalyticsQuestionDocument;
import dev.rehearse.search.documents.AnalyticsSessionDocument;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AnalyticsDocumentsTest {

  private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");
  private static final Timestamp DAY_TS = Timestamp.from(DAY);
  private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-03-02T10:00:00Z"));

  /** A row of these columns, in order. */
  private static Row row(Map<String, Object> columns) {
    StructType schema = new StructType();
    for (Map.Entry<String, Object> c : columns.entrySet()) {
      schema = schema.add(c.getKey(), type(c.getValue()));
    }
    return new GenericRowWithSchema(columns.values().toArray(), schema);
  }

  private static DataType type(Object value) {
    if (value instanceof Timestamp) {
      return DataTypes.TimestampType;
    }
    if (value instanceof Double) {
      return DataTypes.DoubleType;
    }
    if (value instanceof Long) {
      return DataTypes.LongType;
    }
    if (value instanceof Integer) {
      return DataTypes.IntegerType;
    }
    if (value instanceof Boolean) {
      return DataTypes.BooleanType;
    }
    return DataTypes.StringType;
  }

  private static Map<String, Object> session() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("candidateKey", "c".repeat(64));
    c.put("sessionKey", "s".repeat(64));
    c.put("interviewType", "behavioral");
    c.put("role", "other");
    c.put("seniority", null);
    c.put("language", "en");
    c.put("cohortId", null);
    c.put("day", DAY_TS);
    c.put("startedDay", null);
    c.put("completedDay", DAY_TS);
    c.put("completed", true);
    c.put("answerCount", 4);
    c.put("overall", 61.5);
    c.put("communication", 70.0);
    c.put("content", 55.0);
    c.put("behavioural", 60.0);
    c.put("delivery", null);
    c.put("averageWordsPerMinute", 131.0);
    c.put("fillersPerMinute", 2.5);
    c.put("pauseRatio", 0.2);
    c.put("responseLatencyMs", 900.0);
    c.put("starCompleteness", 0.75);
    c.put("overallRankAll", 40.0);
    c.put("batchId", "b1");
    c.put("computedAt", NOW);
    return c;
  }

  @Test
  void aSessionRowIsItsTypedDocumentKeyedByItsPseudonym() {
    Replace write = AnalyticsDocuments.session(row(session()));

    assertThat(write.alias()).isEqualTo(Indices.ANALYTICS_SESSIONS.alias());
    assertThat(write.id()).isEqualTo("s".repeat(64));
    AnalyticsSessionDocument doc = (AnalyticsSessionDocument) write.document();
    assertThat(doc.day()).isEqualTo(DAY);
    assertThat(doc.delivery()).isEmpty();
    assertThat(doc.role()).contains("other");
  }

  @Test
  void aRowWithAColumnTheDocumentLacksIsRefused() {
    Map<String, Object> columns = session();
    columns.put("userId", "u1");

    assertThatThrownBy(() -> AnalyticsDocuments.session(row(columns)))
        .hasMessageContaining("userId");
  }

  @Test
  void questionAndCohortDocumentsHaveIdsARebuildRepeats() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("questionId", "beh-017");
    q.put("questionType", "behavioral");
    q.put("interviewType", "mixed");
    q.put("day", DAY_TS);
    q.put("answers", 9L);
    q.put("candidates", 6L);
    q.put("meanScore", 58.0);
    q.put("scoreStd", 12.1);
    q.put("difficulty", 42.0);
    q.put("difficultyBand", "medium");
    q.put("meanStarCompleteness", 0.6);
    q.put("lowStarShare", 0.33);
    q.put("batchId", "b1");
    q.put("computedAt", NOW);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("cohortId", "cs-2026");
    p.put("candidateKey", "c".repeat(64));
    p.put("sessionKey", "s".repeat(64));
    p.put("sessionNumber", 2);
    p.put("day", DAY_TS);
    p.put("interviewType", "behavioral");
    p.put("overall", 70.0);
    p.put("communication", 70.0);
    p.put("content", 70.0);
    p.put("behavioural", 70.0);
    p.put("delivery", null);
    p.put("starCompleteness", 0.5);
    p.put("overallRankAll", 80.0);
    p.put("overallRankCohort", 100.0);
    p.put("cohortMembers", 5L);
    p.put("batchId", "b1");
    p.put("computedAt", NOW);

    Replace question = AnalyticsDocuments.question(row(q));
    Replace progress = AnalyticsDocuments.cohortProgress(row(p));

    assertThat(question.alias()).isEqualTo(Indices.ANALYTICS_QUESTIONS.alias());
    assertThat(question.id()).isEqualTo("beh-017/mixed/behavioral/2026-03-01");
    assertThat(question.document()).isInstanceOf(AnalyticsQuestionDocument.class);
    assertThat(AnalyticsDocuments.question(row(q)).id()).isEqualTo(question.id());
    assertThat(progress.alias()).isEqualTo(Indices.ANALYTICS_COHORT_PROGRESS.alias());
    assertThat(progress.id()).isEqualTo("cs-2026/" + "s".repeat(64));
    assertThat(((AnalyticsCohortProgressDocument) progress.document()).sessionNumber())
        .isEqualTo(2);
  }
}
