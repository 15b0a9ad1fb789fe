package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code analytics-cohort-progress} index, which the Cohorts dashboard reads: one
 * assessed session of a cohort member, pseudonymised like {@link AnalyticsSessionDocument}, with
 * the member's progress (the how-manyth session of theirs it is) and the session's percentile ranks
 * against everyone and within the cohort. A cohort with fewer members who have sessions than {@code
 * REHEARSE_ANALYTICS_MIN_GROUP} is not published.
 *
 * @param sessionNumber 1 for the member's first assessed session, 2 for the next, and so on
 * @param cohortMembers the members of the cohort with assessed sessions
 * @param overallRankCohort the percentile rank (0–100) of the overall score within the cohort
 */
@FieldNames
public record AnalyticsCohortProgressDocument(
    String cohortId,
    String candidateKey,
    String sessionKey,
    int sessionNumber,
    Instant day,
    String interviewType,
    Optional<Double> overall,
    Optional<Double> communication,
    Optional<Double> content,
    Optional<Double> behavioural,
    Optional<Double> delivery,
    Optional<Double> starCompleteness,
    Optional<Double> overallRankAll,
    Optional<Double> overallRankCohort,
    long cohortMembers,
    String batchId,
    Instant computedAt) {}
