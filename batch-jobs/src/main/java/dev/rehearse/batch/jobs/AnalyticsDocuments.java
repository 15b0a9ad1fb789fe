package dev.rehearse.batch.jobs;

import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.AnalyticsCohortProgressDocument;
import dev.rehearse.search.documents.AnalyticsQuestionDocument;
import dev.rehearse.search.documents.AnalyticsSessionDocument;
import dev.rehearse.search.documents.DocumentFields;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The analytics index documents of the rows {@link dev.rehearse.batch.transforms.AnalyticsRows}
 * makes, each checked against its record (a column the record lacks, or a value of the wrong type,
 * fails here), with an id that a rebuild gives the same document again.
 */
public final class AnalyticsDocuments {

  private AnalyticsDocuments() {}

  /** An {@code analytics-sessions} document, by its session's pseudonym. */
  public static Replace session(Row row) {
    AnalyticsSessionDocument doc = DocumentFields.of(fields(row), AnalyticsSessionDocument.class);
    return new Replace(Indices.ANALYTICS_SESSIONS.alias(), doc.sessionKey(), doc);
  }

  /** An {@code analytics-questions} document, by question, types and day. */
  public static Replace question(Row row) {
    AnalyticsQuestionDocument doc = DocumentFields.of(fields(row), AnalyticsQuestionDocument.class);
    String id =
        String.join(
            "/",
            doc.questionId(),
            doc.interviewType(),
            doc.questionType(),
            LocalDate.ofInstant(doc.day(), ZoneOffset.UTC).toString());
    return new Replace(Indices.ANALYTICS_QUESTIONS.alias(), id, doc);
  }

  /** An {@code analytics-cohort-progress} document, by cohort and session pseudonym. */
  public static Replace cohortProgress(Row row) {
    AnalyticsCohortProgressDocument doc =
        DocumentFields.of(fields(row), AnalyticsCohortProgressDocument.class);
    return new Replace(
        Indices.ANALYTICS_COHORT_PROGRESS.alias(), doc.cohortId() + "/" + doc.sessionKey(), doc);
  }

  /** The row's non-null columns by name, times as ISO-8601 text. */
  static Map<String, Object> fields(Row row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : row.schema().fieldNames()) {
      Object value = row.getAs(name);
      if (value instanceof Timestamp t) {
        fields.put(name, t.toInstant().toString());
      } else if (value != null) {
        fields.put(name, value);
      }
    }
    return fields;
  }
}
