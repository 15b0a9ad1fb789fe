package dev.rehearse.batch.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearse.batch.transforms.Assessments;
import dev.rehearse.batch.transforms.Delivery;
import dev.rehearse.batch.transforms.Feedback;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.core.json.Json;
import dev.rehearse.core.lake.AssessmentKeyFields;
import dev.rehearse.core.lake.AssessmentStatisticsFields;
import dev.rehearse.search.Indices;
import dev.rehearse.search.Replace;
import dev.rehearse.search.documents.AssessmentDocument;
import dev.rehearse.search.documents.AssessmentDocumentFields;
import dev.rehearse.search.documents.DocumentFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/** The {@code assessments} index documents of assessed sessions (rows of gold/assessments). */
public final class AssessmentDocuments {

  /** Turns feedback into its document form; mappers are thread-safe and costly to create. */
  private static final ObjectMapper FEEDBACK_MAPPER = Json.newMapper();

  private AssessmentDocuments() {}

  /** The index document of one assessed session, with the offline assessor's feedback. */
  public static Replace of(Row row, String batchId, String computedAt) {
    return of(row, batchId, computedAt, Optional.empty());
  }

  /** The index document of one assessed session, with {@code written} feedback if there is. */
  static Replace of(
      Row row, String batchId, String computedAt, Optional<LlmFeedback.Written> written) {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String field : row.schema().fieldNames()) {
      Object value = row.getAs(field);
      if (field.equals(AssessmentStatisticsFields.EVIDENCE)) {
        doc.put(field, row.getJavaMap(row.fieldIndex(field)));
      } else if (value instanceof java.sql.Timestamp t) {
        doc.put(field, t.toInstant().toString());
      } else if (value != null) {
        doc.put(field, value);
      }
    }
    List<String> notAssessed = new ArrayList<>(Assessments.NOT_ASSESSED);
    for (String d : Assessments.DIMENSIONS) {
      if (row.getAs(d) == null) {
        notAssessed.add(d);
      }
    }
    doc.put(AssessmentDocumentFields.NOT_ASSESSED, notAssessed);
    LlmFeedback.Input input = input(row);
    doc.put(
        AssessmentDocumentFields.FEEDBACK,
        FEEDBACK_MAPPER.valueToTree(
            written
                .map(LlmFeedback.Written::feedback)
                .orElseGet(() -> Feedback.of(input.scores(), input.overall()))));
    doc.put(
        AssessmentDocumentFields.FEEDBACK_SOURCE,
        written.map(LlmFeedback.Written::source).orElse("offline"));
    doc.put(AssessmentDocumentFields.BATCH_ID, batchId);
    doc.put(AssessmentDocumentFields.COMPUTED_AT, computedAt);
    return new Replace(
        Indices.ASSESSMENTS.alias(),
        row.getAs(AssessmentKeyFields.SESSION_ID),
        DocumentFields.of(doc, AssessmentDocument.class));
  }

  /** What feedback is written from: the dimension scores, the overall, the quoted answer. */
  static LlmFeedback.Input input(Row row) {
    Map<String, Double> scores = new HashMap<>();
    for (String d : Assessments.DIMENSIONS) {
      Object value = row.getAs(d);
      if (value == null && Delivery.DIMENSIONS.contains(d)) {
        // a session without audio: its feedback input (and cache key) as before delivery existed
        continue;
      }
      scores.put(d, value == null ? null : ((Number) value).doubleValue());
    }
    Object overall = row.getAs(Scores.OVERALL);
    Map<String, String> evidence =
        row.getJavaMap(row.fieldIndex(AssessmentStatisticsFields.EVIDENCE));
    return new LlmFeedback.Input(
        row.getAs(AssessmentKeyFields.SESSION_ID),
        row.getAs(AssessmentKeyFields.USER_ID),
        row.getAs(AssessmentKeyFields.INTERVIEW_TYPE),
        scores,
        overall == null ? null : ((Number) overall).doubleValue(),
        evidence == null ? null : evidence.get(Assessments.EVIDENCE_QUOTE));
  }
}
