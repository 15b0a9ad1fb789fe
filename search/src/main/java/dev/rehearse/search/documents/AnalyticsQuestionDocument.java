package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;

/**
 * A document of the {@code analytics-questions} index, which analysts' Kibana data views read: the
 * answers one question got on one UTC day, aggregated. It names no user and quotes neither question
 * nor answer; a question and day answered by fewer candidates than {@code
 * REHEARSE_ANALYTICS_MIN_GROUP} is not published.
 *
 * @param answers the answers to the question that day
 * @param candidates the distinct candidates who gave them
 * @param meanScore the mean of the answers' scores (each the mean of its assessed dimensions,
 *     0–100)
 * @param scoreStd the population standard deviation of those scores
 * @param difficulty 100 minus the mean score: the harder the question, the higher
 * @param difficultyBand {@code easy} (difficulty below 35), {@code medium}, or {@code hard} (65 and
 *     above)
 * @param lowStarShare the share (0–1) of the answers whose STAR completeness is below one half
 */
@FieldNames
public record AnalyticsQuestionDocument(
    String questionId,
    String questionType,
    String interviewType,
    Instant day,
    long answers,
    long candidates,
    double meanScore,
    double scoreStd,
    double difficulty,
    String difficultyBand,
    double meanStarCompleteness,
    double lowStarShare,
    String batchId,
    Instant computedAt) {}
