package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import dev.rehearse.search.documents.Field.Kind;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code sessions} index: an interview's spec, status, progress, summary and
 * (once a batch ran) its aggregate. The index mapping is derived from this record; a session is
 * written in parts as its events arrive, each part one of the nested records, merged by id, so any
 * field may be absent when it is read.
 */
@FieldNames
public record SessionDocument(
    Optional<String> sessionId,
    Optional<String> userId,
    Optional<String> type,
    Optional<String> role,
    Optional<String> seniority,
    Optional<String> company,
    Optional<String> language,
    @Field(Kind.TEXT) Optional<String> title,
    Optional<String> status,
    Optional<Integer> questionCount,
    Optional<Integer> questionsAsked,
    @Field(Kind.STORED_TEXT) Optional<String> currentQuestion,
    Optional<Instant> startedAt,
    Optional<Instant> updatedAt,
    Optional<Instant> completedAt,
    Optional<String> completionReason,
    Optional<Integer> answers,
    Optional<Long> totalWords,
    Optional<Double> averageWordsPerMinute,
    Optional<Integer> provisionalScore,
    Optional<Aggregate> aggregate) {

  /** The session as it starts. */
  public record Started(
      String sessionId,
      String userId,
      Instant updatedAt,
      String type,
      String role,
      String seniority,
      Optional<String> company,
      String language,
      @Field(Kind.TEXT) Optional<String> title,
      int questionCount,
      String status,
      Instant startedAt) {}

  /** The question the session is at. */
  public record Asked(
      String sessionId,
      String userId,
      Instant updatedAt,
      int questionsAsked,
      @Field(Kind.STORED_TEXT) String currentQuestion) {}

  /** The session as it ends, with its summary. */
  public record Completed(
      String sessionId,
      String userId,
      Instant updatedAt,
      String status,
      Instant completedAt,
      String completionReason,
      int questionsAsked,
      int answers,
      long totalWords,
      Optional<Double> averageWordsPerMinute,
      Optional<Integer> provisionalScore) {}

  /** The aggregate a batch computed from the session's answers in the lake. */
  public record Aggregated(String sessionId, String userId, Aggregate aggregate) {}

  /** The session's aggregate from the lake. */
  public record Aggregate(
      int answerCount,
      long totalWords,
      double averageWords,
      Optional<Double> averageWordsPerMinute,
      Instant firstAnswerAt,
      Instant lastAnswerAt,
      Instant computedAt,
      String batchId) {}

  /** The session statuses. */
  public static final String ACTIVE = "active";

  public static final String COMPLETED = "completed";
}
