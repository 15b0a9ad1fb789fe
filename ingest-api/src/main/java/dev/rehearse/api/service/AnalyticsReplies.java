package dev.rehearse.api.service;

import dev.rehearse.fieldnames.FieldNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of the analytics replies: aggregates only, each echoing its query. A group with fewer
 * than {@code minGroupSize} candidates shows its size but none of its values ({@code suppressed}).
 */
public final class AnalyticsReplies {

  private AnalyticsReplies() {}

  /** Statistics and percentiles of the metric. */
  @FieldNames
  public record AnalyticsSummary(
      AnalyticsQuery query,
      int minGroupSize,
      long sessions,
      long candidates,
      Optional<Boolean> suppressed,
      Optional<String> detail,
      Optional<Long> count,
      Optional<Double> min,
      Optional<Double> max,
      Optional<Double> average,
      Optional<Map<String, Double>> percentiles) {}

  /** A histogram of the metric. */
  public record AnalyticsDistribution(
      AnalyticsQuery query,
      int minGroupSize,
      long candidates,
      Optional<Boolean> suppressed,
      Optional<String> detail,
      Optional<Double> bucketWidth,
      Optional<List<HistogramBucket>> buckets) {}

  /** The metric's average per calendar period. */
  @FieldNames
  public record AnalyticsTrends(
      AnalyticsQuery query, int minGroupSize, String interval, List<TrendPoint> points) {}

  /** The metric per group; groups below the minimum size are left out and counted. */
  @FieldNames
  public record AnalyticsBreakdown(
      AnalyticsQuery query,
      int minGroupSize,
      String by,
      List<BreakdownGroup> groups,
      Optional<Integer> suppressedGroups) {}

  /**
   * A cohort's average score per assessment dimension beside everyone's, over assessed sessions.
   * Each side is shown only for at least {@code minGroupSize} candidates; {@code suppressed} says
   * the cohort's side is withheld.
   */
  @FieldNames
  public record CohortDimensions(
      String cohortId,
      int minGroupSize,
      long candidates,
      long everyoneCandidates,
      Optional<Boolean> suppressed,
      Optional<String> detail,
      List<DimensionAverage> dimensions) {}

  /** One dimension: the cohort's and everyone's average score (0–100), where shown. */
  public record DimensionAverage(
      String dimension, Optional<Double> cohort, Optional<Double> everyone) {}

  /** One histogram bucket: its lower bound and its sessions. */
  public record HistogramBucket(double from, long count) {}

  /** One period of a trend. */
  public record TrendPoint(
      String start,
      long sessions,
      long candidates,
      Optional<Double> average,
      Optional<Boolean> suppressed) {}

  /** One group of a breakdown (a cohort group has its name). */
  public record BreakdownGroup(
      String group,
      Optional<String> name,
      long sessions,
      long candidates,
      Optional<Double> average,
      Map<String, Double> percentiles) {}
}
