package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code analytics-sessions} index, which analysts' Kibana data views read: one
 * assessed session, pseudonymised. It names no user (the candidate is an HMAC-SHA-256 of their id
 * under a secret salt), holds no question, answer or profile text, and its times are whole UTC
 * days. A role, seniority, language or interview type with fewer candidates than {@code
 * REHEARSE_ANALYTICS_MIN_GROUP} reads {@code other}; a smaller cohort is left out.
 *
 * @param candidateKey the pseudonym of the candidate: the same for all their sessions in a batch
 * @param sessionKey the pseudonym of the session, its document id
 * @param day the UTC day of the session's last answer, the data views' time field
 * @param startedDay the UTC day the session started, where known
 * @param completedDay the UTC day the session completed, where it did
 * @param communication the score of the dimension group of that name, 0–100, null where not
 *     assessed; likewise {@code content}, {@code behavioural}, {@code delivery}
 * @param overallRankAll the percentile rank (0–100) of the overall score against everyone
 */
@FieldNames
public record AnalyticsSessionDocument(
    String candidateKey,
    String sessionKey,
    String interviewType,
    Optional<String> role,
    Optional<String> seniority,
    Optional<String> language,
    Optional<String> cohortId,
    Instant day,
    Optional<Instant> startedDay,
    Optional<Instant> completedDay,
    boolean completed,
    int answerCount,
    Optional<Double> overall,
    Optional<Double> communication,
    Optional<Double> content,
    Optional<Double> behavioural,
    Optional<Double> delivery,
    Optional<Double> averageWordsPerMinute,
    Optional<Double> fillersPerMinute,
    Optional<Double> pauseRatio,
    Optional<Double> responseLatencyMs,
    Optional<Double> starCompleteness,
    Optional<Double> overallRankAll,
    String batchId,
    Instant computedAt) {}
