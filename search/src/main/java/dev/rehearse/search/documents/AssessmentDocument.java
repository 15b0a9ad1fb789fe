package dev.rehearse.search.documents;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearse.core.assessment.Scores;
import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document of the {@code assessments} index: the full assessment of a session. Its scores
 * (overall, each dimension group, each dimension; null where not assessed) are fields at the top
 * level, named by {@code dev.rehearse.core.assessment.Scores}; beside them the session's
 * aggregates, its percentile ranks, the evidence and the feedback.
 *
 * @param notAssessed the dimensions this session has no score in
 * @param feedbackSource {@code offline}, or the LLM provider that wrote the feedback
 */
@FieldNames
public record AssessmentDocument(
    String sessionId,
    String userId,
    String interviewType,
    Optional<String> role,
    Optional<String> cohortId,
    String batchId,
    List<String> notAssessed,
    String feedbackSource,
    Instant computedAt,
    Instant answeredAt,
    @Field(Kind.SCORES) @JsonAnyGetter @JsonAnySetter Map<String, Double> scores,
    Optional<Double> averageWords,
    Optional<Double> averageWordsPerMinute,
    Optional<Double> averageFillersPerMinute,
    Optional<Double> averagePauseRatio,
    Optional<Double> averageResponseLatencyMs,
    Optional<Double> averageLexicalDiversity,
    Optional<Double> averageHedges,
    Optional<Double> averageSentiment,
    Optional<Double> starCompleteness,
    Optional<Double> overallRankAll,
    Optional<Double> overallRankType,
    Optional<Double> overallRankRole,
    Optional<Double> overallRankCohort,
    int answerCount,
    int answersWithResult,
    int longPauses,
    long totalWords,
    @Field(Kind.OPAQUE) Map<String, String> evidence,
    @Field(Kind.OPAQUE) JsonNode feedback) {

  public AssessmentDocument {
    scores = scores == null ? new LinkedHashMap<>() : scores;
    for (String name : scores.keySet()) {
      if (!Scores.all().contains(name)) {
        throw new IllegalArgumentException("an assessment has no field " + name);
      }
    }
  }
}
